package io.github.twssupervisor.orders;

import java.util.OptionalInt;

/**
 * Why an order command failed, or why an order ended without reaching TWS. The reason is the part to branch on; the
 * message is for a person.
 */
public final class OrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Classes of order failures. */
    public enum Reason {
        /** Not READY: the order was not sent, and will not be (orders are never queued for a later connection). */
        NOT_CONNECTED,
        /** The order's fate is unknown after a lost connection; modify and cancel wait for reconciliation. */
        RECONCILIATION_PENDING,
        /** TWS refused the order id as used before (error 103); nothing was resent. */
        DUPLICATE_ORDER_ID,
        /** TWS rejected the order or the command (the TWS code says why). */
        REJECTED,
        /** No order with that id is known to this client. */
        UNKNOWN_ORDER,
        /** The order is filled or cancelled: it can change no more. */
        ALREADY_DONE,
        /** Reconciliation did not find the order at TWS (TWS may still transmit it: watch its events). */
        NOT_FOUND_AT_TWS,
        /** The order-id state could not be used (locked by another client, or not writable): no order is sent. */
        STATE_UNAVAILABLE,
        /** TWS did not answer in time. */
        TIMEOUT,
        /** The client was closed. */
        CLOSED
    }

    private final Reason reason;
    private final int orderId;
    private final int twsCode;

    /**
     * @param reason  the class of failure
     * @param orderId the order id, 0 if none was assigned
     * @param twsCode TWS's error code, or 0 if the failure is the library's
     * @param message for a person
     */
    public OrderException(Reason reason, int orderId, int twsCode, String message) {
        super(message);
        this.reason = reason;
        this.orderId = orderId;
        this.twsCode = twsCode;
    }

    /** @return the class of failure */
    public Reason reason() {
        return reason;
    }

    /** @return the order id, 0 if none was assigned */
    public int orderId() {
        return orderId;
    }

    /** @return TWS's error code, if TWS gave one */
    public OptionalInt twsCode() {
        return twsCode == 0 ? OptionalInt.empty() : OptionalInt.of(twsCode);
    }
}
