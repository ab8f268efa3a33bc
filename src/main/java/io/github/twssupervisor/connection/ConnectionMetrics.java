package io.github.twssupervisor.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one logical connection for the {@code summary} of the run command and for monitoring. Incremented once
 * per frame on the hot path by different actors, so they are lock-free adders rather than messages to a collector.
 */
public final class ConnectionMetrics {

    /** Frames received after the handshake. */
    final LongAdder messagesIn = new LongAdder();
    /** Requests sent through the pacer. */
    final LongAdder messagesOut = new LongAdder();
    /** Connection losses followed by a new attempt. */
    final LongAdder reconnects = new LongAdder();
    /** Nanoseconds spent in READY or DEGRADED by sockets that are gone. */
    final LongAdder connectedNanos = new LongAdder();
    /** System.nanoTime when the current socket became READY, or -1. */
    final AtomicLong connectedSince = new AtomicLong(-1);

    /** @return frames received after the handshake */
    public long messagesIn() {
        return messagesIn.sum();
    }

    /** @return requests sent */
    public long messagesOut() {
        return messagesOut.sum();
    }

    /** @return losses followed by a new attempt */
    public long reconnects() {
        return reconnects.sum();
    }

    /** @return total time READY or DEGRADED, the current connection included */
    public Duration timeConnected() {
        long since = connectedSince.get();
        return Duration.ofNanos(connectedNanos.sum() + (since < 0 ? 0 : System.nanoTime() - since));
    }

    void connected() {
        connectedSince.set(System.nanoTime());
    }

    void disconnected() {
        long since = connectedSince.getAndSet(-1);
        if (since >= 0) {
            connectedNanos.add(System.nanoTime() - since);
        }
    }

    /**
     * Counts received frames; for the dispatcher's intake, which lives in another package.
     *
     * @param frames how many
     */
    public void countIn(int frames) {
        messagesIn.add(frames);
    }
}
