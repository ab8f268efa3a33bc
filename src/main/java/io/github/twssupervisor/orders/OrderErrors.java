package io.github.twssupervisor.orders;

import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.Set;

/** What a TWS error with an order's id does to the order (TWS-WIRE.md §6). */
final class OrderErrors {

    /** The effects. */
    enum Effect {
        /** The order never became an order at TWS: it fails, with TWS's reason. */
        FAILS_ORDER,
        /** Error 103: the order fails as a duplicate id, and reqIds asks TWS for its next valid id. */
        REQUEST_IDS,
        /** Error 202: cancelled (TWS does not always send the Cancelled status with it). */
        CANCELS_ORDER,
        /** The order stays as it is; the error is reported as a warning event. */
        WARNING
    }

    /** Errors about a modify or cancel of an order, or warnings: the order itself is unchanged. */
    private static final Set<Integer> LEAVE_ORDER = Set.of(TwsErrorCode.ORDER_WARNING,
            TwsErrorCode.CANCEL_ORDER_NOT_FOUND, TwsErrorCode.CANCEL_ORDER_NOT_CANCELLABLE,
            TwsErrorCode.CANCEL_ORDER_INVALID_ID, TwsErrorCode.ORDER_NOT_FOUND, TwsErrorCode.ORDER_NOT_CANCELLABLE,
            TwsErrorCode.CANNOT_MODIFY_FILLED_ORDER);

    private OrderErrors() {
    }

    static Effect effect(int code, TrackedOrder order) {
        if (code == TwsErrorCode.DUPLICATE_ORDER_ID && !order.isAcknowledged()) {
            return Effect.REQUEST_IDS;
        }
        if (code == TwsErrorCode.ORDER_CANCELLED) {
            return order.isFinished() ? Effect.WARNING : Effect.CANCELS_ORDER;
        }
        if (LEAVE_ORDER.contains(code) || TwsErrorCode.isWarning(code)) {
            return Effect.WARNING;
        }
        // After TWS acknowledged the order, its own status messages say what an error did to it.
        return order.isAcknowledged() ? Effect.WARNING : Effect.FAILS_ORDER;
    }

    static OrderException failure(SessionCodec.TwsError error, int orderId) {
        if (error.code() == TwsErrorCode.DUPLICATE_ORDER_ID) {
            return new OrderException(OrderException.Reason.DUPLICATE_ORDER_ID, orderId, error.code(),
                    "duplicate order id " + orderId + ": TWS has seen it before (error " + error.code() + ": " + error.message()
                    + "); the order was not placed and is not resent");
        }
        return new OrderException(OrderException.Reason.REJECTED, orderId, error.code(), "TWS rejected order "
                + orderId + ": error " + error.code() + ": " + error.message());
    }

    /** @return why an order may not be modified or cancelled now, if it may not (connection state aside) */
    static java.util.Optional<OrderException> refusalToChange(int orderId, java.util.Optional<TrackedOrder> order,
                                                              boolean finished) {
        if (order.isEmpty()) {
            return java.util.Optional.of(new OrderException(finished ? OrderException.Reason.ALREADY_DONE
                    : OrderException.Reason.UNKNOWN_ORDER, orderId, 0, finished ? "order " + orderId + " is finished"
                    : "no order " + orderId + " is known to this client"));
        }
        if (order.get().isFinished()) {
            return java.util.Optional.of(new OrderException(OrderException.Reason.ALREADY_DONE, orderId, 0, "order "
                    + orderId + " is " + order.get().status().wireName()));
        }
        if (order.get().awaitsReconciliation()) {
            return java.util.Optional.of(new OrderException(OrderException.Reason.RECONCILIATION_PENDING, orderId, 0,
                    "order " + orderId + " is not reconciled with TWS yet after a lost connection: try again once its"
                    + " Reconciled event came"));
        }
        return java.util.Optional.empty();
    }

    /** The status a 202 implies, for an order whose Cancelled status TWS does not send. */
    static OrderStatusReport cancelled(TrackedOrder order, SessionCodec.TwsError error) {
        return new OrderStatusReport(order.orderId(), OrderStatus.CANCELLED, order.filled(),
                order.totalQuantity().subtract(order.filled()).max(java.math.BigDecimal.ZERO), 0, order.permId(), 0,
                0, 0, "", 0);
    }
}
