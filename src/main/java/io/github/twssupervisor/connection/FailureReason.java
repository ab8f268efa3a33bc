package io.github.twssupervisor.connection;

/**
 * Why a connection attempt failed or a connection was lost: carried by every state change to RECONNECTING and by the
 * log line that reports it.
 *
 * @param kind    the class of failure
 * @param message what happened, for a person: host, port, timeout, what was expected
 */
public record FailureReason(Kind kind, String message) {

    /** The classes of failure. */
    public enum Kind {
        /** Nothing listens on the port, or the host is unreachable (what the official clients call error 502). */
        CONNECT_REFUSED,
        /**
         * The host name does not resolve (DNS has no address for it, or DNS is down). Retried with backoff like a
         * refused connect, since DNS recovers; a misspelt host shows here.
         */
        UNKNOWN_HOST,
        /** The TCP connect did not complete in time. */
        CONNECT_TIMEOUT,
        /** Connected, but not Ready within the handshake timeout. */
        HANDSHAKE_TIMEOUT,
        /** No common server version, or the peer does not speak the TWS API. */
        VERSION_MISMATCH,
        /** TWS answered 326: another connection uses this client id. */
        CLIENT_ID_IN_USE,
        /** The socket closed or was reset (what the official Java client calls 507). */
        CONNECTION_LOST,
        /** Nothing arrived within the heartbeat timeout after a probe: the socket is half-open. */
        HEARTBEAT_TIMEOUT,
        /** The peer broke the framing: oversized or zero-length frame, unreadable first frame. */
        PROTOCOL_VIOLATION,
        /** TWS sent 1300: its socket port was reset and this connection is dropped. */
        SOCKET_PORT_RESET,
        /** The peer refused this client's credentials (the JSON profile's auth_failed); retried, as they may change. */
        AUTH_REFUSED,
        /** The TLS handshake failed: the peer's certificate is not trusted, or the peer speaks no TLS. */
        TLS_FAILED
    }

    /** Validates. */
    public FailureReason {
        if (kind == null || message == null) {
            throw new IllegalArgumentException("kind and message are required");
        }
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
