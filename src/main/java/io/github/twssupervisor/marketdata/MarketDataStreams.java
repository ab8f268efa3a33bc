package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.stream.javadsl.Source;
import java.util.function.Consumer;

/**
 * Market data as Akka Streams sources. The subscriber behind a stream is the {@link MarketDataSource} stage's actor:
 * the subscription tells it one {@link MarketDataBatch} per batch of frames and never waits, so nothing on the
 * inbound path blocks on a consumer. What a slow consumer gets is its stream's {@link MarketDataOptions.Overflow}
 * policy.
 */
public final class MarketDataStreams {

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
        return Source.fromGraph(new MarketDataSource(contractName, overflow, subscribe));
    }
}
