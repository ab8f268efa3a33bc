package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import akka.stream.Attributes;
import akka.stream.OverflowStrategy;
import io.github.twssupervisor.connection.ConnectionMetrics;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import io.github.twssupervisor.dispatch.RequestEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way a subscription becomes an Akka Streams source, for every domain. The subscriber behind a stream is an
 * {@link ActorSource}: the subscription tells it one {@link EventBatch} per batch of frames and never waits, so nothing
 * on the inbound path blocks on a consumer. The {@link SubscriptionSource} stage behind it always takes the next batch
 * and applies the stream's {@link Overflow} policy to what waits; both run in an island of their own (an async
 * boundary), so they keep doing so while the consumer is busy or blocked.
 */
public final class SubscriptionStreams {

    /** Batches the actor may hold while the stage is busy; the stage asks for the next at once, so it holds one. */
    private static final int BATCHES_BUFFERED = 16;

    private SubscriptionStreams() {
    }

    /**
     * @param spec      what is subscribed to: its description, conflation key and signal carrier
     * @param overflow  the slow-consumer policy
     * @param subscribe registers the stream's actor with the subscription, when the stream starts
     * @param <E>       the domain's event type
     * @return a source of the subscription's events; it completes after {@link Lifecycle.Ended}, and cancelling it
     *     unsubscribes
     */
    public static <E extends RequestEvent> Source<E, SubscriptionHandle> source(
            SubscriptionSpec<E> spec, Overflow overflow, Consumer<ActorRef<EventBatch<E>>> subscribe) {
        return source(spec, overflow, subscribe, new ConnectionMetrics());
    }

    /**
     * @param spec      what is subscribed to: its description, conflation key and signal carrier
     * @param overflow  the slow-consumer policy
     * @param subscribe registers the stream's actor with the subscription, when the stream starts
     * @param metrics   counts the events conflation replaced
     * @param <E>       the domain's event type
     * @return a source of the subscription's events; it completes after {@link Lifecycle.Ended}, and cancelling it
     *     unsubscribes
     */
    public static <E extends RequestEvent> Source<E, SubscriptionHandle> source(
            SubscriptionSpec<E> spec, Overflow overflow, Consumer<ActorRef<EventBatch<E>>> subscribe,
            ConnectionMetrics metrics) {
        E cancelled = spec.signal(new Lifecycle.Ended(0, SubscriptionHandle.CANCELLED));
        return ActorSource.<EventBatch<E>>actorRef(b -> false, b -> Optional.empty(), BATCHES_BUFFERED,
                        OverflowStrategy.fail())
                .mapMaterializedValue(ref -> {
                    subscribe.accept(ref);
                    return new SubscriptionHandle(ref, cancelled);
                })
                .via(new SubscriptionSource<E>(spec.description(), overflow, spec::conflationKey,
                        n -> metrics.countDropped(ConnectionMetrics.Dropped.CONFLATED, n)))
                // An island of its own: a consumer that blocks (a println into a full pipe) stops only its own stages,
                // while the source's actor and the stage go on taking batches and applying the policy. Fused with
                // the consumer, the batches would queue unread in the blocked island's mailbox, without bound. Lists
                // cross the boundary, one message each, and the buffer after it holds one.
                .async()
                .via(Flow.<List<E>>create().<E>mapConcat(events -> events)
                        .withAttributes(Attributes.inputBuffer(1, 1)));
    }
}
