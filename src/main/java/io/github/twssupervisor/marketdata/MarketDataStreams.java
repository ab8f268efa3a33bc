package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.stream.BufferOverflowException;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Market data as Akka Streams sources. The subscriber behind a stream is an {@link ActorSource}: the subscription
 * tells it events and never waits, so nothing on the inbound path blocks on a consumer. What a slow consumer gets is
 * its stream's {@link MarketDataOptions.Overflow} policy.
 */
public final class MarketDataStreams {

    /** Room between the subscription and the conflation stage, which always keeps up: it only merges. */
    private static final int CONFLATE_INPUT_BUFFER = 1024;

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
                                                                   Consumer<ActorRef<MarketDataEvent>> subscribe) {
        int bufferSize = overflow instanceof MarketDataOptions.Overflow.Buffer buffer ? buffer.size()
                : CONFLATE_INPUT_BUFFER;
        Source<MarketDataEvent, MarketDataHandle> events = ActorSource.<MarketDataEvent>actorRef(e -> false,
                        e -> Optional.empty(), bufferSize, OverflowStrategy.fail())
                .mapMaterializedValue(ref -> {
                    subscribe.accept(ref);
                    return new MarketDataHandle(ref);
                })
                .mapError(BufferOverflowException.class, e -> new MarketDataOverflowException("the consumer of "
                        + contractName + " fell more than " + bufferSize + " events behind; use the conflate policy "
                        + "or a larger buffer"));
        if (overflow instanceof MarketDataOptions.Overflow.Conflate) {
            events = events.conflateWithSeed(Conflation::of, Conflation::add).mapConcat(Conflation::drain);
        }
        return events.takeWhile(e -> !(e instanceof MarketDataEvent.Ended), true);
    }
}
