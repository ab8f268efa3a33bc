package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;

/**
 * The materialized value of a subscription's stream: ends it from outside the stream. Cancelling the stream
 * downstream does the same.
 */
public final class SubscriptionHandle {

    /** The message of the {@link Lifecycle.Ended} the stream emits last when ended through a handle. */
    public static final String CANCELLED = "cancelled by the consumer";

    private final ActorRef<EventBatch<Object>> source;
    private final Object ended;

    /**
     * @param source the stream's source actor
     * @param ended  the domain's event carrying {@code Ended(0, CANCELLED)}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <E> SubscriptionHandle(ActorRef<EventBatch<E>> source, E ended) {
        this.source = (ActorRef) source;
        this.ended = ended;
    }

    /**
     * Ends the stream with a final {@link Lifecycle.Ended}, after the events already waiting for the consumer; the
     * subscription is cancelled if it was the last. Safe from any thread, and more than once.
     */
    public void cancel() {
        source.tell(EventBatch.of(ended));
    }
}
