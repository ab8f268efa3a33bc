package io.github.twssupervisor.wire;

/**
 * Error and notice codes carried by the error message (IN 4), TWS-WIRE.md §6. The one place that holds these numbers.
 */
public final class TwsErrorCode {

    /** Id used by session-level notices that refer to no request. */
    public static final int NO_REQUEST_ID = -1;

    /** Max number of tickers (market data lines) reached. */
    public static final int MAX_TICKERS_REACHED = 101;
    /** Duplicate ticker id. */
    public static final int DUPLICATE_TICKER_ID = 102;
    /** Duplicate order id: an order id this client used before (the order is not placed). */
    public static final int DUPLICATE_ORDER_ID = 103;
    /** Can't modify a filled order. */
    public static final int CANNOT_MODIFY_FILLED_ORDER = 104;
    /** Can't find an order with the given id. */
    public static final int ORDER_NOT_FOUND = 135;
    /** A cancel was sent for an order that is not in a cancellable state. */
    public static final int ORDER_NOT_CANCELLABLE = 161;
    /** Order rejected (the message says why). */
    public static final int ORDER_REJECTED = 201;
    /** Order cancelled (expected after cancelOrder; the message may say why). */
    public static final int ORDER_CANCELLED = 202;
    /** Order message warning (the order is still placed). */
    public static final int ORDER_WARNING = 399;
    /** The order id to cancel is not found. */
    public static final int CANCEL_ORDER_NOT_FOUND = 10147;
    /** The order to cancel cannot be cancelled in its state. */
    public static final int CANCEL_ORDER_NOT_CANCELLABLE = 10148;
    /** Invalid order id to cancel. */
    public static final int CANCEL_ORDER_INVALID_ID = 10149;
    /** No security definition has been found for the request. */
    public static final int NO_SECURITY_DEFINITION = 200;
    /** Can't find EId with the given ticker id (e.g. cancelling an unknown request). */
    public static final int UNKNOWN_TICKER_ID = 300;
    /** Server error processing an API client request. */
    public static final int CANNOT_PROCESS_REQUEST = 322;
    /** Requested market data is not subscribed. */
    public static final int MARKET_DATA_NOT_SUBSCRIBED = 354;
    /** Requested market data is not subscribed; delayed market data is displayed (advisory, ticks follow). */
    public static final int DELAYED_DATA_DISPLAYED = 10167;
    /** Requested market data is not subscribed; delayed market data is not enabled. */
    public static final int DELAYED_DATA_NOT_ENABLED = 10168;
    /** Max rate of messages per second exceeded. */
    public static final int MAX_RATE_EXCEEDED = 100;
    /** Server error when reading an API client request: the simulator's answer to a frame it cannot parse. */
    public static final int CANNOT_READ_REQUEST = 320;
    /** Server error validating an API client request: the simulator's answer to a request it does not implement. */
    public static final int CANNOT_VALIDATE_REQUEST = 321;
    /** Historical Market Data Service error message: the text names it (pacing violation, no data, ...). */
    public static final int HISTORICAL_DATA_SERVICE = 162;
    /** Client id already in use; TWS closes the connection. */
    public static final int CLIENT_ID_IN_USE = 326;
    /** Couldn't connect to TWS (client-generated in the official clients). */
    public static final int CONNECT_FAIL = 502;
    /** Not connected (client-generated). */
    public static final int NOT_CONNECTED = 504;
    /** Unsupported version (client-generated, Java). */
    public static final int UNSUPPORTED_VERSION = 506;
    /** Bad message length / socket EOF (client-generated, Java). */
    public static final int BAD_LENGTH = 507;
    /** Connectivity between IB and TWS lost. */
    public static final int CONNECTIVITY_LOST = 1100;
    /** Connectivity restored, data lost: re-subscribe. */
    public static final int CONNECTIVITY_RESTORED_DATA_LOST = 1101;
    /** Connectivity restored, data maintained. */
    public static final int CONNECTIVITY_RESTORED_DATA_KEPT = 1102;
    /** TWS socket port reset: the connection drops. */
    public static final int SOCKET_PORT_RESET = 1300;
    /** Market data farm connection broken. */
    public static final int MARKET_DATA_FARM_BROKEN = 2103;
    /** Market data farm connection OK. */
    public static final int MARKET_DATA_FARM_OK = 2104;
    /** HMDS data farm connection broken. */
    public static final int HMDS_FARM_BROKEN = 2105;
    /** HMDS data farm connection OK. */
    public static final int HMDS_FARM_OK = 2106;
    /** HMDS data farm inactive but available on demand. */
    public static final int HMDS_FARM_INACTIVE = 2107;
    /** Market data farm inactive but available on demand. */
    public static final int MARKET_DATA_FARM_INACTIVE = 2108;
    /** Market data farm is connecting. */
    public static final int MARKET_DATA_FARM_CONNECTING = 2119;
    /** Connectivity between TWS and server broken; restored automatically. */
    public static final int TWS_SERVER_CONNECTIVITY_BROKEN = 2110;
    /** Sec-def data farm connection broken. */
    public static final int SEC_DEF_FARM_BROKEN = 2157;
    /** Sec-def data farm connection OK. */
    public static final int SEC_DEF_FARM_OK = 2158;

    /** First code of the warning range (2100-2199: data farm status and other warnings). */
    public static final int FIRST_WARNING = 2100;
    /** Last code of the warning range. */
    public static final int LAST_WARNING = 2199;

    private TwsErrorCode() {
    }

    /**
     * @param code a TWS code
     * @return true for the 2100-2199 range, which TWS sends as warnings
     */
    public static boolean isWarning(int code) {
        return code >= FIRST_WARNING && code <= LAST_WARNING;
    }
}
