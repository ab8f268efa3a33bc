package io.github.twssupervisor.connection;

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
}
