package io.github.twssupervisor.subscription;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * The events side of a subscription's stream: takes the {@link EventBatch}es its source's actor gets from the
 * subscription, one per batch of frames read together, and emits their events one by one at the consumer's pace. It
 * always asks for the next batch, so batches wait here, where the policy applies, and never upstream. What a consumer
 * that falls behind gets is its {@link Overflow} policy:
 *
 * <ul>
 * <li>{@code Conflate}: the waiting events are conflated as they come ({@link Conflation}: the latest event per
 *     conflation key, every other event in its place), so what waits is bounded by the keys, whatever the rate.</li>
 * <li>{@code Buffer(size)}: the stream fails with {@link SubscriptionOverflowException} when a batch arrives while
 *     more than {@code size} events from earlier batches still wait. The batch just arrived is not counted: frames
 *     read together arrive together, and a consumer that keeps up drains them before the next read. At most
 *     {@code size} events plus one batch wait, and a batch can be one read of the socket.</li>
 * </ul>
 *
 * The stream ends after it emits {@link Lifecycle.Ended}; events after that are ignored.
 *
 * @param <E> the domain's event type
 */
final class SubscriptionSource<E> extends GraphStage<FlowShape<EventBatch<E>, E>> {

    private final Inlet<EventBatch<E>> in = Inlet.create("SubscriptionSource.in");
    private final Outlet<E> out = Outlet.create("SubscriptionSource.out");
    private final FlowShape<EventBatch<E>, E> shape = FlowShape.of(in, out);
    private final String description;
    private final Overflow overflow;
    private final Function<E, Object> conflationKey;

    /**
     * @param description   what the subscription is, for error messages
     * @param overflow      the slow-consumer policy
     * @param conflationKey an event's conflation key, or null
     */
    SubscriptionSource(String description, Overflow overflow, Function<E, Object> conflationKey) {
        this.description = description;
        this.overflow = overflow;
        this.conflationKey = conflationKey;
    }

    @Override
    public FlowShape<EventBatch<E>, E> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
        return new Logic();
    }

    private final class Logic extends GraphStageLogic {

        /** Committed to the consumer in this order: conflation no longer touches them. */
        private final ArrayDeque<E> ready = new ArrayDeque<>();
        /** Under the conflate policy, what waits behind {@link #ready}; null when nothing does. */
        private Conflation<E> waiting;
        private boolean ended;

        Logic() {
            super(shape);
            setHandler(in, new AbstractInHandler() {
                @Override
                public void onPush() {
                    offer(grab(in));
                    // Even after the end: what follows is dropped here, not left to fill the actor's buffer.
                    if (!isClosed(in)) {
                        pull(in);
                    }
                }
            });
            setHandler(out, new AbstractOutHandler() {
                @Override
                public void onPull() {
                    emitNext();
                }
            });
        }

        @Override
        public void preStart() {
            pull(in);
        }

        private void offer(EventBatch<E> batch) {
            if (ended) {
                return;
            }
            if (overflow instanceof Overflow.Buffer buffer && ready.size() > buffer.size()) {
                failStage(new SubscriptionOverflowException("the consumer of " + description + " fell more than "
                        + buffer.size() + " events behind; use the conflate policy or a larger buffer"));
                return;
            }
            for (E event : batch.events()) {
                offer(event);
                if (ended) {
                    break;
                }
            }
        }

        private void offer(E event) {
            ended = Lifecycle.isEnd(event);
            if (isAvailable(out) && ready.isEmpty() && waiting == null) {
                push(out, event);
                if (ended) {
                    completeStage();
                }
            } else if (overflow instanceof Overflow.Conflate) {
                waiting = (waiting == null ? new Conflation<>(conflationKey) : waiting).add(event);
            } else {
                ready.add(event);
            }
        }

        private void emitNext() {
            if (ready.isEmpty() && waiting != null) {
                ready.addAll(waiting.drain());
                waiting = null;
            }
            E next = ready.poll();
            if (next != null) {
                push(out, next);
                if (Lifecycle.isEnd(next)) {
                    completeStage();
                }
            }
        }
    }
}
