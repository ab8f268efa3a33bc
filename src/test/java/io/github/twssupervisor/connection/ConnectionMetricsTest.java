package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lock-free counters the service binds: what each records, without an actor system. */
class ConnectionMetricsTest {

    private static final FailureReason REFUSED = new FailureReason(FailureReason.Kind.CONNECT_REFUSED, "nobody there");

    private final ConnectionMetrics metrics = new ConnectionMetrics();

    @Test
    void aLossCountsByItsReasonAndIsRemembered() {
        assertEquals(Optional.empty(), metrics.lastFailure());
        metrics.lost(REFUSED);
        metrics.lost(REFUSED);
        FailureReason stale = new FailureReason(FailureReason.Kind.HEARTBEAT_TIMEOUT, "silent");
        metrics.lost(stale);
        assertEquals(3, metrics.reconnects());
        assertEquals(2, metrics.reconnects(FailureReason.Kind.CONNECT_REFUSED));
        assertEquals(1, metrics.reconnects(FailureReason.Kind.HEARTBEAT_TIMEOUT));
        assertEquals(0, metrics.reconnects(FailureReason.Kind.CONNECTION_LOST));
        assertEquals(Optional.of(stale), metrics.lastFailure());
    }

    @Test
    void theFirstFramesAfterAProbeEndItsRoundTrip() {
        metrics.probeSent();
        metrics.countIn(3);
        metrics.countIn(5);
        assertEquals(1, metrics.heartbeatAnswers());
        assertEquals(metrics.heartbeatRoundTripTotal(), metrics.lastHeartbeatRoundTrip());
        assertTrue(!metrics.lastHeartbeatRoundTrip().isNegative());
        assertEquals(8, metrics.messagesIn());
    }

    @Test
    void aProbeOfALostSocketIsNotAnsweredByTheNextOne() {
        metrics.connected();
        metrics.probeSent();
        metrics.disconnected();
        metrics.countIn(1);
        assertEquals(0, metrics.heartbeatAnswers());
        assertEquals(Duration.ZERO, metrics.lastHeartbeatRoundTrip());
    }

    @Test
    void pacerQueueAndWaits() {
        metrics.pacerQueue(7);
        metrics.pacerWaited(Duration.ofMillis(20).toNanos());
        metrics.pacerWaited(Duration.ofMillis(30).toNanos());
        assertEquals(7, metrics.pacerQueueDepth());
        assertEquals(2, metrics.pacerWaits());
        assertEquals(Duration.ofMillis(50), metrics.pacerWaitTime());
    }

    @Test
    void decodeFailuresAndDropsByCause() {
        metrics.countDecodeFailure();
        metrics.countDropped(ConnectionMetrics.Dropped.NO_OWNER, 4);
        metrics.countDropped(ConnectionMetrics.Dropped.STALE_SOCKET, 1);
        assertEquals(1, metrics.decodeFailures());
        assertEquals(4, metrics.dropped(ConnectionMetrics.Dropped.NO_OWNER));
        assertEquals(1, metrics.dropped(ConnectionMetrics.Dropped.STALE_SOCKET));
    }

    @Test
    void aTallyMovesEachThingFromStateToState() {
        StateTally tally = metrics.subscriptions();
        StateTally.Entry aapl = tally.entry("marketdata");
        StateTally.Entry msft = tally.entry("marketdata");
        aapl.set("active");
        msft.set("active");
        msft.set("active");
        assertEquals(2, tally.count("marketdata", "active"));
        aapl.set("interrupted");
        assertEquals(1, tally.count("marketdata", "active"));
        assertEquals(1, tally.count("marketdata", "interrupted"));
        aapl.remove();
        aapl.remove();
        assertEquals(0, tally.count("marketdata", "interrupted"));
        assertEquals(0, tally.count("history", "active"));
        assertEquals(Set.of(new StateTally.Key("marketdata", "active"), new StateTally.Key("marketdata",
                "interrupted")), tally.keys());
    }
}
