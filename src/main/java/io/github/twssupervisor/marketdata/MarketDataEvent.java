package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a market data subscriber receives: ticks as TWS sends them, and the kernel's lifecycle signals as
 * {@link Status}. A consumer always knows where a gap is: {@link Lifecycle.Interrupted} when data stops being
 * trustworthy (connection lost, TWS lost its link to IB), {@link Lifecycle.Resumed} when the request is live again;
 * exactly one pair per outage.
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
     * A lifecycle signal of the subscription (Interrupted, Resumed, Warning, Ended): the kernel's one shared type,
     * carried in market data's stream (see {@link Lifecycle} for why it travels wrapped).
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements MarketDataEvent, Lifecycle.Carrier {
    }
}
