package io.github.twssupervisor.marketdata;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import java.util.ArrayDeque;

/**
 * The events side of a market data stream: takes the {@link MarketDataBatch}es its source's actor gets from the
 * subscription, one per batch of frames read together, and emits their events one by one at the consumer's pace. It
 * always asks for the next batch, so batches wait here, where the policy applies, and never upstream. What a consumer
 * that falls behind gets is its {@link MarketDataOptions.Overflow} policy:
 *
 * <ul>
 * <li>{@code Conflate}: the waiting events are conflated as they come ({@link Conflation}: the latest value per tick
 *     field, every other event in its place), so what waits is bounded by the tick fields, whatever the rate.</li>
 * <li>{@code Buffer(size)}: the stream fails with {@link MarketDataOverflowException} when a batch arrives while more
 *     than {@code size} events from earlier batches still wait. The batch just arrived is not counted: frames read
 *     together arrive together, and a consumer that keeps up drains them before the next read. At most {@code size}
 *     events plus one batch wait, and a batch can be one read of the socket: a few thousand events under a blast.</li>
 * </ul>
 *
 * The stream ends after it emits {@link MarketDataEvent.Ended}; events after that are ignored.
 */
final class MarketDataSource extends GraphStage<FlowShape<MarketDataBatch, MarketDataEvent>> {

    private final Inlet<MarketDataBatch> in = Inlet.create("MarketDataSource.in");
    private final Outlet<MarketDataEvent> out = Outlet.create("MarketDataSource.out");
    private final FlowShape<MarketDataBatch, MarketDataEvent> shape = FlowShape.of(in, out);
    private final String contractName;
    private final MarketDataOptions.Overflow overflow;

    /**
     * @param contractName for error messages
     * @param overflow     the slow-consumer policy
     */
    MarketDataSource(String contractName, MarketDataOptions.Overflow overflow) {
        this.contractName = contractName;
        this.overflow = overflow;
    }

    @Override
    public FlowShape<MarketDataBatch, MarketDataEvent> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
        return new Logic();
    }

    private final class Logic extends GraphStageLogic {

        /** Committed to the consumer in this order: conflation no longer touches them. */
        private final ArrayDeque<MarketDataEvent> ready = new ArrayDeque<>();
        /** Under the conflate policy, what waits behind {@link #ready}; null when nothing does. */
        private Conflation waiting;
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

        private void offer(MarketDataBatch batch) {
            if (ended) {
                return;
            }
            if (overflow instanceof MarketDataOptions.Overflow.Buffer buffer && ready.size() > buffer.size()) {
                failStage(new MarketDataOverflowException("the consumer of " + contractName + " fell more than "
                        + buffer.size() + " events behind; use the conflate policy or a larger buffer"));
                return;
            }
            for (MarketDataEvent event : batch.events()) {
                offer(event);
                if (ended) {
                    break;
                }
            }
        }

        private void offer(MarketDataEvent event) {
            ended = event instanceof MarketDataEvent.Ended;
            if (isAvailable(out) && ready.isEmpty() && waiting == null) {
                push(out, event);
                if (ended) {
                    completeStage();
                }
            } else if (overflow instanceof MarketDataOptions.Overflow.Conflate) {
                waiting = waiting == null ? Conflation.of(event) : waiting.add(event);
            } else {
                ready.add(event);
            }
        }

        private void emitNext() {
            if (ready.isEmpty() && waiting != null) {
                ready.addAll(waiting.drain());
                waiting = null;
            }
            MarketDataEvent next = ready.poll();
            if (next != null) {
                push(out, next);
                if (next instanceof MarketDataEvent.Ended) {
                    completeStage();
                }
            }
        }
    }
}
