package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.ConnectionSettings.DisconnectedBehavior;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pacer against a socket probe, with ManualTime driving the one-second window: rate, FIFO order, the queue bound
 * and what happens to requests while there is no READY socket.
 */
class PacerTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());

    /** The pacer's window: every message holds its slot this long. */
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final ConnectionSettings DEFAULTS = TwsSettings.defaults().connection();
    private static final int SERVER_VERSION = ServerVersion.MAX_SUPPORTED;
    private static final String REQ_CURRENT_TIME = String.valueOf(OutgoingMessageId.REQ_CURRENT_TIME.code());

    private final TestProbe<SocketActor.Command> socket = testKit.createTestProbe(SocketActor.Command.class);
    private final TestProbe<OutboundRequest.Outcome> replies = testKit.createTestProbe(OutboundRequest.Outcome.class);
    private final List<ActorRef<Pacer.Command>> pacers = new ArrayList<>();
    private ConnectionMetrics metrics;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stopPacers() {
        pacers.forEach(testKit::stop);
    }

    private ActorRef<Pacer.Command> pacer(int messagesPerSecond, int queueSize, DisconnectedBehavior behavior) {
        metrics = new ConnectionMetrics();
        ActorRef<Pacer.Command> pacer = testKit.spawn(Pacer.create(DEFAULTS.withPacing(
                new ConnectionSettings.Pacing(messagesPerSecond, queueSize), behavior), metrics));
        pacers.add(pacer);
        return pacer;
    }

    /** A distinct frame per request number, so that order can be checked on the socket side. */
    private static byte[] frame(int n) {
        return FieldWriter.frameOf(List.of(REQ_CURRENT_TIME, "1", String.valueOf(n)));
    }

    private OutboundRequest request(int n) {
        return new OutboundRequest(n, "request " + n, version -> frame(n), replies.ref());
    }

    private void enqueueAll(ActorRef<Pacer.Command> pacer, int from, int to) {
        for (int n = from; n <= to; n++) {
            pacer.tell(new Pacer.Enqueue(request(n)));
        }
    }

    private static int numberOf(SocketActor.Command command) {
        SocketActor.Send send = assertInstanceOf(SocketActor.Send.class, command);
        byte[] payload = Arrays.copyOfRange(send.frame(), WireLimits.LENGTH_PREFIX_BYTES, send.frame().length);
        return Integer.parseInt(Frames.fields(payload).get(2));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /** Expects exactly the requests {@code from..to}, in that order, then nothing more on the socket. */
    private static void expectSends(TestProbe<SocketActor.Command> on, int from, int to) {
        List<Integer> numbers = on.receiveSeveralMessages(to - from + 1).stream().map(PacerTest::numberOf)
                .collect(Collectors.toList());
        assertEquals(range(from, to), numbers);
        on.expectNoMessage();
    }

    private void expectSent(int from, int to, long epoch) {
        for (int n = from; n <= to; n++) {
            replies.expectMessage(new OutboundRequest.Sent(n, epoch));
        }
    }

    private OutboundRequest.Rejected expectRejected(int n, OutboundRequest.Reason reason) {
        OutboundRequest.Rejected rejected = replies.expectMessageClass(OutboundRequest.Rejected.class);
        assertEquals(n, rejected.requestId(), rejected.toString());
        assertEquals(reason, rejected.reason(), rejected.toString());
        assertEquals("request " + n, rejected.description());
        return rejected;
    }

    @Test
    void sendsTheRateAtOnceAndTheRestSecondBySecondInFifoOrder() {
        int rate = 5;
        long epoch = 7;
        ActorRef<Pacer.Command> pacer = pacer(rate, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(epoch, socket.ref(), SERVER_VERSION));
        int total = 2 * rate + 2;
        enqueueAll(pacer, 1, total);

        expectSends(socket, 1, rate);
        expectSent(1, rate, epoch);
        replies.expectNoMessage();

        manualTime.timePasses(WINDOW);
        expectSends(socket, rate + 1, 2 * rate);
        manualTime.timePasses(WINDOW);
        expectSends(socket, 2 * rate + 1, total);
        expectSent(rate + 1, total, epoch);
        assertEquals(total, metrics.messagesOut());
    }

    @Test
    void theFramesAreTheEncodersBytes() {
        ActorRef<Pacer.Command> pacer = pacer(DEFAULTS.pacing().messagesPerSecond(), DEFAULTS.pacing().queueSize(),
                DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        pacer.tell(new Pacer.Enqueue(request(42)));
        assertArrayEquals(frame(42), socket.expectMessageClass(SocketActor.Send.class).frame());
    }

    @Test
    void theWindowSlidesFromTheFirstSendsNotFromTheLaterRequests() {
        int rate = 4;
        Duration half = WINDOW.dividedBy(2);
        Duration justBefore = WINDOW.minus(half).minusMillis(1);
        ActorRef<Pacer.Command> pacer = pacer(rate, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        enqueueAll(pacer, 1, rate);
        expectSends(socket, 1, rate);

        manualTime.timePasses(half);
        enqueueAll(pacer, rate + 1, 2 * rate);
        socket.expectNoMessage();
        manualTime.timePasses(justBefore);
        socket.expectNoMessage();
        manualTime.timePasses(WINDOW.minus(half).minus(justBefore));
        expectSends(socket, rate + 1, 2 * rate);
    }

    @Test
    void eachMessageFreesItsOwnSlotOneSecondAfterItWasSent() {
        int rate = 2;
        Duration half = WINDOW.dividedBy(2);
        ActorRef<Pacer.Command> pacer = pacer(rate, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        enqueueAll(pacer, 1, 1);
        expectSends(socket, 1, 1);
        manualTime.timePasses(half);
        enqueueAll(pacer, 2, 4);
        expectSends(socket, 2, 2);

        manualTime.timePasses(half); // request 1's slot is free, request 2's is not
        expectSends(socket, 3, 3);
        manualTime.timePasses(half); // request 2's slot
        expectSends(socket, 4, 4);
    }

    @Test
    void aFullQueueRejectsTheNewRequestWhileDisconnectedAndNeverGrows() {
        int queueSize = 3;
        ActorRef<Pacer.Command> pacer = pacer(ConnectionSettings.TWS_MESSAGE_RATE_LIMIT, queueSize,
                DisconnectedBehavior.QUEUE);
        enqueueAll(pacer, 1, queueSize + 1);

        OutboundRequest.Rejected rejected = expectRejected(queueSize + 1, OutboundRequest.Reason.QUEUE_FULL);
        assertTrue(rejected.message().contains(String.valueOf(queueSize)), rejected.message());
        replies.expectNoMessage();
        socket.expectNoMessage();

        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        expectSends(socket, 1, queueSize);
        expectSent(1, queueSize, 1);
        replies.expectNoMessage();
    }

    @Test
    void aFullQueueRejectsWhileRateLimitedAndTakesRequestsAgainOnceItDrains() {
        int rate = 2;
        int queueSize = 3;
        ActorRef<Pacer.Command> pacer = pacer(rate, queueSize, DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        int accepted = rate + queueSize;
        enqueueAll(pacer, 1, accepted + 2);

        expectSends(socket, 1, rate);
        expectSent(1, rate, 1);
        expectRejected(accepted + 1, OutboundRequest.Reason.QUEUE_FULL);
        expectRejected(accepted + 2, OutboundRequest.Reason.QUEUE_FULL);
        replies.expectNoMessage();

        manualTime.timePasses(WINDOW);
        expectSends(socket, rate + 1, 2 * rate);
        manualTime.timePasses(WINDOW);
        expectSends(socket, 2 * rate + 1, accepted);
        expectSent(rate + 1, accepted, 1);

        pacer.tell(new Pacer.Enqueue(request(accepted + 3)));
        manualTime.timePasses(WINDOW);
        expectSends(socket, accepted + 3, accepted + 3);
        expectSent(accepted + 3, accepted + 3, 1);
    }

    @Test
    void failBehaviourRejectsWhileThereIsNoSocket() {
        ActorRef<Pacer.Command> pacer = pacer(DEFAULTS.pacing().messagesPerSecond(), DEFAULTS.pacing().queueSize(),
                DisconnectedBehavior.FAIL);
        enqueueAll(pacer, 1, 1);
        expectRejected(1, OutboundRequest.Reason.NOT_CONNECTED);

        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        socket.expectNoMessage();
        enqueueAll(pacer, 2, 2);
        expectSends(socket, 2, 2);
        expectSent(2, 2, 1);

        pacer.tell(Pacer.SocketGone.INSTANCE);
        enqueueAll(pacer, 3, 3);
        expectRejected(3, OutboundRequest.Reason.NOT_CONNECTED);
        pacer.tell(new Pacer.SocketReady(2, socket.ref(), SERVER_VERSION));
        socket.expectNoMessage();
    }

    @Test
    void requestsQueuedWhileDisconnectedGoOutOnTheNextReadySocketEncodedForItsVersion() {
        long epoch = 3;
        int negotiated = ServerVersion.MIN_SUPPORTED;
        ActorRef<Pacer.Command> pacer = pacer(DEFAULTS.pacing().messagesPerSecond(), DEFAULTS.pacing().queueSize(),
                DisconnectedBehavior.QUEUE);
        for (int n = 1; n <= 3; n++) {
            int id = n;
            pacer.tell(new Pacer.Enqueue(new OutboundRequest(n, "request " + n,
                    version -> FieldWriter.frameOf(List.of(REQ_CURRENT_TIME, "1", String.valueOf(id),
                            String.valueOf(version))), replies.ref())));
        }
        replies.expectNoMessage();
        socket.expectNoMessage();

        LoggingTestKit.info("queued while not READY").withMessageContains("3").expect(testKit.system(), () -> {
            pacer.tell(new Pacer.SocketReady(epoch, socket.ref(), negotiated));
            return null;
        });
        for (int n = 1; n <= 3; n++) {
            byte[] frame = socket.expectMessageClass(SocketActor.Send.class).frame();
            byte[] expected = FieldWriter.frameOf(List.of(REQ_CURRENT_TIME, "1", String.valueOf(n),
                    String.valueOf(negotiated)));
            assertArrayEquals(expected, frame, "request " + n);
        }
        expectSent(1, 3, epoch);
    }

    @Test
    void anEncoderThatRefusesItsArgumentsRejectsThatRequestOnlyAndTakesNoSlot() {
        ActorRef<Pacer.Command> pacer = pacer(1, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        String problem = "contract has no symbol";
        pacer.tell(new Pacer.Enqueue(new OutboundRequest(1, "request 1", version -> {
            throw new IllegalArgumentException(problem);
        }, replies.ref())));
        enqueueAll(pacer, 2, 2);

        OutboundRequest.Rejected rejected = expectRejected(1, OutboundRequest.Reason.INVALID);
        assertTrue(rejected.message().contains(problem), rejected.message());
        expectSent(2, 2, 1);
        expectSends(socket, 2, 2);
    }

    @Test
    void shutdownRejectsEverythingQueuedAndEverythingLater() {
        ActorRef<Pacer.Command> pacer = pacer(DEFAULTS.pacing().messagesPerSecond(), DEFAULTS.pacing().queueSize(),
                DisconnectedBehavior.QUEUE);
        enqueueAll(pacer, 1, 3);
        replies.expectNoMessage();
        pacer.tell(Pacer.Shutdown.INSTANCE);
        for (int n = 1; n <= 3; n++) {
            expectRejected(n, OutboundRequest.Reason.CLOSED);
        }
        enqueueAll(pacer, 4, 4);
        expectRejected(4, OutboundRequest.Reason.CLOSED);

        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        enqueueAll(pacer, 5, 5);
        expectRejected(5, OutboundRequest.Reason.CLOSED);
        socket.expectNoMessage();
    }

    @Test
    void shutdownWhileRateLimitedRejectsWhatWaitsAndSendsNothingMore() {
        ActorRef<Pacer.Command> pacer = pacer(1, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        enqueueAll(pacer, 1, 3);
        expectSends(socket, 1, 1);
        expectSent(1, 1, 1);
        pacer.tell(Pacer.Shutdown.INSTANCE);
        expectRejected(2, OutboundRequest.Reason.CLOSED);
        expectRejected(3, OutboundRequest.Reason.CLOSED);
        manualTime.timePasses(WINDOW);
        socket.expectNoMessage();
        replies.expectNoMessage();
    }

    @Test
    void socketGoneHoldsRequestsForTheNextSocket() {
        TestProbe<SocketActor.Command> nextSocket = testKit.createTestProbe(SocketActor.Command.class);
        ActorRef<Pacer.Command> pacer = pacer(DEFAULTS.pacing().messagesPerSecond(), DEFAULTS.pacing().queueSize(),
                DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        enqueueAll(pacer, 1, 1);
        expectSends(socket, 1, 1);
        expectSent(1, 1, 1);

        pacer.tell(Pacer.SocketGone.INSTANCE);
        enqueueAll(pacer, 2, 3);
        socket.expectNoMessage();
        replies.expectNoMessage();

        pacer.tell(new Pacer.SocketReady(2, nextSocket.ref(), SERVER_VERSION));
        expectSends(nextSocket, 2, 3);
        expectSent(2, 3, 2);
        socket.expectNoMessage();
    }

    @Test
    void logsWhenPacingStartsAndEnds() {
        int rate = 2;
        int total = 2 * rate + 1;
        int delayed = total - rate;
        ActorRef<Pacer.Command> pacer = pacer(rate, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));

        LoggingTestKit.info("Pacing started").withMessageContains(rate + " messages/s").expect(testKit.system(),
                () -> {
                    enqueueAll(pacer, 1, total);
                    expectSends(socket, 1, rate);
                    return null;
                });
        LoggingTestKit.info("Pacing ended").withOccurrences(0).expect(testKit.system(), () -> {
            manualTime.timePasses(WINDOW);
            expectSends(socket, rate + 1, 2 * rate);
            return null;
        });
        LoggingTestKit.info("Pacing ended").withMessageContains(delayed + " requests were delayed")
                .expect(testKit.system(), () -> {
                    manualTime.timePasses(WINDOW);
                    expectSends(socket, 2 * rate + 1, total);
                    return null;
                });
    }

    @Test
    void noPacingLogWhileUnderTheRate() {
        int rate = 3;
        ActorRef<Pacer.Command> pacer = pacer(rate, DEFAULTS.pacing().queueSize(), DisconnectedBehavior.QUEUE);
        pacer.tell(new Pacer.SocketReady(1, socket.ref(), SERVER_VERSION));
        LoggingTestKit.info("Pacing").withOccurrences(0).expect(testKit.system(), () -> {
            enqueueAll(pacer, 1, rate);
            expectSends(socket, 1, rate);
            return null;
        });
    }
}
