package io.github.twssupervisor.orders;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reconciliation with TWS, after a new socket or TWS's link to IB came back: reqOpenOrders, then
 * reqCompletedOrders, then reqExecutions, in that order, each with a timeout. What TWS lists is gathered here; the
 * decision for each order is {@link TrackedOrder#reconcile}. A step that fails (timeout, lost connection) fails the
 * run: its orders stay as they are (Unknown, Interrupted) and the next run tries again. A failure is never taken for
 * an empty list. Plain Java owned by the order book.
 */
final class ReconcileRun {

    /** The steps, in order. */
    enum Step { OPEN_ORDERS, COMPLETED_ORDERS, EXECUTIONS }

    private final long id;
    private final String cause;
    private Step step = Step.OPEN_ORDERS;
    private final Set<Integer> open = new HashSet<>();
    private final Map<Long, CompletedOrder> completedByPermId = new HashMap<>();

    ReconcileRun(long id, String cause) {
        this.id = id;
        this.cause = cause;
    }

    long id() {
        return id;
    }

    Step step() {
        return step;
    }

    String cause() {
        return cause;
    }

    /** @param rows TWS's open orders of this client id */
    void openOrders(List<OpenOrder> rows, int clientId) {
        rows.stream().filter(o -> o.clientId() == clientId).forEach(o -> open.add(o.orderId()));
        step = Step.COMPLETED_ORDERS;
    }

    /** @param rows TWS's completed orders of the day */
    void completedOrders(List<CompletedOrder> rows) {
        rows.forEach(o -> completedByPermId.put(o.permId(), o));
        step = Step.EXECUTIONS;
    }

    /** @return whether TWS lists the order as open */
    boolean isOpen(int orderId) {
        return open.contains(orderId);
    }

    /** @return the status of TWS's completedOrder with this permanent id, if it lists one */
    Optional<OrderStatus> completed(long permId) {
        return completedOrder(permId).map(CompletedOrder::status);
    }

    /** @return TWS's completedOrder with this permanent id, if it lists one */
    Optional<CompletedOrder> completedOrder(long permId) {
        return permId == 0 ? Optional.empty() : Optional.ofNullable(completedByPermId.get(permId));
    }

    /** Counts outcomes for the run's log line. */
    static final class Tally {
        private final Map<Reconciliation, Integer> counts = new EnumMap<>(Reconciliation.class);

        void add(Reconciliation outcome) {
            counts.merge(outcome, 1, Integer::sum);
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }
}
