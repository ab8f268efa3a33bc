package io.github.twssupervisor.marketdata;

import java.util.Optional;

/** What kind of market data TWS sends for a request (marketDataType, IN 58; reqMarketDataType, OUT 59). */
public enum MarketDataType {
    /** Live streaming data; needs a market data subscription. */
    REALTIME(1),
    /** The last data recorded at market close. */
    FROZEN(2),
    /** Data delayed by 15-20 minutes, free where available. */
    DELAYED(3),
    /** Delayed data frozen at close. */
    DELAYED_FROZEN(4);

    private final int code;

    MarketDataType(int code) {
        this.code = code;
    }

    /** @return the wire value */
    public int code() {
        return code;
    }

    /**
     * @param code the wire value
     * @return the type, empty for a value TWS does not define
     */
    public static Optional<MarketDataType> fromCode(int code) {
        return code >= 1 && code <= values().length ? Optional.of(values()[code - 1]) : Optional.empty();
    }
}
