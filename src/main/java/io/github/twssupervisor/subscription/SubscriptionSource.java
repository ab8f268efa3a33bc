package io.github.twssupervisor.subscription;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The upstream side of a subscription's stream: takes the {@link EventBatch}es its source's actor gets from the
 * subscription, one per batch of frames read together, and hands the events on as lists, one list per demand from
 * downstream (across an async boundary, to a stage that emits them one by one at the consumer's pace: see
 * {@link SubscriptionStreams}). It always asks for the next batch, so batches wait here, where the policy applies, and
 * never in a mailbox. What a consumer that falls behind gets is its {@link Overflow} policy:
 *
 * <ul>
 * <li>{@code Conflate}: the waiting events are conflated as they come ({@link Conflation}: the latest event per
 *     conflation key, every other event in its place), so what waits is bounded by the keys, whatever the rate.</li>
 * <li>{@code Buffer(size)}: the stream fails with {@link SubscriptionOverflowException} when a batch arrives while
 *     more than {@code size} events from earlier batches still wait here. The batch just arrived is not counted:
 *     frames read together arrive together. Besides those, at most two lists are on their way to the consumer.</li>
 * </ul>
 *
 * The stream ends after the list that holds {@link Lifecycle.Ended}; events after that are ignored.
 *
 * @param <E> the domain's event type
 */
final class SubscriptionSource<E> extends GraphStage<FlowShape<EventBatch<E>, List<E>>> {

    private final Inlet<EventBatch<E>> in = Inlet.create("SubscriptionSource.in");
    private final Outlet<List<E>> out = Outlet.create("SubscriptionSource.out");
    private final FlowShape<EventBatch<E>, List<E>> shape = FlowShape.of(in, out);
    private final String description;
    private final Overflow overflow;
    private final Function<E, Object> conflationKey;
    private final IntConsumer conflated;

    /**
     * @param description   what the subscription is, for error messages
     * @param overflow      the slow-consumer policy
     * @param conflationKey an event's conflation key, or null
     * @param conflated     told how many events conflation replaced, each time it hands on what waited
     */
    SubscriptionSource(String description, Overflow overflow, Function<E, Object> conflationKey,
                       IntConsumer conflated) {
        this.description = description;
        this.overflow = overflow;
        this.conflationKey = conflationKey;
        this.conflated = conflated;
    }

    @Override
    public FlowShape<EventBatch<E>, List<E>> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
        return new Logic();
    }

    private final class Logic extends GraphStageLogic {

        /** Under the buffer policy, what waits; null when nothing does. */
        private List<E> waiting;
        /** Under the conflate policy, what waits; null when nothing does. */
        private Conflation<E> conflated;
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
                    handOn();
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
            if (overflow instanceof Overflow.Buffer buffer && waiting != null && waiting.size() > buffer.size()) {
                failStage(new SubscriptionOverflowException("the consumer of " + description + " fell more than "
                        + buffer.size() + " events behind; use the conflate policy or a larger buffer"));
                return;
            }
            for (E event : batch.events()) {
                ended = Lifecycle.isEnd(event);
                if (overflow instanceof Overflow.Conflate) {
                    conflated = (conflated == null ? new Conflation<>(conflationKey) : conflated).add(event);
                } else {
                    waiting = waiting == null ? new ArrayList<>(batch.events().size()) : waiting;
                    waiting.add(event);
                }
                if (ended) {
                    break;
                }
            }
            handOn();
        }

        /** Pushes all that waits as one list, if the boundary to the consumer takes one now. */
        private void handOn() {
            if (!isAvailable(out) || (waiting == null && conflated == null)) {
                return;
            }
            if (conflated != null && conflated.replaced() > 0) {
                SubscriptionSource.this.conflated.accept(conflated.replaced());
            }
            List<E> events = conflated != null ? conflated.drain() : waiting;
            waiting = null;
            conflated = null;
            push(out, events);
            if (ended) {
                completeStage();
            }
        }
    }
}
