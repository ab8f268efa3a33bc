package io.github.twssupervisor.connection;

/**
 * The lifecycle of one logical connection, observable by users through {@link ConnectionEvent.StateChanged}.
 *
 * <pre>
 * DISCONNECTED -> CONNECTING -> HANDSHAKING -> READY <-> DEGRADED
 *                     ^                          |          |
 *                     +------- RECONNECTING <----+----------+   (any loss, after the backoff delay)
 * any state -> CLOSED (close() only; final)
 * </pre>
 */
public enum ConnectionState {
    /** Created, no attempt made yet. */
    DISCONNECTED,
    /** TCP connect in progress. */
    CONNECTING,
    /** Socket open; version negotiation, startApi, waiting for nextValidId and managedAccounts. */
    HANDSHAKING,
    /** Usable: requests flow. */
    READY,
    /** Socket up but TWS lost its link to IB (notice 1100 or 2110): requests flow, data may not. */
    DEGRADED,
    /** Waiting for the backoff delay before the next attempt. */
    RECONNECTING,
    /** Closed on request; no more attempts. */
    CLOSED;

    /** @return true in READY and DEGRADED, the states with a live, handshaken socket */
    public boolean isConnected() {
        return this == READY || this == DEGRADED;
    }
}
