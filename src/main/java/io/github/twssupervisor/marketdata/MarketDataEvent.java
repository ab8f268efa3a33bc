package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.dispatch.RequestEvent;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a market data subscriber receives: ticks as TWS sends them, and the subscription's own markers. A consumer
 * always knows where a gap is: {@link Interrupted} when data stops being trustworthy (connection lost, TWS lost its
 * link to IB), {@link Resumed} when the request is live again; exactly one pair per outage.
 */
public sealed interface MarketDataEvent extends RequestEvent {

    /** A tick: a value for one field of the quote. */
    sealed interface Tick extends MarketDataEvent {
        /** @return which field of the quote */
        TickType field();
    }

    /**
     * A price (tickPrice, IN 1); for bid, ask and last it carries the size too.
     *
     * @param field      e.g. BID, ASK, LAST, HIGH, CLOSE, DELAYED_BID
     * @param price      the price; -1 or 0 with a zero size means "no data" (TWS's convention)
     * @param size       the size that came with the price, if any
     * @param attributes bit mask: 1 can auto-execute, 2 past limit, 4 pre-open
     */
    record Price(TickType field, double price, Optional<BigDecimal> size, int attributes) implements Tick {
    }

    /**
     * A size (tickSize, IN 2).
     *
     * @param field e.g. BID_SIZE, VOLUME
     * @param size  the size
     */
    record Size(TickType field, BigDecimal size) implements Tick {
    }

    /**
     * A text value (tickString, IN 46), e.g. LAST_TIMESTAMP or RT_VOLUME.
     *
     * @param field the field
     * @param value the text
     */
    record Text(TickType field, String value) implements Tick {
    }

    /**
     * A numeric value that is not a price (tickGeneric, IN 45), e.g. SHORTABLE, HALTED.
     *
     * @param field the field
     * @param value the value
     */
    record Generic(TickType field, double value) implements Tick {
    }

    /**
     * The request's parameters (tickReqParams, IN 81), sent first.
     *
     * @param minTick             the minimum price increment
     * @param bboExchange         the exchange map code for the best bid/offer
     * @param snapshotPermissions the snapshot permission bits
     */
    record Params(double minTick, String bboExchange, int snapshotPermissions) implements MarketDataEvent {
    }

    /**
     * TWS says which kind of data follows (marketDataType, IN 58).
     *
     * @param type realtime, frozen, delayed or delayed-frozen
     */
    record DataType(MarketDataType type) implements MarketDataEvent {
    }

    /** A snapshot is complete (tickSnapshotEnd, IN 57). */
    record SnapshotEnd() implements MarketDataEvent {
    }

    /**
     * Data stopped being trustworthy: what arrives next comes after a gap.
     *
     * @param reason why, for a person
     */
    record Interrupted(String reason) implements MarketDataEvent {
    }

    /** The request is live again (re-issued on a new connection, or TWS kept the data through its outage). */
    record Resumed() implements MarketDataEvent {
    }

    /**
     * TWS said something about the request that does not end it, e.g. 10167 (delayed data follows).
     *
     * @param code    the TWS code
     * @param message TWS's text
     */
    record Warning(int code, String message) implements MarketDataEvent {
    }

    /**
     * The subscription is over: the last event a subscriber receives.
     *
     * @param code    the TWS code that ended it (e.g. 200 no security definition, 354 not subscribed), or 0 when the
     *                client ended it
     * @param message why, for a person
     */
    record Ended(int code, String message) implements MarketDataEvent {
    }
}
