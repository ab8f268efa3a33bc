package io.github.twssupervisor.history;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One bar of historical data, as TWS wrote it (TWS-WIRE.md §5.10).
 *
 * @param time   the bar's start as TWS wrote it: {@code yyyyMMdd HH:mm:ss <zone>} or {@code yyyyMMdd} (formatDate 1),
 *               epoch seconds (formatDate 2)
 * @param open   the first price
 * @param high   the highest price
 * @param low    the lowest price
 * @param close  the last price
 * @param volume the volume; TWS writes -1 where it has none (MIDPOINT, BID, ASK, ...)
 * @param wap    the volume-weighted average price; -1 where TWS has none
 * @param count  the number of trades (-1 where TWS has none); in a historicalDataUpdate, TWS's barCount field
 */
public record Bar(String time, double open, double high, double low, double close, BigDecimal volume, BigDecimal wap,
                  int count) {

    /** Checks that no field is missing. */
    public Bar {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(wap, "wap");
    }
}
