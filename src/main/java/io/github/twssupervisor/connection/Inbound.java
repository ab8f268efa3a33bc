package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * Messages from a socket to whoever decodes its frames (the dispatcher). An open interface so that the consumer's own
 * protocol can extend it and receive these without a per-frame adapter, while this package stays unaware of the
 * consumer ({@code dispatch} depends on {@code connection}, never the reverse).
 */
public interface Inbound {

    /**
     * A socket finished its version negotiation: its frames decode with this server version.
     *
     * @param epoch         the socket's epoch
     * @param serverVersion the negotiated version
     */
    record Attached(long epoch, int serverVersion) implements Inbound {
    }

    /**
     * One frame payload from the socket of an epoch.
     *
     * @param epoch   the socket's epoch; frames of an older epoch are dropped
     * @param payload the payload, without length prefix; not to be modified
     */
    record Frame(long epoch, byte[] payload) implements Inbound {
    }

    /**
     * Frame payloads the socket read together, in order: under load one message carries many frames. The socket reads
     * nothing more until {@code handled} is told, so the consumer's pace is TCP's.
     *
     * @param epoch    the socket's epoch; frames of an older epoch are dropped (and acknowledged)
     * @param payloads the payloads, without length prefix; neither the list nor the arrays are to be modified
     * @param handled  told once the frames are taken, whatever became of them
     */
    record Frames(long epoch, List<byte[]> payloads, ActorRef<Done> handled) implements Inbound {
    }
}
