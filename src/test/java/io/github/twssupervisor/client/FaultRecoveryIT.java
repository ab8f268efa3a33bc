package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.dispatch.RawEvent;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fault the simulator injects, against a real client: it comes back to READY with the reason the fault causes. */
@ExtendWith(LogCapturing.class)
class FaultRecoveryIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(FaultRecoveryIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(10);
    /** Long enough for a reconnect to show, were there one. */
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final ConnectionSettings.Heartbeat QUICK_HEARTBEAT = new ConnectionSettings.Heartbeat(
            Duration.ofMillis(300), Duration.ofMillis(300));
    private static final Duration FAULT = Duration.ofMillis(1500);

    private final Loopback loopback = LOOPBACK;

    /** A simulator, a client that reached READY, and a probe of its events. */
    private record Fixture(TwsSimulator simulator, TwsClient client, TestProbe<ConnectionEvent> events) {

        void await(ConnectionState state) {
            events.fishForMessage(AWAIT, "state " + state, e -> e instanceof ConnectionEvent.StateChanged s
                    && s.state() == state ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        }

        void awaitReconnecting(FailureReason.Kind kind) {
            List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "RECONNECTING " + kind, e ->
                    e instanceof ConnectionEvent.StateChanged s && s.state() == ConnectionState.RECONNECTING
                            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
            ConnectionEvent.StateChanged reconnecting = (ConnectionEvent.StateChanged) seen.get(seen.size() - 1);
            assertEquals(kind, reconnecting.reason().orElseThrow().kind(), reconnecting.toString());
        }

        /** No state change at all for a while: the connection stayed READY. */
        void staysReady() {
            List<ConnectionEvent> changes = new ArrayList<>();
            long end = System.nanoTime() + QUIET.toNanos();
            while (System.nanoTime() < end) {
                try {
                    ConnectionEvent e = events.receiveMessage(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                    if (e instanceof ConnectionEvent.StateChanged) {
                        changes.add(e);
                    }
                } catch (AssertionError timeout) {
                    break;
                }
            }
            assertEquals(List.of(), changes);
            assertEquals(ConnectionState.READY, client.state());
        }

        <T> T join(CompletionStage<T> stage) {
            return stage.toCompletableFuture().join();
        }
    }

    private Fixture ready(int clientId, ConnectionSettings.Heartbeat heartbeat) {
        TwsSimulator simulator = loopback.simulator(0);
        ConnectionSettings settings = Loopback.settings(simulator.address().getPort(), clientId)
                .withHandshake(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, Duration.ofMillis(500));
        TwsClient client = loopback.client(heartbeat == null ? settings : settings.withHeartbeat(heartbeat));
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.subscribe(events.ref());
        Fixture f = new Fixture(simulator, client, events);
        f.await(ConnectionState.READY);
        return f;
    }

    @Test
    void dropIsAConnectionLost() {
        Fixture f = ready(31, null);
        assertEquals(1, f.join(f.simulator().drop(Target.client(31))));
        f.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        f.await(ConnectionState.READY);
    }

    @Test
    void aStallIsCaughtByTheHeartbeat() {
        Fixture f = ready(32, QUICK_HEARTBEAT);
        assertEquals(1, f.join(f.simulator().stall(FAULT, Target.all())));
        f.awaitReconnecting(FailureReason.Kind.HEARTBEAT_TIMEOUT);
        f.await(ConnectionState.READY);
    }

    @Test
    void aMuteIsCaughtByTheHeartbeat() {
        Fixture f = ready(33, QUICK_HEARTBEAT);
        assertEquals(1, f.join(f.simulator().mute(FAULT, Target.client(33))));
        f.awaitReconnecting(FailureReason.Kind.HEARTBEAT_TIMEOUT);
        f.await(ConnectionState.READY);
    }

    @Test
    void garbageIsAProtocolViolation() {
        Fixture f = ready(34, null);
        f.join(f.simulator().garbage(Target.all()));
        f.awaitReconnecting(FailureReason.Kind.PROTOCOL_VIOLATION);
        f.await(ConnectionState.READY);
    }

    @Test
    void aFrameBombIsAProtocolViolation() {
        Fixture f = ready(35, null);
        f.join(f.simulator().bomb(Target.client(35)));
        f.awaitReconnecting(FailureReason.Kind.PROTOCOL_VIOLATION);
        f.await(ConnectionState.READY);
    }

    @Test
    void anUnknownMessageIsARawEventAndTheConnectionStays() {
        Fixture f = ready(36, null);
        TestProbe<RawEvent> raw = TEST_KIT.createTestProbe();
        f.client().subscribeRaw(raw.ref());
        // subscribeRaw is a tell through the guardian: a message read before it reaches the dispatcher has no raw
        // subscriber yet, so inject until one arrives (each unknown message is harmless).
        RawEvent event = null;
        for (int attempt = 0; attempt < 5 && event == null; attempt++) {
            f.join(f.simulator().unknownMessage(Target.all()));
            try {
                event = raw.receiveMessage(Duration.ofSeconds(2));
            } catch (AssertionError none) {
                // not subscribed yet: try again
            }
        }
        assertTrue(event != null, "no raw event after 5 unknown messages");
        assertTrue(IncomingMessageId.fromCode(event.messageId()).isEmpty(), event.toString());
        f.staysReady();
    }

    @Test
    void aBadFieldIsADecodeFailureAndTheConnectionStays() {
        Fixture f = ready(37, null);
        LoggingTestKit.warn("Cannot decode message " + IncomingMessageId.TICK_PRICE.code()).expect(TEST_KIT.system(),
                () -> f.join(f.simulator().badField(Target.all())));
        f.staysReady();
    }

    @Test
    void aDelayedHandshakeTimesOutThenSucceedsOnceTheDelayIsOver() {
        Fixture f = ready(38, null);
        f.join(f.simulator().delayHandshake(FAULT));
        f.join(f.simulator().drop());
        f.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        f.awaitReconnecting(FailureReason.Kind.HANDSHAKE_TIMEOUT);
        f.await(ConnectionState.READY);
    }

    @Test
    void aRefusedPortIsRetriedUntilItIsBack() {
        Fixture f = ready(39, null);
        assertEquals(1, f.join(f.simulator().refuse(Duration.ofSeconds(1))));
        f.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        f.awaitReconnecting(FailureReason.Kind.CONNECT_REFUSED);
        f.await(ConnectionState.READY);
    }

    @Test
    void aRejectedClientIdIsRetried() {
        Fixture f = ready(40, null);
        f.join(f.simulator().rejectClientId(Target.client(40)));
        f.join(f.simulator().drop());
        f.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        f.awaitReconnecting(FailureReason.Kind.CLIENT_ID_IN_USE);
        f.await(ConnectionState.READY);
    }

    @Test
    void aLowerPaceLimitCountsAViolationOfOurPacer() {
        Fixture f = ready(41, null);
        assertEquals(1, f.join(f.simulator().paceLimit(5, Target.all())));
        for (int i = 0; i < 20; i++) {
            f.client().currentTime();
        }
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertTrue(f.join(f.simulator().stats()).pacingViolations() >= 1);
            return null;
        });
    }

    /**
     * The first of a burst is written on the caller's thread (the pacer is idle), the rest wait their turn in the
     * pacer: all are answered, and the simulator, which counts 50 messages/s as TWS does, sees no violation.
     */
    @Test
    void aBurstOfCurrentTimeMixesTheDirectLaneAndThePacerWithoutAPacingViolation() {
        Fixture f = ready(42, null);
        List<CompletableFuture<Instant>> answers = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 60; i++) {
                answers.add(f.client().currentTime().toCompletableFuture());
            }
            // One by one, each after the last answer: the gate opens and shuts with the spacing.
            for (int i = 0; i < 10; i++) {
                answers.add(f.client().currentTime().toCompletableFuture());
                answers.get(answers.size() - 1).join();
            }
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        assertEquals(0, f.join(f.simulator().stats()).pacingViolations());
        assertEquals(ConnectionState.READY, f.client().state());
    }
}
