package io.github.twssupervisor.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the simulator's counters.
 *
 * @param connectionsAccepted TCP connections accepted since start
 * @param openConnections     TCP connections open now (handshaking or active)
 * @param clientsById         connected API clients by client id, each with its remote address
 * @param messagesIn          frames received from clients, handshake version frames included
 * @param messagesOut         frames sent to clients, handshake replies included
 * @param activeSubscriptions market data requests being served now (streaming, and snapshots not yet answered)
 * @param pacingViolations    pacing violations since start: one per client and overflowing second, however many
 *                            messages were rejected in it
 * @param historicalPacingViolations reqHistoricalData requests refused with error 162 since start
 * @param ordersPlaced        orders accepted into the order book since start (modifications not counted)
 * @param duplicateOrderIds   placeOrder frames whose id the client had already placed and that changed nothing:
 *                            refused with 103 (a cancelled order's id) or 104 (a filled one's), or the same order sent
 *                            again while it works
 * @param executions          fills since start
 * @param accountSummaryLimitErrors reqAccountSummary requests refused with error 322 since start (a third active
 *                            subscription of one connection)
 * @param uptime              time since the simulator was bound
 */
public record SimulatorStats(long connectionsAccepted, int openConnections, Map<Integer, String> clientsById,
                             long messagesIn, long messagesOut, long activeSubscriptions, long pacingViolations,
                             long historicalPacingViolations, long ordersPlaced, long duplicateOrderIds, long executions,
                             long accountSummaryLimitErrors, Duration uptime) {

    /** Copies the map. */
    public SimulatorStats {
        clientsById = Map.copyOf(clientsById);
    }

    /** @return one line for the console's {@code stats} command */
    public String toLine() {
        return "connections=" + connectionsAccepted + " open=" + openConnections + " clients=" + clientsById.size()
                + " messagesIn=" + messagesIn + " messagesOut=" + messagesOut + " subscriptions=" + activeSubscriptions
                 + " pacingViolations=" + pacingViolations + " historicalPacingViolations=" + historicalPacingViolations
                + " orders=" + ordersPlaced + " duplicateOrderIds="
                + duplicateOrderIds + " executions=" + executions + " accountSummaryLimitErrors=" + accountSummaryLimitErrors
                + " uptime=" + uptime.toSeconds() + "s";
    }
}
