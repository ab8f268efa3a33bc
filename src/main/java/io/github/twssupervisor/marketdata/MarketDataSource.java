package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.japi.Pair;
import akka.stream.Attributes;
import akka.stream.Outlet;
import akka.stream.SourceShape;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.AsyncCallback;
import akka.stream.stage.GraphStageLogic;
import akka.stream.stage.AbstractGraphStageWithMaterializedValue;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import scala.runtime.BoxedUnit;

/**
 * The source of a market data stream. Its actor (the stage's own) subscribes to the subscription and gets
 * {@link MarketDataBatch}es, one per batch of frames read together; the stage emits their events one by one, at the
 * consumer's pace, and never makes the subscription wait. What a consumer that falls behind gets is its
 * {@link MarketDataOptions.Overflow} policy:
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
final class MarketDataSource
        extends AbstractGraphStageWithMaterializedValue<SourceShape<MarketDataEvent>, MarketDataHandle> {

    private final Outlet<MarketDataEvent> out = Outlet.create("MarketDataSource.out");
    private final SourceShape<MarketDataEvent> shape = SourceShape.of(out);
    private final String contractName;
    private final MarketDataOptions.Overflow overflow;
    private final Consumer<ActorRef<MarketDataBatch>> subscribe;

    /**
     * @param contractName for error messages
     * @param overflow     the slow-consumer policy
     * @param subscribe    registers the stage's actor with the subscription, when the stream starts
     */
    MarketDataSource(String contractName, MarketDataOptions.Overflow overflow,
                     Consumer<ActorRef<MarketDataBatch>> subscribe) {
        this.contractName = contractName;
        this.overflow = overflow;
        this.subscribe = subscribe;
    }

    @Override
    public SourceShape<MarketDataEvent> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, MarketDataHandle> createLogicAndMaterializedValuePair(Attributes attributes) {
        Logic logic = new Logic();
        return Pair.create(logic, new MarketDataHandle(() -> logic.cancel.invoke(
                new MarketDataEvent.Ended(0, MarketDataHandle.CANCELLED))));
    }

    private final class Logic extends GraphStageLogic {

        /** Committed to the consumer in this order: conflation no longer touches them. */
        private final ArrayDeque<MarketDataEvent> ready = new ArrayDeque<>();
        /** Under the conflate policy, what waits behind {@link #ready}; null when nothing does. */
        private Conflation waiting;
        private boolean ended;
        /** Safe from any thread, even before the stream starts: the handle's way in. */
        private final AsyncCallback<MarketDataEvent> cancel = createAsyncCallback(this::offer);

        Logic() {
            super(shape);
            setHandler(out, new AbstractOutHandler() {
                @Override
                public void onPull() {
                    emitNext();
                }
            });
        }

        @Override
        public void preStart() {
            ActorRef<MarketDataBatch> self = Adapter.toTyped(getStageActor(received -> {
                if (received._2() instanceof MarketDataBatch batch) {
                    offer(batch.events());
                }
                return BoxedUnit.UNIT;
            }).ref());
            subscribe.accept(self);
        }

        private void offer(List<MarketDataEvent> events) {
            if (ended) {
                return;
            }
            if (overflow instanceof MarketDataOptions.Overflow.Buffer buffer && ready.size() > buffer.size()) {
                failStage(new MarketDataOverflowException("the consumer of " + contractName + " fell more than "
                        + buffer.size() + " events behind; use the conflate policy or a larger buffer"));
                return;
            }
            for (MarketDataEvent event : events) {
                offer(event);
                if (ended) {
                    break;
                }
            }
        }

        private void offer(MarketDataEvent event) {
            if (ended) {
                return;
            }
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
