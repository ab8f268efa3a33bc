package io.github.twssupervisor.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by the sessions of one simulator. Counting happens once per frame on every connection, so the
 * counters are lock-free adders rather than messages to the server actor, which would double the message traffic of a
 * busy simulator.
 */
final class SimulatorMetrics {

    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    /** Market data requests being served now, over all sessions. */
    final LongAdder activeSubscriptions = new LongAdder();
    /** Pacing violations (overflow episodes, not rejected messages) since start. */
    final LongAdder pacingViolations = new LongAdder();
    /** reqHistoricalData requests refused with error 162 since start. */
    final LongAdder historicalPacingViolations = new LongAdder();
    /** Orders accepted into the order book since start (modifications not counted). */
    final LongAdder ordersPlaced = new LongAdder();
    /** placeOrder frames whose id the client had placed already and that modified nothing (103, 104, a resend). */
    final LongAdder duplicateOrderIds = new LongAdder();
    /** Fills since start. */
    final LongAdder executions = new LongAdder();
    /** reqAccountSummary requests refused with error 322 (a third active subscription) since start. */
    final LongAdder accountSummaryLimitErrors = new LongAdder();

    /**
     * @param openConnections open connections, registered or not
     * @param clientsById     registered clients' remote addresses
     * @param uptime          time since the simulator was bound
     * @return the counters now, with what the server knows of its connections
     */
    SimulatorStats snapshot(int openConnections, Map<Integer, String> clientsById, Duration uptime) {
        return new SimulatorStats(connectionsAccepted.sum(), openConnections, clientsById, messagesIn.sum(),
                messagesOut.sum(), activeSubscriptions.sum(), pacingViolations.sum(),
                historicalPacingViolations.sum(), ordersPlaced.sum(),
                duplicateOrderIds.sum(), executions.sum(), accountSummaryLimitErrors.sum(), uptime);
    }
}
