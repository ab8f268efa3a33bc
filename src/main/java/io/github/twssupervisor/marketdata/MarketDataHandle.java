package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;

/**
 * The materialized value of a market data stream: ends it from outside the stream. Cancelling the stream downstream
 * does the same.
 */
public final class MarketDataHandle {

    /** The event the stream emits last when ended through this handle. */
    static final String CANCELLED = "cancelled by the consumer";

    private final ActorRef<MarketDataEvent> source;

    MarketDataHandle(ActorRef<MarketDataEvent> source) {
        this.source = source;
    }

    /** Ends the stream with a final {@link MarketDataEvent.Ended}; the subscription is cancelled if it was the last. */
    public void cancel() {
        source.tell(new MarketDataEvent.Ended(0, CANCELLED));
    }
}
