package io.github.twssupervisor.simulator;

import io.github.twssupervisor.orders.CommissionReport;
import io.github.twssupervisor.orders.CompletedOrder;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderStatusReport;

/**
 * What the {@link SimulatedOrderBook} tells one client, before it is encoded for the client's server version
 * ({@link OrderEventFrames}). Each is one frame.
 */
sealed interface OrderEvent {

    /**
     * An openOrder.
     *
     * @param order  the open order
     * @param placed the order as placed, whose fields the open order lacks (outsideRth, ocaType, trailingPercent...)
     */
    record Open(OpenOrder order, Order placed) implements OrderEvent {
    }

    /** openOrderEnd. */
    record OpenEnd() implements OrderEvent {
    }

    /** @param report an orderStatus */
    record Status(OrderStatusReport report) implements OrderEvent {
    }

    /**
     * @param requestId -1 for a fill as it happens, else the reqExecutions request it answers
     * @param execution an execDetails
     */
    record Fill(int requestId, Execution execution) implements OrderEvent {
    }

    /** @param requestId the reqExecutions request whose answer is complete */
    record FillsEnd(int requestId) implements OrderEvent {
    }

    /** @param report a commissionReport */
    record Commission(CommissionReport report) implements OrderEvent {
    }

    /** @param order a completedOrder */
    record Completed(CompletedOrder order) implements OrderEvent {
    }

    /** completedOrdersEnd. */
    record CompletedEnd() implements OrderEvent {
    }

    /**
     * An error about an order.
     *
     * @param orderId the order id
     * @param code    the code ({@code wire/TwsErrorCode})
     * @param message TWS's text
     */
    record OrderError(int orderId, int code, String message) implements OrderEvent {
    }

    /** @param orderId a nextValidId (the answer to reqIds) */
    record NextId(int orderId) implements OrderEvent {
    }
}
