package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.wire.SessionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** reqCurrentTime on the caller's thread: only with the gate's permission, told to the pacer, answered or timed out. */
class CurrentTimeLaneTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration LONG = Duration.ofSeconds(30);

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<SocketActor.Command> socketActor = testKit.createTestProbe(SocketActor.Command.class);
    private final List<byte[]> written = new CopyOnWriteArrayList<>();
    private final SendGate gate = new SendGate();
    private final CurrentTimeLane lane = new CurrentTimeLane(gate, pacer.ref());
    private final SessionInbox inbox = new SessionInbox(testKit.createTestProbe(ConnectionSupervisor.Command.class)
            .ref(), lane.waiters());

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private void openGate(long epoch) {
        gate.open(new Pacer.SocketReady(epoch, socketActor.ref(), written::add, 200));
    }

    @Test
    void withoutThePermissionTheCallerGoesTheUsualWay() {
        assertTrue(lane.tryNow(LONG, testKit.system()).isEmpty());
        assertTrue(written.isEmpty());
        pacer.expectNoMessage();
    }

    @Test
    void withItTheRequestIsWrittenHereThePacerToldAndTheSocketsAnswerCompletesIt() throws Exception {
        openGate(3);
        CompletableFuture<Instant> answer = lane.tryNow(LONG, testKit.system()).orElseThrow().toCompletableFuture();

        assertEquals(1, written.size());
        assertArrayEquals(SessionCodec.reqCurrentTime(), written.get(0));
        pacer.expectMessage(new Pacer.DirectSent(3));
        assertTrue(lane.tryNow(LONG, testKit.system()).isEmpty(), "the permission was used up");

        inbox.received(3, new SessionEvent.CurrentTime(1_700_000_000L));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), answer.get(5, TimeUnit.SECONDS));
    }

    @Test
    void noAnswerWithinTheTimeoutFailsIt() {
        openGate(1);
        CompletableFuture<Instant> answer = lane.tryNow(Duration.ofMillis(200), testKit.system()).orElseThrow()
                .toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("200 ms"), e.getCause().getMessage());
    }

    @Test
    void aLostConnectionFailsItThroughTheSupervisorsWaiters() {
        openGate(1);
        CompletableFuture<Instant> answer = lane.tryNow(LONG, testKit.system()).orElseThrow().toCompletableFuture();
        lane.waiters().failAll("connection lost before TWS answered");
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("connection lost"), e.getCause().getMessage());
    }

    @Test
    void aCallerWhoWritesToASocketAlreadyGoneFailsAtOnce() {
        lane.socketsGoneUpTo(4);
        lane.waiters().failAll("connection lost before TWS answered");
        openGate(4); // the pacer has not heard of the loss yet
        CompletableFuture<Instant> answer = lane.tryNow(LONG, testKit.system()).orElseThrow().toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("lost or closed"), e.getCause().getMessage());

        openGate(5); // the next socket's callers are answered as usual
        CompletableFuture<Instant> next = lane.tryNow(LONG, testKit.system()).orElseThrow().toCompletableFuture();
        inbox.received(5, new SessionEvent.CurrentTime(7));
        assertEquals(Instant.ofEpochSecond(7), next.join());
    }
}
