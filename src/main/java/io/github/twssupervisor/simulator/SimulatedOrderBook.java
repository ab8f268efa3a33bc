package io.github.twssupervisor.simulator;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The simulator's matching engine: one book for the whole run, keyed by client id and order id, so that a client's
 * orders outlive its connections, as at TWS. It answers each call with the events for each client ({@link Out}) and
 * does not know who is connected: the {@link OrderDesk} sends what a connected client is to get and drops the rest.
 * Fill rules: {@link BookOrder}. Plain Java, not thread-safe.
 *
 * <pre>
 * placeOrder, an id above every id the client used
 *          -> openOrder + orderStatus PreSubmitted; then, unless held: orderStatus Submitted and any fill due at once
 *    held: transmit=false until an order of its group (its parent, the parent's children) transmits; a child
 *          (parentId) until its parent is Filled
 *    the id of a working order -> modified (quantity must exceed the filled one, else 201): openOrder + orderStatus
 *    the id of a Filled order -> 104;  of a cancelled one, or an unused id not above the client's highest -> 103
 *    a parentId that names no live order of the client -> 201;  the id is used up either way
 * round    -> the quotes move, every working order is matched
 * fill     -> execDetails (request -1; {@link ExecutionLog}) + orderStatus (Submitted with filled and remaining, or
 *             Filled) + commissionReport (1 USD, no realized P&amp;L); at most 100 per order and round;
 *             at an order's first fill its OCA group is cancelled: orders with its ocaGroup and, for a bracket child,
 *             its siblings (TWS's implicit OCA of a bracket's exits, whatever the ocaType); Filled starts its children
 * cancelOrder -> orderStatus Cancelled + 202, its children too;  unknown id -> 10147;  done already -> 10148
 * reqGlobalCancel -> every live order of every client, as cancelOrder
 * </pre>
 *
 * Each orderStatus of a placement, fill or cancel goes out twice now and then (seeded), as TWS repeats them
 * ({@link BookEvents}).
 */
final class SimulatedOrderBook {

    /** The most one order fills in one round: larger orders fill in steps. */
    static final BigDecimal MAX_FILL_PER_ROUND = BigDecimal.valueOf(100);
    private static final long FIRST_PERM_ID = 1_000_000_001L;
    /** Liquidity of a fill: at acceptance the order takes it, later it rested and added it. */
    private static final int ADDED_LIQUIDITY = 1;
    private static final int REMOVED_LIQUIDITY = 2;

    /**
     * An event for one client.
     *
     * @param clientId the client to tell
     * @param event    what
     */
    record Out(int clientId, OrderEvent event) {
    }

    private final Map<Long, BookOrder> orders = new LinkedHashMap<>();
    private final Map<Integer, Integer> highestIds = new HashMap<>();
    private final ExecutionLog fills;
    private final BookQuotes quotes;
    private final int firstOrderId;
    private final String defaultAccount;
    private final SimulatorMetrics metrics;
    private final BookEvents events;
    private long nextPermId = FIRST_PERM_ID;

    /**
     * @param quotes                what orders match against
     * @param settings              the seed (of the repeated orderStatus messages), the first nextValidId, the
     *                              account of orders that name none (the first)
     * @param duplicateStatusChance how often an orderStatus is sent twice, 0..1
     * @param clock                 the time of executions, in the simulator's zone
     * @param metrics               the counters: orders placed, duplicate ids, executions
     */
    SimulatedOrderBook(BookQuotes quotes, SimulatorSettings settings, double duplicateStatusChance, Clock clock,
                       SimulatorMetrics metrics) {
        this.quotes = quotes;
        this.firstOrderId = settings.nextOrderId();
        this.defaultAccount = settings.accounts().get(0);
        this.fills = new ExecutionLog(clock);
        this.metrics = metrics;
        this.events = new BookEvents(settings.seed(), duplicateStatusChance);
    }

    /** @return the client's next valid order id: above every id it used, and at least the configured first id */
    int nextValidId(int clientId) {
        return Math.max(firstOrderId, highestIds.getOrDefault(clientId, 0) + 1);
    }

    /**
     * placeOrder: a new order, or a modification of a working one.
     *
     * @param clientId   the client
     * @param orderId    the order id it sent
     * @param contract   the contract it sent
     * @param instrument what the contract resolved to
     * @param order      the order
     * @return the events
     */
    List<Out> place(int clientId, int orderId, Contract contract, Instrument instrument, Order order) {
        events.start();
        BookOrder existing = orders.get(key(clientId, orderId));
        if (existing != null) {
            placeAgain(existing, order);
        } else if (orderId < 1 || orderId <= highestIds.getOrDefault(clientId, 0)) {
            events.error(clientId, orderId, TwsErrorCode.DUPLICATE_ORDER_ID, SimulatorErrors.DUPLICATE_ORDER_ID);
        } else {
            highestIds.put(clientId, orderId);
            BookOrder parent = orders.get(key(clientId, order.parentId()));
            if (order.parentId() > 0 && (parent == null || parent.terminal() && parent.status != OrderStatus.FILLED)) {
                events.error(clientId, orderId, TwsErrorCode.ORDER_REJECTED,
                        SimulatorErrors.ORDER_REJECTED + "parent order " + order.parentId() + " is not working");
            } else {
                BookOrder o = new BookOrder(clientId, orderId, nextPermId++, BookReports.resolved(contract,
                        instrument), instrument, order.account().isEmpty() ? defaultAccount : order.account(), order);
                o.parentPermId = parent == null ? 0 : parent.permId;
                orders.put(key(clientId, orderId), o);
                metrics.ordersPlaced.increment();
                events.tell(o, new OrderEvent.Open(BookReports.openOrder(o), o.order));
                events.status(o);
                if (o.transmitted) {
                    transmit(o);
                }
            }
        }
        return events.done();
    }

    private void placeAgain(BookOrder o, Order order) {
        if (o.terminal()) {
            metrics.duplicateOrderIds.increment();
            boolean filled = o.status == OrderStatus.FILLED;
            events.error(o.clientId, o.orderId, filled ? TwsErrorCode.CANNOT_MODIFY_FILLED_ORDER
                    : TwsErrorCode.DUPLICATE_ORDER_ID, filled ? SimulatorErrors.CANNOT_MODIFY_FILLED_ORDER
                    : SimulatorErrors.DUPLICATE_ORDER_ID);
            return;
        } else if (order.totalQuantity().compareTo(o.filled) <= 0) {
            events.error(o.clientId, o.orderId, TwsErrorCode.ORDER_REJECTED, SimulatorErrors.ORDER_REJECTED
                    + "the quantity must exceed the filled quantity " + o.filled.toPlainString());
            return;
        }
        Order modified = order.parentId() == o.order.parentId() ? order : order.withParentId(o.order.parentId());
        if (modified.equals(o.order)) {
            metrics.duplicateOrderIds.increment(); // the same order again: a resend, not a modification
        }
        if (modified.type() != o.order.type()) {
            o.triggered = false;
            o.extreme = Double.NaN;
        }
        boolean transmits = !o.transmitted && modified.transmit();
        o.order = modified;
        events.tell(o, new OrderEvent.Open(BookReports.openOrder(o), o.order));
        events.tell(o, new OrderEvent.Status(BookReports.status(o)));
        if (transmits) {
            o.transmitted = true;
            transmit(o);
        } else {
            tryFill(o, true);
        }
    }

    /** Transmits the order's group: the held orders among its parent (or itself) and that one's children. */
    private void transmit(BookOrder o) {
        int root = o.isChild() ? o.order.parentId() : o.orderId;
        List<BookOrder> group = select(g -> g.clientId == o.clientId && !g.terminal()
                && (g.orderId == root || g.order.parentId() == root) && (!g.transmitted || g == o));
        group.forEach(g -> g.transmitted = true);
        for (BookOrder g : group) {
            if (g.status == OrderStatus.PRE_SUBMITTED && !waitsForParent(g)) {
                activate(g);
            }
        }
    }

    private boolean waitsForParent(BookOrder o) {
        return o.isChild() && orders.get(key(o.clientId, o.order.parentId())).status != OrderStatus.FILLED;
    }

    private void activate(BookOrder o) {
        o.status = OrderStatus.SUBMITTED;
        events.status(o);
        tryFill(o, true);
    }

    private void tryFill(BookOrder o, boolean atAcceptance) {
        if (o.status != OrderStatus.SUBMITTED) {
            return;
        }
        double price = o.fillPrice(quotes.quote(o.clientId, o.instrument), atAcceptance);
        if (!Double.isNaN(price)) {
            fill(o, price, atAcceptance ? REMOVED_LIQUIDITY : ADDED_LIQUIDITY);
        }
    }

    private void fill(BookOrder o, double price, int liquidity) {
        BigDecimal quantity = o.remaining().min(MAX_FILL_PER_ROUND);
        boolean first = o.filled.signum() == 0;
        o.filled = o.filled.add(quantity);
        o.cost += price * quantity.doubleValue();
        o.lastFillPrice = price;
        ExecutionLog.Fill fill = fills.record(o, quantity, price, liquidity);
        o.execIds.add(fill.execution().execId());
        metrics.executions.increment();
        if (o.remaining().signum() == 0) {
            o.status = OrderStatus.FILLED;
            o.completedTime = fill.execution().time();
            o.completedStatus = "Filled Size: " + o.filled.stripTrailingZeros().toPlainString();
        }
        events.tell(o, new OrderEvent.Fill(-1, fill.execution()));
        events.status(o);
        events.tell(o, new OrderEvent.Commission(fill.commission()));
        if (first) {
            select(g -> g != o && g.clientId == o.clientId && !g.terminal() && o.sharesOcaGroupWith(g))
                    .forEach(this::cancel);
        }
        if (o.status == OrderStatus.FILLED) {
            select(g -> g.clientId == o.clientId && g.order.parentId() == o.orderId && g.transmitted
                    && g.status == OrderStatus.PRE_SUBMITTED).forEach(this::activate);
        }
    }

    /** @return the events of cancelOrder of the client's order id */
    List<Out> cancel(int clientId, int orderId) {
        events.start();
        BookOrder o = orders.get(key(clientId, orderId));
        if (o == null) {
            events.error(clientId, orderId, TwsErrorCode.CANCEL_ORDER_NOT_FOUND,
                    SimulatorErrors.cancelledOrderNotFound(orderId));
        } else if (o.terminal()) {
            events.error(clientId, orderId, TwsErrorCode.CANCEL_ORDER_NOT_CANCELLABLE,
                    SimulatorErrors.orderNotCancellable(orderId, o.status.wireName()));
        } else {
            cancel(o);
        }
        return events.done();
    }

    /** @return the events of reqGlobalCancel: every live order of every client cancelled */
    List<Out> cancelAll() {
        events.start();
        for (BookOrder o : select(o -> !o.terminal())) {
            if (!o.terminal()) { // a parent's cancel took its children already
                cancel(o);
            }
        }
        return events.done();
    }

    private void cancel(BookOrder o) {
        o.status = OrderStatus.CANCELLED;
        o.completedTime = fills.now();
        o.completedStatus = "Cancelled by Trader";
        events.status(o);
        events.error(o.clientId, o.orderId, TwsErrorCode.ORDER_CANCELLED, SimulatorErrors.ORDER_CANCELLED);
        select(g -> g.clientId == o.clientId && g.order.parentId() == o.orderId && !g.terminal())
                .forEach(this::cancel);
    }

    /** @return the events of a matching round: the quotes move, then every working order is matched */
    List<Out> onRound() {
        events.start();
        quotes.advance();
        for (BookOrder o : select(o -> o.status == OrderStatus.SUBMITTED)) {
            tryFill(o, false);
        }
        return events.done();
    }

    /** @return some order works, so matching rounds are needed */
    boolean hasWorkingOrders() {
        return orders.values().stream().anyMatch(o -> o.status == OrderStatus.SUBMITTED);
    }

    /**
     * reqOpenOrders / reqAllOpenOrders.
     *
     * @param clientId the client asking
     * @param all      every client's orders, not only its own
     * @return its answer: openOrder + orderStatus for each live order, then openOrderEnd
     */
    List<OrderEvent> openOrders(int clientId, boolean all) {
        return BookReports.openOrders(orders.values(), clientId, all);
    }

    /**
     * reqCompletedOrders.
     *
     * @param clientId the client asking
     * @param apiOnly  see {@link BookReports#completedOrders}
     * @return its answer
     */
    List<OrderEvent> completedOrders(int clientId, boolean apiOnly) {
        return BookReports.completedOrders(orders.values(), clientId, apiOnly);
    }

    /**
     * reqExecutions: the client's own fills of the run (the simulator has no master client id), as TWS answers.
     *
     * @param clientId  the client asking
     * @param requestId its request id
     * @param filter    the filter
     * @return execDetails + commissionReport for each, then execDetailsEnd
     */
    List<OrderEvent> executions(int clientId, int requestId, ExecutionFilter filter) {
        return fills.answer(clientId, requestId, filter);
    }

    /** @return every order of the run by client, and the counters */
    OrderBookSnapshot snapshot() {
        return BookReports.snapshot(orders.values(), metrics);
    }

    private List<BookOrder> select(Predicate<BookOrder> wanted) {
        return orders.values().stream().filter(wanted).toList();
    }

    private static long key(int clientId, int orderId) {
        return ((long) clientId << 32) | (orderId & 0xFFFFFFFFL);
    }
}
