package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.Done;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.FrameDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.testutil.LogCapturing;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The supervisor's own rules, with its timers under {@link ManualTime} and a real socket to the simulator: epoch
 * filtering and the backoff reset after a stable READY.
 */
@ExtendWith(LogCapturing.class)
class ConnectionSupervisorIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ManualTime.config()
            .withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime TIME = ManualTime.get(TEST_KIT.system());
    /** The simulator runs in real time: manual time would fire Akka IO's timeouts on its accepted sockets. */
    private static final ActorTestKit SIMULATOR_KIT = ActorTestKit.create("simulator");
    private static final TwsSettings DEFAULTS = TwsSettings.defaults();
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static TwsSimulator simulator;
    private static final List<ActorRef<ConnectionSupervisor.Command>> running = new java.util.ArrayList<>();

    /** Each test drops every client of the shared simulator: the supervisors of earlier tests must be gone. */
    @org.junit.jupiter.api.AfterEach
    void stopSupervisors() {
        running.forEach(TEST_KIT::stop);
        running.clear();
    }

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(SIMULATOR_KIT.system(), DEFAULTS.simulator().withAddress("127.0.0.1", 0))
                .toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
        SIMULATOR_KIT.shutdownTestKit();
    }

    /** Heartbeat out of the way: manual time jumps must not fire probe timeouts before real answers arrive. */
    private static ConnectionSettings settings(int clientId) {
        return DEFAULTS.connection().withTarget("127.0.0.1", simulator.address().getPort(), clientId)
                .withHeartbeat(new ConnectionSettings.Heartbeat(Duration.ofHours(1), Duration.ofHours(1)));
    }

    private record Running(ActorRef<ConnectionSupervisor.Command> supervisor, TestProbe<ConnectionEvent> events,
                           AtomicReference<ConnectionState> view, TestProbe<Pacer.Command> pacer) {

        /**
         * Waits for a state while nudging manual time forward a millisecond per poll: Akka IO retries an unfinished
         * TCP connect on the scheduler, which manual time would otherwise hold still.
         */
        ConnectionEvent.StateChanged await(ConnectionState state) {
            events.awaitAssert(AWAIT, () -> {
                TIME.timePasses(Duration.ofMillis(1));
                assertEquals(state, view.get());
                return null;
            });
            List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "state event " + state, e ->
                    e instanceof ConnectionEvent.StateChanged s && s.state() == state
                            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
            return (ConnectionEvent.StateChanged) seen.get(seen.size() - 1);
        }

        void awaitStartUpNotices() {
            events.fishForMessage(AWAIT, "the last start-up notice", e -> e instanceof ConnectionEvent.Notice n
                    && n.code() == TwsErrorCode.SEC_DEF_FARM_OK ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
        }
    }

    private static Running start(ConnectionSettings settings) {
        ConnectionMetrics metrics = new ConnectionMetrics();
        TestProbe<Pacer.Command> pacer = TEST_KIT.createTestProbe();
        ActorRef<Dispatcher.Command> dispatcher = TEST_KIT.spawn(Dispatcher.create());
        AtomicReference<ConnectionState> view = new AtomicReference<>(ConnectionState.DISCONNECTED);
        ActorRef<ConnectionSupervisor.Command> supervisor = TEST_KIT.spawn(ConnectionSupervisor.create(settings,
                pacer.ref(), (epoch, clientId, connection) -> SocketActor.create(epoch, clientId, settings, connection,
                        new FrameDecoder(new InboundRouter(), dispatcher), metrics, TwsProtocol.INSTANCE), metrics, view,
                io.github.twssupervisor.config.LogSettings.DEFAULT, TwsProtocol.INSTANCE));
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        supervisor.tell(new ConnectionSupervisor.Subscribe(events.ref()));
        running.add(supervisor);
        return new Running(supervisor, events, view, pacer);
    }

    /**
     * Fires the reconnect timer and nothing much later: one big jump of manual time would also fire the new socket's
     * own timers (its handshake timeout) before it had a chance to connect.
     */
    private static void untilRetry(ConnectionEvent.StateChanged reconnecting) {
        TIME.timePasses(reconnecting.nextDelay().orElseThrow().plusMillis(1));
    }

    private static ConnectionSupervisor.SessionEventsReceived notice(long epoch, int code) {
        return new ConnectionSupervisor.SessionEventsReceived(epoch, List.of(new TwsSessionEvent.Error(
                new SessionCodec.TwsError(TwsErrorCode.NO_REQUEST_ID, code, "test notice", "", OptionalLong.empty()))),
                TEST_KIT.<Done>createTestProbe().ref());
    }

    @Test
    void messagesTaggedWithAnOlderEpochAreDropped() {
        Running r = start(settings(31));
        r.await(ConnectionState.READY);
        simulator.drop().toCompletableFuture().join();
        untilRetry(r.await(ConnectionState.RECONNECTING));
        r.await(ConnectionState.READY); // epoch 2 now
        r.awaitStartUpNotices();

        r.supervisor().tell(notice(1, TwsErrorCode.CONNECTIVITY_LOST));
        r.supervisor().tell(new ConnectionSupervisor.SocketFailed(1, new FailureReason(
                FailureReason.Kind.CONNECTION_LOST, "late news from the dead socket")));
        r.events().expectNoMessage(Duration.ofMillis(300));

        // The same notice from the current socket is acted on: the filter, not the notice, kept the state.
        r.supervisor().tell(notice(2, TwsErrorCode.CONNECTIVITY_LOST));
        r.await(ConnectionState.DEGRADED);
    }

    @Test
    void thePacerWritesThroughTheSocketsOneOutboundQueue() {
        Running r = start(settings(33));
        r.await(ConnectionState.READY);
        r.awaitStartUpNotices();
        Pacer.SocketReady ready = r.pacer().expectMessageClass(Pacer.SocketReady.class, AWAIT);
        long before = simulator.stats().toCompletableFuture().join().messagesIn();
        ready.writer().write(SessionCodec.reqCurrentTime());
        r.events().awaitAssert(AWAIT, () -> {
            assertEquals(before + 1, simulator.stats().toCompletableFuture().join().messagesIn());
            return null;
        });
        assertEquals(ConnectionState.READY, r.view().get());
        r.events().expectNoMessage(Duration.ofMillis(300));
    }

    @Test
    void theBackoffStartsOverAfterAStableReady() {
        Running r = start(settings(32));
        assertEquals(1, r.await(ConnectionState.READY).attempt());
        simulator.drop().toCompletableFuture().join();
        ConnectionEvent.StateChanged first = r.await(ConnectionState.RECONNECTING);
        assertEquals(2, first.attempt());
        untilRetry(first);
        r.await(ConnectionState.READY);
        simulator.drop().toCompletableFuture().join();
        ConnectionEvent.StateChanged second = r.await(ConnectionState.RECONNECTING);
        assertEquals(3, second.attempt());
        untilRetry(second);
        r.await(ConnectionState.READY);

        TIME.timePasses(DEFAULTS.connection().backoff().resetAfter());
        simulator.drop().toCompletableFuture().join();
        ConnectionEvent.StateChanged afterStable = r.await(ConnectionState.RECONNECTING);
        assertEquals(2, afterStable.attempt());
        Duration min = DEFAULTS.connection().backoff().min();
        Duration delay = afterStable.nextDelay().orElseThrow();
        double jitter = DEFAULTS.connection().backoff().randomFactor();
        assertEquals(true, delay.compareTo(min) >= 0 && delay.toNanos() <= min.toNanos() * (1 + jitter),
                "after a stable READY the delay starts again from min: " + delay);
    }
}
