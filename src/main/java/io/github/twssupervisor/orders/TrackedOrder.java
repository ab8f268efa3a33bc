package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the order book knows of one order: its phase, TWS's last status, its fills by execId and their commissions,
 * and the events so far (replayed to a late watcher). Each method applies one piece of news and returns the events it
 * makes, none for a repeat: TWS repeats orderStatus, and reconciliation repeats fills already seen live. Plain Java
 * owned by the order book.
 *
 * <pre>
 * SENDING --frame written--> SENT --TWS's first word--> ACKNOWLEDGED --terminal status--> FINISHING --> CLOSED
 *    |                         |                            |  (commissions in, or grace over)
 *    | refused before sent     | socket lost                | socket lost: Interrupted (unreconciled)
 *    v                         v                            v
 *  CLOSED (failure)         UNKNOWN --reconciled--> ACKNOWLEDGED / FINISHING / NOT_FOUND
 * </pre>
 */
final class TrackedOrder {

    /** Where the order is in its life. */
    enum Phase { SENDING, SENT, ACKNOWLEDGED, UNKNOWN, NOT_FOUND, FINISHING, CLOSED }

    /** Events kept for late watchers; an order with more (a huge order's partial fills) keeps the first ones. */
    static final int MAX_HISTORY = 10_000;

    private final int orderId;
    private final Contract contract;
    private final BigDecimal totalQuantity;
    private final List<OrderEvent> history = new ArrayList<>();
    private final Map<String, Execution> fillsByPrefix = new LinkedHashMap<>();
    private final Set<String> execIds = new HashSet<>();
    private final Map<String, CommissionReport> commissions = new HashMap<>();
    private Phase phase;
    /** Lost sight of since the connection (or TWS's link to IB) went: set until reconciliation says what it is. */
    private boolean unreconciled;
    private OrderStatus status = OrderStatus.OTHER;
    private OrderStatusReport last;
    private long permId;
    private boolean acknowledged;
    private boolean finishingReported;

    TrackedOrder(int orderId, Contract contract, BigDecimal totalQuantity, Phase phase) {
        this.orderId = orderId;
        this.contract = contract;
        this.totalQuantity = totalQuantity;
        this.phase = phase;
    }

    int orderId() {
        return orderId;
    }

    Contract contract() {
        return contract;
    }

    BigDecimal totalQuantity() {
        return totalQuantity;
    }

    /** @return false until TWS said anything about the order */
    boolean isAcknowledged() {
        return acknowledged;
    }

    Phase phase() {
        return phase;
    }

    OrderStatus status() {
        return status;
    }

    long permId() {
        return permId;
    }

    List<OrderEvent> history() {
        return history;
    }

    /** @return true while a modify or cancel must wait: its fate since a lost connection is not known yet */
    boolean awaitsReconciliation() {
        return unreconciled;
    }

    /** @return true once nothing can change it any more (it may still wait for commissions) */
    boolean isFinished() {
        return phase == Phase.FINISHING || phase == Phase.CLOSED;
    }

    /** @return the quantity filled, counting a corrected fill once */
    BigDecimal filled() {
        return fillsByPrefix.values().stream().map(Execution::shares).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** @return true while TWS's last status counts more filled than the fills seen: one is still on its way */
    boolean awaitsFills() {
        return last != null && filled().compareTo(last.filled()) < 0;
    }

    /** @return true while a fill or a commission of a finished order is still on its way */
    boolean awaitsNews() {
        return awaitsCommissions() || awaitsFills();
    }

    /** @return true if some fill has no commission yet */
    boolean awaitsCommissions() {
        return fillsByPrefix.values().stream().anyMatch(e -> !commissions.containsKey(e.execId()));
    }

    /** @return true once, the first time it is asked after the order became FINISHING */
    boolean takeFinishing() {
        if (phase != Phase.FINISHING || finishingReported) {
            return false;
        }
        finishingReported = true;
        return true;
    }

    /** The frame went to the socket. */
    void sent() {
        if (phase == Phase.SENDING) {
            phase = Phase.SENT;
        }
    }

    /** @return the events of TWS's orderStatus; none for a repeat */
    List<OrderEvent> status(OrderStatusReport report) {
        if (report.equals(last) || (isFinished() && report.status() == status)) {
            last = report;
            return List.of();
        }
        last = report;
        permId = report.permId() != 0 ? report.permId() : permId;
        List<OrderEvent> events = heard(report.status());
        status = report.status();
        events.add(record(new OrderEvent.StatusChanged(orderId, report)));
        finishIfTerminal();
        return events;
    }

    /** @return the events of TWS's openOrder: an acknowledgement, if it is the first word */
    List<OrderEvent> openOrder(OpenOrder order) {
        permId = order.permId() != 0 ? order.permId() : permId;
        List<OrderEvent> events = heard(order.status());
        if (status == OrderStatus.OTHER) {
            status = order.status();
        }
        return events;
    }

    /** @return the events of a fill; none if its execId was seen */
    List<OrderEvent> fill(Execution execution) {
        if (!execIds.add(execution.execId())) {
            return List.of();
        }
        permId = execution.permId() != 0 ? execution.permId() : permId;
        List<OrderEvent> events = heard(status);
        fillsByPrefix.put(execution.execIdPrefix(), execution);
        events.add(record(new OrderEvent.Filled(orderId, execution)));
        return events;
    }

    /** @return the events of a commission; none if it was seen */
    List<OrderEvent> commission(CommissionReport report) {
        if (commissions.putIfAbsent(report.execId(), report) != null) {
            return List.of();
        }
        return List.of(record(new OrderEvent.Commission(orderId, report)));
    }

    /** @return the events of a warning from TWS */
    List<OrderEvent> warning(int code, String message) {
        return List.of(record(new OrderEvent.Warning(orderId, code, message)));
    }

    /** @return the events of losing the connection (or TWS's link to IB) */
    List<OrderEvent> connectionLost() {
        if (phase == Phase.SENT) {
            phase = Phase.UNKNOWN;
            unreconciled = true;
            return List.of(record(new OrderEvent.Unknown(orderId)));
        }
        if ((phase == Phase.ACKNOWLEDGED || phase == Phase.NOT_FOUND) && !unreconciled) {
            unreconciled = true;
            return List.of(record(new OrderEvent.Interrupted(orderId)));
        }
        return List.of();
    }

    /**
     * Applies reconciliation's finding, after its fills and statuses were applied.
     *
     * @param open           TWS lists it as open
     * @param completedState the status of TWS's completedOrder with its permId, if any
     * @return the events, ending with {@link OrderEvent.Reconciled}
     */
    List<OrderEvent> reconcile(boolean open, Optional<OrderStatus> completedState) {
        List<OrderEvent> events = new ArrayList<>();
        Reconciliation outcome;
        if (open && !status.isTerminal()) {
            outcome = Reconciliation.WORKING;
            events.addAll(heard(status));
        } else if (completedState.isPresent() || status.isTerminal()) {
            status = completedState.orElse(status);
            outcome = outcomeOf(status);
        } else if (filled().compareTo(totalQuantity) >= 0) {
            status = OrderStatus.FILLED;
            outcome = Reconciliation.FILLED;
        } else {
            outcome = Reconciliation.NOT_FOUND_AT_TWS;
        }
        unreconciled = false;
        if (outcome == Reconciliation.NOT_FOUND_AT_TWS) {
            phase = Phase.NOT_FOUND;
        } else if (outcome == Reconciliation.WORKING) {
            phase = Phase.ACKNOWLEDGED;
        } else {
            acknowledged = true;
            finishIfTerminal();
        }
        events.add(record(new OrderEvent.Reconciled(orderId, outcome, status)));
        return events;
    }

    /** @return the last event: the order is closed */
    OrderEvent.Closed close(Optional<OrderException> failure) {
        phase = Phase.CLOSED;
        OrderEvent.Closed closed = new OrderEvent.Closed(orderId, status, filled(), failure);
        record(closed);
        return closed;
    }

    private static Reconciliation outcomeOf(OrderStatus status) {
        if (status == OrderStatus.FILLED) {
            return Reconciliation.FILLED;
        }
        return status == OrderStatus.INACTIVE ? Reconciliation.INACTIVE : Reconciliation.CANCELLED;
    }

    /** TWS said something about the order: it has it. */
    private List<OrderEvent> heard(OrderStatus now) {
        List<OrderEvent> events = new ArrayList<>();
        if (phase == Phase.SENDING || phase == Phase.SENT || phase == Phase.UNKNOWN || phase == Phase.NOT_FOUND) {
            phase = Phase.ACKNOWLEDGED;
        }
        if (!acknowledged) {
            acknowledged = true;
            events.add(record(new OrderEvent.Acknowledged(orderId, new OrderAck(orderId, now, permId))));
        }
        return events;
    }

    private void finishIfTerminal() {
        if (status.isTerminal() && phase != Phase.CLOSED) {
            phase = Phase.FINISHING;
        }
    }

    private <T extends OrderEvent> T record(T event) {
        if (history.size() < MAX_HISTORY) {
            history.add(event);
        }
        return event;
    }
}
