package io.github.twssupervisor.json.server;

import akka.stream.BoundedSourceQueue;
import akka.stream.QueueOfferResult;
import akka.util.ByteString;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's outbound queue, bounded twice: by frames (the queue's {@code outbound-buffer}) and by bytes
 * ({@code outbound-buffer-bytes}), so a client that asks for large replies and never reads holds at most that much of
 * the server's heap, not {@code outbound-buffer x max-frame-size}. Offered to by the client's actor and the broadcast
 * registry, drained by the client's stream, which calls {@link #written} for each frame it takes.
 */
final class OutboundFrames {

    private final BoundedSourceQueue<ByteString> queue;
    private final AtomicLong queuedBytes;
    private final long maxBytes;

    /**
     * @param queue       the stream's queue
     * @param queuedBytes the bytes queued now, lowered by the stream as it takes frames
     * @param maxBytes    the most that may be queued (one frame beyond it is taken when the queue is empty)
     */
    OutboundFrames(BoundedSourceQueue<ByteString> queue, AtomicLong queuedBytes, long maxBytes) {
        this.queue = queue;
        this.queuedBytes = queuedBytes;
        this.maxBytes = maxBytes;
    }

    /**
     * Offers a frame without blocking.
     *
     * @param frame a whole frame
     * @return whether it was queued, the queue is full (by frames or bytes), or the client's stream has ended
     */
    ClientConnection.Offer offer(ByteString frame) {
        long before = queuedBytes.get();
        if (before > 0 && before + frame.size() > maxBytes) {
            return ClientConnection.Offer.FULL;
        }
        queuedBytes.addAndGet(frame.size());
        QueueOfferResult result = queue.offer(frame);
        if (result.isEnqueued()) {
            return ClientConnection.Offer.ENQUEUED;
        }
        queuedBytes.addAndGet(-frame.size());
        return result == QueueOfferResult.dropped() ? ClientConnection.Offer.FULL : ClientConnection.Offer.CLOSED;
    }

    /** @param frame a frame the stream took from the queue */
    static void written(AtomicLong queuedBytes, ByteString frame) {
        queuedBytes.addAndGet(-frame.size());
    }

    /** Lets the queued frames be written, then the stream ends; nothing once it has ended. */
    void complete() {
        try {
            queue.complete();
        } catch (IllegalStateException alreadyDone) {
            // the queue was completed before, or its stream ended with the socket: nothing left to finish
        }
    }
}
