package io.github.twssupervisor.connection;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one logical connection for the {@code summary} of the run command and for monitoring. Incremented once
 * per frame on the hot path by different actors, so they are lock-free adders rather than messages to a collector.
 * Read from any thread (a metrics scrape); {@code service.TwsMetrics} binds them to a Micrometer registry.
 */
public final class ConnectionMetrics {

    /** Why an event decoded from the socket went to nobody. */
    public enum Dropped {
        /** It came from a socket older than the current one. */
        STALE_SOCKET,
        /** No request, order or message kind owns its key (a request already ended or cancelled). */
        NO_OWNER,
        /** A slow stream consumer's conflate policy replaced it with a later value of the same field. */
        CONFLATED
    }

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
    private final Map<FailureReason.Kind, LongAdder> reconnectsByReason = new EnumMap<>(FailureReason.Kind.class);
    private final AtomicReference<FailureReason> lastFailure = new AtomicReference<>();
    private final AtomicInteger pacerQueue = new AtomicInteger();
    private final LongAdder pacerWaits = new LongAdder();
    private final LongAdder pacerWaitNanos = new LongAdder();
    private final AtomicLong probeSentAt = new AtomicLong(-1);
    private final LongAdder probeAnswers = new LongAdder();
    private final LongAdder probeRoundTripNanos = new LongAdder();
    private final AtomicLong lastProbeRoundTripNanos = new AtomicLong();
    private final LongAdder decodeFailures = new LongAdder();
    private final Map<Dropped, LongAdder> dropped = new EnumMap<>(Dropped.class);
    private final StateTally subscriptions = new StateTally();

    /** Creates the counters, all zero. */
    public ConnectionMetrics() {
        for (FailureReason.Kind kind : FailureReason.Kind.values()) {
            reconnectsByReason.put(kind, new LongAdder());
        }
        for (Dropped cause : Dropped.values()) {
            dropped.put(cause, new LongAdder());
        }
    }

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

    /**
     * @param kind a class of failure
     * @return losses of that kind followed by a new attempt
     */
    public long reconnects(FailureReason.Kind kind) {
        return reconnectsByReason.get(kind).sum();
    }

    /** @return why the connection was last lost or an attempt failed, if ever */
    public Optional<FailureReason> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** @return requests waiting in the pacer now, orders included */
    public int pacerQueueDepth() {
        return pacerQueue.get();
    }

    /** @return requests that left the pacer's queue for the socket */
    public long pacerWaits() {
        return pacerWaits.sum();
    }

    /** @return the time those requests spent in the pacer's queue, added up */
    public Duration pacerWaitTime() {
        return Duration.ofNanos(pacerWaitNanos.sum());
    }

    /** @return heartbeat probes (reqCurrentTime on a quiet socket) that something answered */
    public long heartbeatAnswers() {
        return probeAnswers.sum();
    }

    /** @return the time from each answered probe to the first frame after it, added up */
    public Duration heartbeatRoundTripTotal() {
        return Duration.ofNanos(probeRoundTripNanos.sum());
    }

    /** @return the last answered probe's round trip, zero before the first */
    public Duration lastHeartbeatRoundTrip() {
        return Duration.ofNanos(lastProbeRoundTripNanos.get());
    }

    /** @return frames that did not decode (each logged at WARN, the connection kept) */
    public long decodeFailures() {
        return decodeFailures.sum();
    }

    /**
     * @param cause why
     * @return events decoded from the socket that went to nobody for that cause
     */
    public long dropped(Dropped cause) {
        return dropped.get(cause).sum();
    }

    /** @return the client's subscriptions by domain and state, as the kernel reports them */
    public StateTally subscriptions() {
        return subscriptions;
    }

    /**
     * Counts a frame that did not decode; for the dispatcher's intake.
     */
    public void countDecodeFailure() {
        decodeFailures.increment();
    }

    /**
     * @param cause  why the events went to nobody
     * @param events how many; for the dispatcher
     */
    public void countDropped(Dropped cause, int events) {
        dropped.get(cause).add(events);
    }

    void lost(FailureReason reason) {
        lastFailure.set(reason);
        reconnects.increment();
        reconnectsByReason.get(reason.kind()).increment();
    }

    void pacerQueue(int depth) {
        pacerQueue.set(depth);
    }

    void pacerWaited(long nanos) {
        pacerWaits.increment();
        pacerWaitNanos.add(nanos);
    }

    void probeSent() {
        probeSentAt.set(System.nanoTime());
    }

    void connected() {
        connectedSince.set(System.nanoTime());
    }

    void disconnected() {
        probeSentAt.set(-1);
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
        long probe = probeSentAt.get();
        // The first frame after a heartbeat probe, its answer or anything else, ends the probe's round trip.
        if (probe >= 0 && probeSentAt.compareAndSet(probe, -1)) {
            long nanos = System.nanoTime() - probe;
            probeAnswers.increment();
            probeRoundTripNanos.add(nanos);
            lastProbeRoundTripNanos.set(nanos);
        }
    }
}
