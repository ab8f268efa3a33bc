package io.github.twssupervisor.connection;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Permission to send one message at once, without waiting in the pacer's mailbox. The {@link Pacer} opens it only
 * while it is idle (a READY socket, nothing queued, no spacing running, room in the window) and takes it back before
 * it sends anything itself; a caller that takes it writes on its own thread and then tells the pacer
 * {@link Pacer.DirectSent}, which counts the message and spaces the next one as if the pacer had sent it. Whoever takes
 * the permission first sends: there is never more than one, so the rate holds across both paths.
 *
 * <p>It exists because the first hand-off from a caller's thread to an actor costs about a quarter of a loopback round
 * trip on a small VM (issue 6); thread-safe.
 */
public final class SendGate {

    private final AtomicReference<Pacer.SocketReady> open = new AtomicReference<>();

    /** @return the socket to write to, if the permission was there; it is gone for everyone else */
    public Optional<Pacer.SocketReady> take() {
        return Optional.ofNullable(open.getAndSet(null));
    }

    /** @return the permission is there (for tests and diagnostics: it may be gone a moment later) */
    boolean isOpen() {
        return open.get() != null;
    }

    /** Opens it for the given socket; for the pacer only. */
    void open(Pacer.SocketReady socket) {
        open.set(socket);
    }
}
