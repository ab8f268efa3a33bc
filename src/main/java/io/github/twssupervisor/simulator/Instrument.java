package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.SecType;
import java.math.BigDecimal;

/**
 * One instrument of the simulated market: how it is identified (as TWS's contract details would show it) and the
 * parameters of its random walk. Prices are kept in whole ticks, so every price the simulator sends is on the grid.
 *
 * @param conId           IB's contract id
 * @param symbol          the symbol
 * @param secType         the security type
 * @param exchange        its own exchange (for stocks the listing exchange; SMART is accepted for every instrument)
 * @param currency        the currency
 * @param localSymbol     the exchange's symbol
 * @param contractMonth   {@code yyyyMM} for futures, else empty
 * @param lastTradeDate   {@code yyyyMMdd} for futures, else empty
 * @param multiplier      the contract multiplier, empty when none
 * @param minTick         the price grid
 * @param referencePrice  where the walk starts
 * @param maxSpreadTicks  the widest bid/ask spread, in ticks (at least 1)
 * @param lot             the unit of every size (shares, base currency units, contracts)
 */
record Instrument(int conId, String symbol, SecType secType, String exchange, String currency, String localSymbol,
                  String contractMonth, String lastTradeDate, String multiplier, BigDecimal minTick,
                  BigDecimal referencePrice, int maxSpreadTicks, long lot) {

    /** Checks the walk parameters. */
    Instrument {
        if (minTick.signum() <= 0 || referencePrice.compareTo(minTick) <= 0 || maxSpreadTicks < 1 || lot < 1) {
            throw new IllegalArgumentException("bad walk parameters for " + symbol);
        }
    }

    /** @return the reference price in ticks */
    long referenceTicks() {
        return referencePrice.divideToIntegralValue(minTick).longValueExact();
    }

    /**
     * @param ticks a price in ticks
     * @return the price as sent on the wire: the nearest double to {@code ticks * minTick}
     */
    double price(long ticks) {
        return minTick.multiply(BigDecimal.valueOf(ticks)).doubleValue();
    }

    /**
     * @param lots a size in lots
     * @return the size as sent on the wire
     */
    BigDecimal size(long lots) {
        return BigDecimal.valueOf(lots * lot);
    }

    /** @return a name for logs: {@code AAPL}, {@code EUR.USD}, {@code ES 202612} */
    String displayName() {
        return switch (secType) {
            case CASH -> symbol + "." + currency;
            case FUT -> symbol + " " + contractMonth;
            default -> symbol;
        };
    }
}
