package io.github.twssupervisor.simulator;

import io.github.twssupervisor.wire.SessionCodec;

/**
 * TWS's wording of the request-scoped errors the simulator answers with (codes in {@code wire/TwsErrorCode}), and the
 * error frame every one of them, and every notice, goes out in.
 */
final class SimulatorErrors {

    /** Error 102. */
    static final String DUPLICATE_TICKER_ID = "Duplicate ticker ID";
    /** Error 322 for a third account summary subscription, in the words TWS uses (its code letter varies). */
    static final String MAX_ACCOUNT_SUMMARY_REQUESTS = "Error processing request.-'bf' : cause - Maximum number of "
            + "account summary requests exceeded; desubscribe to previous request first";
    /** Error 321 for reqAccountUpdates of an account the session does not manage, as TWS words it. */
    static final String INVALID_ACCOUNT_CODE = "Error validating request.-'cq' : cause - Invalid account code";
    /** Error 200. */
    static final String NO_SECURITY_DEFINITION = "No security definition has been found for the request";

    /** Error 103. */
    static final String DUPLICATE_ORDER_ID = "Duplicate order id";
    /** Error 104. */
    static final String CANNOT_MODIFY_FILLED_ORDER = "Cannot modify a filled order";
    /** Error 202, after a cancel (TWS adds nothing after the colon for a cancel through the API). */
    static final String ORDER_CANCELLED = "Order Canceled - reason:";
    /** Error 201: followed by the reason. */
    static final String ORDER_REJECTED = "Order rejected - reason:";

    private SimulatorErrors() {
    }

    /**
     * @param serverVersion the negotiated version
     * @param id            the request or order id, or {@code TwsErrorCode.NO_REQUEST_ID} for a notice
     * @param code          the code
     * @param message       the text
     * @return an error frame (IN 4), stamped now as TWS stamps it
     */
    static byte[] frame(int serverVersion, int id, int code, String message) {
        return SessionCodec.error(serverVersion, SessionCodec.TwsError.of(id, code, message,
                System.currentTimeMillis()));
    }

    /**
     * @param orderId the id a cancelOrder named
     * @return TWS's text for error 10147
     */
    static String cancelledOrderNotFound(int orderId) {
        return "OrderId " + orderId + " that needs to be cancelled is not found.";
    }

    /**
     * @param orderId the id a cancelOrder named
     * @param state   the order's status
     * @return TWS's text for error 10148
     */
    static String orderNotCancellable(int orderId, String state) {
        return "OrderId " + orderId + " that needs to be cancelled cannot be cancelled, state: " + state + ".";
    }

    /**
     * @param tickerId the id that was cancelled
     * @return TWS's text for error 300
     */
    static String unknownTickerId(int tickerId) {
        return "Can't find EId with tickerId:" + tickerId;
    }

    /**
     * @param max        the limit
     * @param received   messages received in the current one-second window, the rejected one included
     * @param violations violations so far on this connection
     * @return TWS's text for error 100
     */
    static String maxRateExceeded(int max, int received, int violations) {
        return "Max rate of messages per second has been exceeded:max=" + max + " rec=" + received + " (" + violations
                + ")";
    }
}
