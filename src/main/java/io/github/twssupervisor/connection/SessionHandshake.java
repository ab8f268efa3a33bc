package io.github.twssupervisor.connection;

import java.util.List;

/**
 * The messages a socket sends its protocol's handshake (made by {@link Protocol#handshake}); the handshake answers
 * with the {@code Handshake*} messages of {@link SocketActor}.
 */
public final class SessionHandshake {

    /** Messages of a handshake. */
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

    private SessionHandshake() {
    }
}
