package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.wire.Frames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to subscribe to market data.
 *
 * @param genericTicks   comma-separated generic tick ids (e.g. {@code 233} for RT volume), empty for the defaults
 * @param marketDataType the kind of data to ask TWS for first (reqMarketDataType), empty to leave TWS's setting
 * @param overflow       what a stream does when its consumer is slower than the ticks ({@link Overflow.Conflate}:
 *                       the latest value per tick field)
 */
public record MarketDataOptions(String genericTicks, Optional<MarketDataType> marketDataType, Overflow overflow) {

    private static final Pattern GENERIC_TICKS = Pattern.compile("(\\d{1,4}(,\\d{1,4})*)?");

    /** Validates. */
    public MarketDataOptions {
        genericTicks = genericTicks == null ? "" : genericTicks.replace(" ", "");
        marketDataType = marketDataType == null ? Optional.empty() : marketDataType;
        if (!GENERIC_TICKS.matcher(genericTicks).matches()) {
            throw new IllegalArgumentException("genericTicks must be comma-separated tick ids such as 233,236, was '"
                    + Frames.abbreviate(genericTicks) + "'");
        }
        if (overflow == null) {
            throw new IllegalArgumentException("overflow policy is required");
        }
    }

    /** @return default ticks, TWS's data type, conflate for slow consumers */
    public static MarketDataOptions defaults() {
        return new MarketDataOptions("", Optional.empty(), new Overflow.Conflate());
    }

    /**
     * @param ticks comma-separated generic tick ids
     * @return a copy asking for them
     */
    public MarketDataOptions withGenericTicks(String ticks) {
        return new MarketDataOptions(ticks, marketDataType, overflow);
    }

    /**
     * @param type the kind of data, e.g. DELAYED where there is no live subscription
     * @return a copy that sends reqMarketDataType first
     */
    public MarketDataOptions withMarketDataType(MarketDataType type) {
        return new MarketDataOptions(genericTicks, Optional.of(type), overflow);
    }

    /**
     * @param policy what a slow stream consumer gets
     * @return a copy with that policy
     */
    public MarketDataOptions withOverflow(Overflow policy) {
        return new MarketDataOptions(genericTicks, marketDataType, policy);
    }
}
