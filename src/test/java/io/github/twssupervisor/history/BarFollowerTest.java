package io.github.twssupervisor.history;

import static io.github.twssupervisor.testutil.ConnectionEvents.error;
import static io.github.twssupervisor.testutil.ConnectionEvents.lost;
import static io.github.twssupervisor.testutil.ConnectionEvents.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.testutil.ManualClock;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A keepUpToDate series ({@link BarFollower}) with probes: its first request admitted by the pacer, Bars / End /
 * Updates passed on, a lost connection as Interrupted with its pacing slot released, the catch-up asked for the gap,
 * merged by bar time and followed by Resumed, a second 162 ending it with TWS's text, and the subscriber leaving
 * cancelling the request at TWS.
 */
class BarFollowerTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load("application-test"));
    private static final HistoricalRequest KEEP = new HistoricalRequest(Contract.stock("AAPL"), "", "1 D", "5 secs",
            "TRADES", false, 2, true);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T15:00:00Z"));
    private final TestProbe<Pacer.Command> wire = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<RequestEvent> pacer = testKit.createTestProbe(RequestEvent.class);
    private final TestProbe<EventBatch<HistoricalDataEvent>> subscriber = testKit.createTestProbe();
    private ActorRef<ConnectionEvent> connection;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private ActorRef<RequestEvent> follow() {
        ActorRef<RequestEvent> follower = testKit.spawn(BarFollower.create(KEEP, subscriber.ref(),
                new SubscriptionPorts(wire.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(),
                        testKit.<Retirement>createTestProbe().ref()), pacer.ref(), clock));
        ConnectionSupervisor.Command m = supervisor.receiveMessage();
        while (m instanceof ConnectionSupervisor.Unsubscribe) { // an earlier follower's goodbye
            m = supervisor.receiveMessage();
        }
        connection = assertInstanceOf(ConnectionSupervisor.Subscribe.class, m).subscriber();
        return follower;
    }

    /** The pacer admits what the follower asks for; returns its request id and the frame's duration field. */
    private int admit(ActorRef<RequestEvent> follower, long slot, String duration) {
        HistoricalPacer.Admit admit = pacer.expectMessageClass(HistoricalPacer.Admit.class);
        assertEquals(KEEP.withDuration(duration), admit.request());
        admit.follower().tell(new BarFollower.Admitted(slot));
        int reqId = assertInstanceOf(RouteKey.RequestId.class,
                registration().key()).id();
        OutboundRequest out = wire.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(reqId, out.requestId());
        assertTrue(text(out.encoder().apply(200)).contains("|5 secs|" + duration + "|0|TRADES|2|1|"),
                text(out.encoder().apply(200)));
        out.replyTo().tell(new OutboundRequest.Sent(reqId, 1));
        return reqId;
    }

    private static Bar bar(long epoch, double close) {
        return new Bar(Long.toString(epoch), close, close, close, close, BigDecimal.ONE, BigDecimal.ONE, 1);
    }

    private HistoricalDataEvent next() {
        List<HistoricalDataEvent> events = subscriber.receiveMessage().events();
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    @Test
    void aGapIsMarkedAskedForThroughThePacerAndFilledByBarTime() {
        ActorRef<RequestEvent> follower = follow();
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        admit(follower, 1, "1 D");
        follower.tell(new HistoricalDataEvent.Bars(List.of(bar(100, 1), bar(105, 2)), "", ""));
        follower.tell(new HistoricalDataEvent.End("s", "e"));
        follower.tell(new HistoricalDataEvent.Update(bar(105, 2.5)));
        assertEquals(new HistoricalDataEvent.Bars(List.of(bar(100, 1), bar(105, 2)), "", ""), next());
        assertEquals(new HistoricalDataEvent.End("s", "e"), next());
        assertEquals(new HistoricalDataEvent.Update(bar(105, 2.5)), next());

        connection.tell(lost(ConnectionState.READY));
        assertInstanceOf(Lifecycle.Interrupted.class, ((HistoricalDataEvent.Status) next()).lifecycle());
        assertEquals(new HistoricalPacer.Release(1), pacer.receiveMessage());
        dispatcher.expectMessageClass(Dispatcher.UnregisterOwner.class);

        clock.advance(Duration.ofSeconds(60));
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        int catchUp = admit(follower, 2, (60 + 1 + 2 * 5) + " S");
        follower.tell(new HistoricalDataEvent.Bars(List.of(bar(100, 1), bar(105, 2.7), bar(110, 3), bar(115, 4)),
                "", ""));
        follower.tell(new HistoricalDataEvent.End("s2", "e2"));
        assertEquals(List.of(new HistoricalDataEvent.Update(bar(105, 2.7)), new HistoricalDataEvent.Update(bar(110, 3)),
                new HistoricalDataEvent.Update(bar(115, 4))), subscriber.receiveMessage().events());
        assertEquals(new HistoricalDataEvent.Status(new Lifecycle.Resumed(true)), next());
        assertTrue(catchUp > 0);
    }

    @Test
    void aCatchUpThatWaitedInThePacersQueueCoversTheGapUpToWhenItIsSent() {
        ActorRef<RequestEvent> follower = follow();
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        admit(follower, 1, "1 D");
        follower.tell(new HistoricalDataEvent.Bars(List.of(bar(100, 1)), "", ""));
        connection.tell(lost(ConnectionState.READY));
        pacer.expectMessage(new HistoricalPacer.Release(1));
        clock.advance(Duration.ofSeconds(60));
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        HistoricalPacer.Admit asked = pacer.expectMessageClass(HistoricalPacer.Admit.class);
        assertEquals("71 S", asked.request().duration(), "60 s since the data, 1 s, two 5-second bars");

        clock.advance(Duration.ofSeconds(30)); // the pacer held it for TWS's windows
        asked.follower().tell(new BarFollower.Admitted(2));
        registration();
        OutboundRequest out = wire.expectMessageClass(Pacer.Enqueue.class).request();
        assertTrue(text(out.encoder().apply(200)).contains("|5 secs|101 S|"), text(out.encoder().apply(200)));
    }

    @Test
    void aSecond162EndsTheSeriesWithTwsTextAndAFatalErrorEndsItToo() {
        ActorRef<RequestEvent> follower = follow();
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        int reqId = admit(follower, 1, "1 D");
        follower.tell(error(reqId, TwsErrorCode.HISTORICAL_DATA_SERVICE, "pacing violation"));
        assertEquals(new HistoricalPacer.Refused162(1, "pacing violation"), pacer.receiveMessage());
        follower.tell(new BarFollower.PacingFailed("pacing violation"));
        assertEquals(new HistoricalDataEvent.Status(new Lifecycle.Ended(TwsErrorCode.HISTORICAL_DATA_SERVICE,
                "pacing violation")), next());
        testKit.createTestProbe().expectTerminated(follower);

        ActorRef<RequestEvent> other = follow();
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        int id = admit(other, 2, "1 D");
        other.tell(error(id, 2174, "a warning"));
        assertEquals(new HistoricalDataEvent.Status(new Lifecycle.Warning(2174, "a warning")), next());
        other.tell(error(id, TwsErrorCode.NO_SECURITY_DEFINITION, "No security definition"));
        assertEquals(new HistoricalDataEvent.Status(new Lifecycle.Ended(TwsErrorCode.NO_SECURITY_DEFINITION,
                "No security definition")), next());
        testKit.createTestProbe().expectTerminated(other);
    }

    @Test
    void theSubscriberLeavingCancelsAtTwsAndReleasesTheSlot() {
        TestProbe<EventBatch<HistoricalDataEvent>> gone = testKit.createTestProbe();
        ActorRef<RequestEvent> follower = testKit.spawn(BarFollower.create(KEEP, gone.ref(),
                new SubscriptionPorts(wire.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(),
                        testKit.<Retirement>createTestProbe().ref()), pacer.ref(), clock));
        connection = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class).subscriber();
        connection.tell(ready(ConnectionState.HANDSHAKING, false));
        int reqId = admit(follower, 5, "1 D");
        gone.stop();
        assertEquals("25|1|" + reqId + "|", text(wire.expectMessageClass(Pacer.Enqueue.class).request().encoder()
                .apply(200)));
        assertEquals(new HistoricalPacer.Release(5), pacer.receiveMessage());
        testKit.createTestProbe().expectTerminated(follower);
    }

    private static String text(byte[] frame) {
        return new String(Arrays.copyOfRange(frame, 4, frame.length), StandardCharsets.US_ASCII).replace('\0', '|');
    }

    /** The next registration with the dispatcher, past the goodbyes of requests that finished. */
    private Dispatcher.RegisterOwner registration() {
        Dispatcher.Command m = dispatcher.receiveMessage();
        while (m instanceof Dispatcher.UnregisterOwner) {
            m = dispatcher.receiveMessage();
        }
        return assertInstanceOf(Dispatcher.RegisterOwner.class, m);
    }
}
