package io.github.twssupervisor.simulator;

import io.github.twssupervisor.orders.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The simulator's order book at one moment, for tests that compare a client's view with it: every order of the run by
 * client id, in the order they were placed, and the book's counters.
 *
 * @param ordersByClient    each client's orders, by client id
 * @param ordersPlaced      orders accepted into the book (modifications not counted)
 * @param duplicateOrderIds placeOrder frames whose id this client had already placed: refused with 103 (the order was
 *                          cancelled) or 104 (filled), or the same order sent again while it works
 * @param executions        fills since the simulator started
 */
public record OrderBookSnapshot(Map<Integer, List<Entry>> ordersByClient, long ordersPlaced, long duplicateOrderIds,
                                long executions) {

    /** Copies the map (the lists are immutable already). */
    public OrderBookSnapshot {
        ordersByClient = Map.copyOf(ordersByClient);
    }

    /**
     * One order.
     *
     * @param orderId        the client's order id
     * @param permId         the permanent id, unique in the run
     * @param status         its status now
     * @param filled         the quantity filled
     * @param totalQuantity  the quantity ordered
     * @param execIds        its executions, in order
     */
    public record Entry(int orderId, long permId, OrderStatus status, BigDecimal filled, BigDecimal totalQuantity,
                        List<String> execIds) {

        /** Copies the list. */
        public Entry {
            execIds = List.copyOf(execIds);
        }
    }

    /**
     * @param clientId a client id
     * @return its orders, in the order they were placed (empty if none)
     */
    public List<Entry> orders(int clientId) {
        return ordersByClient.getOrDefault(clientId, List.of());
    }
}
