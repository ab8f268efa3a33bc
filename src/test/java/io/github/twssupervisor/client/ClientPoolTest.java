package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's API without a TWS, and its health as events arrive. */
class ClientPoolTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ClientPoolTest.class.getSimpleName());
    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");
    private static final FailureReason IN_USE = new FailureReason(FailureReason.Kind.CLIENT_ID_IN_USE, "326");

    @TempDir
    Path stateDir;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ConnectionEvent.StateChanged state(ConnectionState state, ConnectionState previous,
                                                      Optional<FailureReason> reason, Optional<Ready> ready,
                                                      int seconds) {
        return new ConnectionEvent.StateChanged(state, previous, reason, 1, Optional.empty(), ready, true,
                T0.plusSeconds(seconds));
    }

    private static Ready ready(int clientId) {
        return new Ready(200, "now", clientId, List.of("DU1"), 1);
    }

    private static Map<String, Integer> ids() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("orders", 1);
        ids.put("history", 3);
        return ids;
    }

    @Test
    void withoutAConfiguredPoolThereIsNone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwsClientPool.create(TEST_KIT.system(), TwsSettings.defaults()));
        assertTrue(e.getMessage().contains("tws.pool.purposes is empty"), e.getMessage());
    }

    @Test
    void purposesAreFoundByNameAndAnUnknownOneNamesTheConfiguredOnes() {
        // Nothing listens on port 1: the clients keep retrying until the pool is closed.
        TwsSettings settings = TwsSettings.from(ConfigFactory.parseString("""
                tws.connection.port = 1
                tws.pool.purposes.history.request-timeout = 300ms
                tws.orders.state-dir = "%s"
                tws.pool { default = history, purposes { orders.client-id = 1, history.client-id = 3 } }
                """.formatted(stateDir.toString().replace("\\", "/"))).withFallback(ConfigFactory.load()).resolve());
        TwsClientPool pool = TwsClientPool.create(TEST_KIT.system(), settings);
        try {
            assertEquals(List.of("orders", "history"), pool.purposes());
            assertSame(pool.forPurpose("history"), pool.defaultClient());
            assertEquals("history", pool.defaultPurpose());
            assertEquals(List.of("orders", "history"), List.copyOf(pool.metrics().keySet()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.forPurpose("scanner"));
            assertTrue(e.getMessage().contains("'scanner'") && e.getMessage().contains("[orders, history]"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.ready("scanner"));
            CompletionException notReady = assertThrows(CompletionException.class,
                    () -> pool.ready().toCompletableFuture().join());
            assertTrue(notReady.getCause() instanceof IllegalStateException, notReady.toString());
            assertTrue(notReady.getCause().getMessage().startsWith("purpose history (client id 3) is not READY"),
                    notReady.getCause().getMessage());
        } finally {
            pool.close().toCompletableFuture().join();
        }
        PoolHealth closed = pool.health().toCompletableFuture().join();
        assertEquals(List.of("orders", "history"), closed.notReady());
        closed.purposes().values().forEach(p -> assertEquals(ConnectionState.CLOSED, p.state(), closed.toString()));
    }

    @Test
    void healthFollowsEachPurposeAndKeepsItsLastFailure() {
        ActorRef<PoolMonitor.Command> monitor = TEST_KIT.spawn(PoolMonitor.create(PoolHealth.starting(ids(), T0)));
        TestProbe<PoolHealth> probe = TEST_KIT.createTestProbe();
        monitor.tell(new PoolMonitor.GetHealth(probe.ref()));
        PoolHealth start = probe.receiveMessage();
        assertEquals(List.of("orders", "history"), start.notReady());
        assertEquals(ConnectionState.DISCONNECTED, start.of("orders").state());
        assertEquals(T0, start.of("orders").since());

        monitor.tell(new PoolMonitor.Observed("orders", state(ConnectionState.READY, ConnectionState.HANDSHAKING,
                Optional.empty(), Optional.of(ready(1)), 1)));
        monitor.tell(new PoolMonitor.Observed("history", state(ConnectionState.RECONNECTING,
                ConnectionState.HANDSHAKING, Optional.of(IN_USE), Optional.empty(), 2)));
        monitor.tell(new PoolMonitor.Observed("history", new ConnectionEvent.Notice(2104, "farm OK",
                ConnectionEvent.NoticeKind.FARM_STATUS, T0.plusSeconds(3))));
        monitor.tell(new PoolMonitor.GetHealth(probe.ref()));
        PoolHealth refused = probe.receiveMessage();
        assertFalse(refused.allReady());
        assertEquals(List.of("history"), refused.notReady());
        assertEquals(ConnectionState.RECONNECTING, refused.of("history").state());
        assertEquals(Optional.of(IN_USE), refused.of("history").lastFailure());
        assertEquals(Optional.of(T0.plusSeconds(2)), refused.of("history").lastFailedAt());
        assertEquals(T0.plusSeconds(1), refused.of("orders").since());

        // Under the rotate policy a purpose may be READY on another id: the health says which.
        monitor.tell(new PoolMonitor.Observed("history", state(ConnectionState.READY, ConnectionState.HANDSHAKING,
                Optional.empty(), Optional.of(ready(7)), 4)));
        monitor.tell(new PoolMonitor.GetHealth(probe.ref()));
        PoolHealth recovered = probe.receiveMessage();
        assertTrue(recovered.allReady(), recovered.toString());
        assertEquals(7, recovered.of("history").clientId());
        assertEquals(Optional.of(IN_USE), recovered.of("history").lastFailure(), "kept after recovery");
        assertThrows(IllegalArgumentException.class, () -> recovered.of("scanner"));
        probe.expectNoMessage(Duration.ofMillis(50));
    }
}
