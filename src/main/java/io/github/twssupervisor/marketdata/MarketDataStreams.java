package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Market data as Akka Streams sources. The subscriber behind a stream is an {@link ActorSource}: the subscription tells
 * it one {@link MarketDataBatch} per batch of frames and never waits, so nothing on the inbound path blocks on a
 * consumer. The {@link MarketDataSource} stage behind it always takes the next batch and applies the stream's
 * {@link MarketDataOptions.Overflow} policy to what waits.
 */
public final class MarketDataStreams {

    /** Batches the actor may hold while the stage is busy; the stage asks for the next at once, so it holds one. */
    private static final int BATCHES_BUFFERED = 16;

    private MarketDataStreams() {
    }

    /**
     * @param contractName for error messages
     * @param overflow     the slow-consumer policy
     * @param subscribe    registers the stream's actor with the subscription, when the stream starts
     * @return a source of the subscription's events; it completes after {@link MarketDataEvent.Ended}, and cancelling
     *     it unsubscribes
     */
    public static Source<MarketDataEvent, MarketDataHandle> source(String contractName,
                                                                   MarketDataOptions.Overflow overflow,
                                                                   Consumer<ActorRef<MarketDataBatch>> subscribe) {
        return ActorSource.<MarketDataBatch>actorRef(b -> false, b -> Optional.empty(), BATCHES_BUFFERED,
                        OverflowStrategy.fail())
                .mapMaterializedValue(ref -> {
                    subscribe.accept(ref);
                    return new MarketDataHandle(ref);
                })
                .via(new MarketDataSource(contractName, overflow));
    }
}
