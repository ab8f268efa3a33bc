package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.CompletedOrder;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderStatusReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the {@link SimulatedOrderBook} reports its orders: openOrder, orderStatus, completedOrder, the contract, and the
 * answers to the requests that only read the book.
 */
final class BookReports {

    private BookReports() {
    }

    /**
     * @param o an order
     * @return its openOrder
     */
    static OpenOrder openOrder(BookOrder o) {
        Order order = o.order;
        return new OpenOrder(o.orderId, o.contract, order.action(), order.totalQuantity(), order.type().wireName(),
                order.limitPrice(), order.auxPrice(), order.tif().name(), order.ocaGroup(), o.account,
                order.orderRef(), o.clientId, o.permId, order.parentId(), o.status, "");
    }

    /**
     * @param o an order
     * @return its orderStatus
     */
    static OrderStatusReport status(BookOrder o) {
        return new OrderStatusReport(o.orderId, o.status, o.filled, o.remaining(), o.avgPrice(), o.permId,
                o.order.parentId(), o.lastFillPrice, o.clientId, "", 0);
    }

    /**
     * @param orders   the book's orders, in the order they were placed
     * @param clientId the client asking
     * @param all      every client's orders (reqAllOpenOrders), not only its own (reqOpenOrders)
     * @return openOrder + orderStatus for each live order, then openOrderEnd
     */
    static List<OrderEvent> openOrders(Collection<BookOrder> orders, int clientId, boolean all) {
        List<OrderEvent> answer = new ArrayList<>();
        for (BookOrder o : orders) {
            if (!o.terminal() && (all || o.clientId == clientId)) {
                answer.add(new OrderEvent.Open(openOrder(o), o.order));
                answer.add(new OrderEvent.Status(status(o)));
            }
        }
        answer.add(new OrderEvent.OpenEnd());
        return List.copyOf(answer);
    }

    /**
     * reqCompletedOrders. Every order of the simulator is an API order, so {@code apiOnly} cannot mean what it does at
     * TWS; here it narrows the answer to the client's own orders, and without it every client's are reported.
     *
     * @param orders   the book's orders, in the order they were placed
     * @param clientId the client asking
     * @param apiOnly  the client's own orders only
     * @return completedOrder for each filled or cancelled order, then completedOrdersEnd
     */
    static List<OrderEvent> completedOrders(Collection<BookOrder> orders, int clientId, boolean apiOnly) {
        List<OrderEvent> answer = new ArrayList<>();
        for (BookOrder o : orders) {
            if (o.terminal() && (!apiOnly || o.clientId == clientId)) {
                answer.add(new OrderEvent.Completed(completed(o)));
            }
        }
        answer.add(new OrderEvent.CompletedEnd());
        return List.copyOf(answer);
    }

    /**
     * @param orders  the book's orders, in the order they were placed
     * @param metrics the book's counters
     * @return the snapshot
     */
    static OrderBookSnapshot snapshot(Collection<BookOrder> orders, SimulatorMetrics metrics) {
        Map<Integer, List<OrderBookSnapshot.Entry>> byClient = new HashMap<>();
        for (BookOrder o : orders) {
            byClient.computeIfAbsent(o.clientId, c -> new ArrayList<>()).add(new OrderBookSnapshot.Entry(o.orderId,
                    o.permId, o.status, o.filled, o.order.totalQuantity(), o.execIds));
        }
        Map<Integer, List<OrderBookSnapshot.Entry>> copied = new HashMap<>();
        byClient.forEach((client, entries) -> copied.put(client, List.copyOf(entries)));
        return new OrderBookSnapshot(copied, metrics.ordersPlaced.sum(), metrics.duplicateOrderIds.sum(),
                metrics.executions.sum());
    }

    /**
     * @param o a filled or cancelled order
     * @return its completedOrder
     */
    static CompletedOrder completed(BookOrder o) {
        Order order = o.order;
        return new CompletedOrder(o.contract, order.action(), order.totalQuantity(), order.type().wireName(),
                order.limitPrice(), order.auxPrice(), order.tif().name(), o.account, order.orderRef(), o.permId,
                o.parentPermId, o.status, o.filled, o.completedTime, o.completedStatus);
    }

    /**
     * @param sent the contract of the placeOrder
     * @param i    what it resolved to
     * @return the contract as TWS reports it in openOrder and execDetails: resolved, with its conId
     */
    static Contract resolved(Contract sent, Instrument i) {
        return new Contract(i.conId(), i.symbol(), i.secType(), i.lastTradeDate(), 0, "", i.multiplier(),
                sent.exchange().isEmpty() ? i.exchange() : sent.exchange(), sent.primaryExchange(), i.currency(),
                i.localSymbol(), sent.tradingClass());
    }
}
