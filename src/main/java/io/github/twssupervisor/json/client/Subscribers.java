package io.github.twssupervisor.json.client;

import akka.stream.BoundedSourceQueue;
import akka.stream.QueueOfferResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams that follow something (broadcasts, connection events), each with a bounded queue. A stream whose
 * queue is full fails with a message that says so, rather than losing an element in silence or holding them without
 * bound; a stream that was cancelled is dropped at the next offer. Confined to its actor.
 *
 * @param <T> what they follow
 */
final class Subscribers<T> {

    private final String what;
    private final int bound;
    private final List<BoundedSourceQueue<T>> queues = new ArrayList<>();

    /**
     * @param what  what the streams carry, for the failure
     * @param bound each queue's size
     */
    Subscribers(String what, int bound) {
        this.what = what;
        this.bound = bound;
    }

    void add(BoundedSourceQueue<T> queue) {
        queues.add(queue);
    }

    void offer(T element) {
        queues.removeIf(queue -> {
            QueueOfferResult result = queue.offer(element);
            if (result == QueueOfferResult.dropped()) {
                ended(() -> queue.fail(new IllegalStateException("a stream of " + what + " fell behind by more than "
                        + bound + " elements and was failed, so that none is lost in silence")));
                return true;
            }
            return !(result == QueueOfferResult.enqueued());
        });
    }

    void completeAll() {
        queues.forEach(queue -> ended(queue::complete));
        queues.clear();
    }

    /** Ends a stream that may have ended already (cancelled by its consumer): that one needs nothing more. */
    private static void ended(Runnable end) {
        try {
            end.run();
        } catch (IllegalStateException alreadyEnded) {
            // the consumer cancelled it: nothing to complete
        }
    }
}
