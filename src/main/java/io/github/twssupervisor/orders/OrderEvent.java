package io.github.twssupervisor.orders;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What happens to an order, in order: the events of an {@link OrderHandle}, and of every order of the client id on
 * {@link OrdersFacade#events()}. Status changes are TWS's orderStatus messages with repeats left out; each fill comes
 * once, whether it arrived live or through reconciliation; {@link Closed} is the last event of every order.
 */
public sealed interface OrderEvent {

    /** @return the order the event is about */
    int orderId();

    /**
     * TWS's first word on the order (an openOrder, orderStatus or fill): it has the order.
     *
     * @param orderId the order
     * @param ack     its status and permanent id then
     */
    record Acknowledged(int orderId, OrderAck ack) implements OrderEvent {
    }

    /**
     * The order's status changed.
     *
     * @param orderId the order
     * @param report  TWS's orderStatus
     */
    record StatusChanged(int orderId, OrderStatusReport report) implements OrderEvent {
    }

    /**
     * A fill, or a correction of an earlier fill (same {@link Execution#execIdPrefix()}).
     *
     * @param orderId   the order
     * @param execution the fill
     */
    record Filled(int orderId, Execution execution) implements OrderEvent {
    }

    /**
     * The commission of a fill; may come after the order's Filled status.
     *
     * @param orderId the order
     * @param report  the commission
     */
    record Commission(int orderId, CommissionReport report) implements OrderEvent {
    }

    /**
     * TWS warned about the order, which stays as it is (e.g. 399).
     *
     * @param orderId the order
     * @param code    TWS's code
     * @param message TWS's text
     */
    record Warning(int orderId, int code, String message) implements OrderEvent {
    }

    /**
     * The connection (or TWS's link to IB) was lost while the order was working: what happens until reconciliation
     * is not seen live, and is delivered by {@link Reconciled}.
     *
     * @param orderId the order
     */
    record Interrupted(int orderId) implements OrderEvent {
    }

    /**
     * The connection was lost after the order was written and before TWS said anything about it: TWS may or may not
     * have it. Modify and cancel are refused until reconciliation says which.
     *
     * @param orderId the order
     */
    record Unknown(int orderId) implements OrderEvent {
    }

    /**
     * Reconciliation with TWS says what became of the order.
     *
     * @param orderId the order
     * @param outcome what it is now
     * @param status  its status now ({@link OrderStatus#OTHER} if TWS reported none)
     */
    record Reconciled(int orderId, Reconciliation outcome, OrderStatus status) implements OrderEvent {
    }

    /**
     * An order of this client id that this process did not place (one placed before a restart), now tracked.
     *
     * @param orderId the order
     * @param order   how TWS reports it
     */
    record Adopted(int orderId, OpenOrder order) implements OrderEvent {
    }

    /**
     * The last event of an order: it is terminal (and its commissions are in, or their grace period is over), or it
     * never reached TWS.
     *
     * @param orderId the order
     * @param status  its final status ({@link OrderStatus#OTHER} if it never reached TWS)
     * @param filled  the quantity filled
     * @param failure why it failed, when it did (not sent, rejected, duplicate id); empty when TWS finished it
     */
    record Closed(int orderId, OrderStatus status, BigDecimal filled, Optional<OrderException> failure)
            implements OrderEvent {
    }
}
