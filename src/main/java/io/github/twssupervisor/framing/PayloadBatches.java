package io.github.twssupervisor.framing;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.util.ByteString;
import io.github.twssupervisor.wire.FrameSplitter;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP chunks in, batches of frame payloads out: each chunk is cut in one pass by a {@link FrameSplitter}, and the
 * payloads wait in one list until downstream asks, so a busy consumer gets them all in its next batch while a quiet
 * one gets each frame at once. Upstream is read on while fewer than {@code maxFrames} wait, then back-pressured.
 *
 * <p>A framing violation fails the stage with {@link WireFormatException}, after the payloads before it; a stream that
 * ends inside a frame fails the same way (a truncated frame).
 */
final class PayloadBatches extends GraphStage<FlowShape<ByteString, List<byte[]>>> {

    private final Inlet<ByteString> in = Inlet.create("PayloadBatches.in");
    private final Outlet<List<byte[]>> out = Outlet.create("PayloadBatches.out");
    private final FlowShape<ByteString, List<byte[]>> shape = FlowShape.of(in, out);
    private final int maxFrames;

    /** @param maxFrames payloads that may wait before upstream is back-pressured */
    PayloadBatches(int maxFrames) {
        this.maxFrames = maxFrames;
    }

    @Override
    public FlowShape<ByteString, List<byte[]>> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape) {
            private final FrameSplitter splitter = new FrameSplitter();
            private List<byte[]> waiting = new ArrayList<>();

            {
                setHandler(in, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        try {
                            splitter.feed(grab(in).asByteBuffer(), waiting::add);
                        } catch (WireFormatException e) {
                            failAfterWaiting(e);
                            return;
                        }
                        pushIfPossible();
                        pullIfRoom();
                    }

                    @Override
                    public void onUpstreamFinish() {
                        if (splitter.hasPartialFrame()) {
                            failAfterWaiting(new WireFormatException("the connection closed inside a frame "
                                    + "(truncated frame)"));
                        } else if (waiting.isEmpty()) {
                            completeStage();
                        } else {
                            emit(out, take(), () -> completeStage());
                        }
                    }
                });
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        pushIfPossible();
                        pullIfRoom();
                    }
                });
            }

            private void pushIfPossible() {
                if (!waiting.isEmpty() && isAvailable(out)) {
                    push(out, take());
                }
            }

            private void pullIfRoom() {
                if (waiting.size() < maxFrames && !hasBeenPulled(in) && !isClosed(in)) {
                    pull(in);
                }
            }

            private List<byte[]> take() {
                List<byte[]> batch = waiting;
                waiting = new ArrayList<>();
                return batch;
            }

            private void failAfterWaiting(WireFormatException e) {
                if (waiting.isEmpty()) {
                    failStage(e);
                } else {
                    emit(out, take(), () -> failStage(e));
                }
            }
        };
    }
}
