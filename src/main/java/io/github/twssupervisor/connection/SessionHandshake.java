package io.github.twssupervisor.connection;

import java.util.List;

/**
 * The messages between a socket and its protocol's handshake (made by {@link Protocol#handshake}), both ways: the
 * socket sends {@link Command}s; the handshake answers with {@link Write}, {@link Progress}, and at last
 * {@link Succeeded} or {@link Failed}, which are the socket's {@link SocketActor.Command}s.
 */
public final class SessionHandshake {

    /** Messages to a handshake. */
    public sealed interface Command permits Received, PeerClosed, Deadline {
    }

    /**
     * The session events of a batch the socket received before Ready.
     *
     * @param events in order
     */
    public record Received(List<SessionEvent> events) implements Command {
        /** Copies the list. */
        public Received {
            events = List.copyOf(events);
        }
    }

    /** The peer closed the socket before the handshake completed. */
    public enum PeerClosed implements Command {
        /** The one instance. */
        INSTANCE
    }

    /** The handshake's own timer: {@code handshake-timeout} has passed since it started. */
    public enum Deadline implements Command {
        /** The one instance. */
        INSTANCE
    }

    /**
     * Bytes from the handshake, written before Ready.
     *
     * @param bytes whole frames (or TWS's unframed preamble)
     */
    public record Write(byte[] bytes) implements SocketActor.Command {
    }

    /**
     * The handshake took what it needed of a batch's session events and waits for more.
     *
     * @param passOn the events it did not use (dropped: nobody reads session events before Ready)
     */
    public record Progress(List<SessionEvent> passOn) implements SocketActor.Command {
        /** Copies the list. */
        public Progress {
            passOn = List.copyOf(passOn);
        }
    }

    /**
     * The handshake is complete.
     *
     * @param ready  what it established
     * @param passOn the session events it did not use, for the supervisor, in order
     */
    public record Succeeded(Ready ready, List<SessionEvent> passOn) implements SocketActor.Command {
        /** Copies the list. */
        public Succeeded {
            passOn = List.copyOf(passOn);
        }
    }

    /** @param reason why the handshake failed */
    public record Failed(FailureReason reason) implements SocketActor.Command {
    }

    private SessionHandshake() {
    }
}
