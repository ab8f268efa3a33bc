package io.github.twssupervisor.orders;

import io.github.twssupervisor.dispatch.RequestEvent;

/**
 * The decoded inbound order messages, as the dispatcher delivers them to the order book (by message kind: openOrder,
 * orderStatus and the rest carry no request id) or to a reqExecutions request (by request id).
 */
public sealed interface OrderMessage extends RequestEvent {

    /** @param order an openOrder */
    record OpenOrderReceived(OpenOrder order) implements OrderMessage {
    }

    /** openOrderEnd: the answer to reqOpenOrders / reqAllOpenOrders is complete. */
    record OpenOrdersEnd() implements OrderMessage {
    }

    /** @param report an orderStatus */
    record StatusReceived(OrderStatusReport report) implements OrderMessage {
    }

    /** @param order a completedOrder */
    record CompletedOrderReceived(CompletedOrder order) implements OrderMessage {
    }

    /** completedOrdersEnd: the answer to reqCompletedOrders is complete. */
    record CompletedOrdersEnd() implements OrderMessage {
    }

    /**
     * @param requestId  the reqExecutions request id, or -1 for a fill TWS reports as it happens
     * @param execution  the fill
     */
    record ExecutionReceived(int requestId, Execution execution) implements OrderMessage {
    }

    /** @param requestId the reqExecutions request whose answer is complete */
    record ExecutionsEnd(int requestId) implements OrderMessage {
    }

    /** @param report a commissionReport */
    record CommissionReceived(CommissionReport report) implements OrderMessage {
    }
}
