package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;

/**
 * The materialized value of a market data stream: ends it from outside the stream. Cancelling the stream downstream
 * does the same.
 */
public final class MarketDataHandle {

    /** The event the stream emits last when ended through this handle. */
    static final String CANCELLED = "cancelled by the consumer";

    private final ActorRef<MarketDataBatch> source;

    MarketDataHandle(ActorRef<MarketDataBatch> source) {
        this.source = source;
    }

    /**
     * Ends the stream with a final {@link MarketDataEvent.Ended}, after the events already waiting for the consumer;
     * the subscription is cancelled if it was the last. Safe from any thread, and more than once.
     */
    public void cancel() {
        source.tell(MarketDataBatch.of(new MarketDataEvent.Ended(0, CANCELLED)));
    }
}
