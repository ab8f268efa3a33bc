package io.github.twssupervisor.simulator;

import io.github.twssupervisor.orders.ExecutionCodec;
import io.github.twssupervisor.orders.OrderStateCodec;
import io.github.twssupervisor.wire.SessionCodec;

/** Encodes an {@link OrderEvent} for a client's server version, with the orders domain's codecs. */
final class OrderEventFrames {

    private OrderEventFrames() {
    }

    /**
     * @param serverVersion the client's negotiated version
     * @param event         the event
     * @return its frame
     */
    static byte[] encode(int serverVersion, OrderEvent event) {
        if (event instanceof OrderEvent.Open open) {
            return OrderStateCodec.openOrder(serverVersion, open.order(), open.placed());
        } else if (event instanceof OrderEvent.Status status) {
            return OrderStateCodec.orderStatus(status.report());
        } else if (event instanceof OrderEvent.Fill fill) {
            return ExecutionCodec.execDetails(serverVersion, fill.requestId(), fill.execution());
        } else if (event instanceof OrderEvent.Commission commission) {
            return ExecutionCodec.commissionReport(commission.report());
        } else if (event instanceof OrderEvent.OrderError error) {
            return SimulatorErrors.frame(serverVersion, error.orderId(), error.code(), error.message());
        } else if (event instanceof OrderEvent.OpenEnd) {
            return OrderStateCodec.openOrderEnd();
        } else if (event instanceof OrderEvent.Completed completed) {
            return OrderStateCodec.completedOrder(serverVersion, completed.order());
        } else if (event instanceof OrderEvent.CompletedEnd) {
            return OrderStateCodec.completedOrdersEnd();
        } else if (event instanceof OrderEvent.FillsEnd end) {
            return ExecutionCodec.execDetailsEnd(end.requestId());
        }
        return SessionCodec.nextValidId(((OrderEvent.NextId) event).orderId());
    }
}
