package io.github.twssupervisor.simulator;

import akka.util.ByteString;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A session's frames on their way to the socket, in the order they were sent. The socket's source takes one element at
 * a time and acknowledges it once the TCP stage has pulled it ({@code ActorSource.actorRefWithBackpressure}); whatever
 * was sent meanwhile waits here and goes out as one batch with the next acknowledgement. So a fast client gets frames
 * with no delay, a slow one gets back-pressure: {@link #pending()} grows, and the tick and blast generators, which look
 * at it, hold back. Only a client that stops reading altogether overflows the bound and is disconnected.
 *
 * <p>Owned by the session actor; not thread-safe.
 */
final class Outbox {

    /** Large enough to amortise the acknowledgement round trip, small enough to keep latency low. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final int capacity;
    private final Consumer<ByteString> write;
    private boolean inFlight;
    private boolean overflowed;

    /**
     * @param capacity frames that may wait before the client counts as not reading
     * @param write    hands one batch to the socket's source; called only when the previous one was acknowledged
     */
    Outbox(int capacity, Consumer<ByteString> write) {
        this.capacity = capacity;
        this.write = write;
    }

    /**
     * Queues a frame and writes at once if the socket is free.
     *
     * @param frame a complete frame; not copied
     */
    void offer(byte[] frame) {
        if (pending.size() >= capacity) {
            overflowed = true;
            return;
        }
        pending.add(frame);
        flush();
    }

    /** The socket took the previous batch: write the next one. */
    void acknowledged() {
        inFlight = false;
        flush();
    }

    /** @return frames that may wait before the client counts as not reading */
    int capacity() {
        return capacity;
    }

    /** @return frames waiting for the socket */
    int pending() {
        return pending.size();
    }

    /** @return nothing waits and nothing is unacknowledged: every frame offered has been taken by the socket */
    boolean idle() {
        return !inFlight && pending.isEmpty();
    }

    /** @return a frame was refused because the client had stopped reading */
    boolean overflowed() {
        return overflowed;
    }

    private void flush() {
        if (inFlight || pending.isEmpty()) {
            return;
        }
        int bytes = 0;
        int count = 0;
        for (byte[] frame : pending) {
            if (count > 0 && bytes + frame.length > MAX_BATCH_BYTES) {
                break;
            }
            bytes += frame.length;
            count++;
        }
        byte[] batch = new byte[bytes];
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] frame = pending.poll();
            System.arraycopy(frame, 0, batch, at, frame.length);
            at += frame.length;
        }
        inFlight = true;
        write.accept(ByteString.fromArrayUnsafe(batch));
    }
}
