package io.github.twssupervisor.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What subscribers of a connection are told: its state changes and TWS's session-level notices. */
public sealed interface ConnectionEvent permits ConnectionEvent.StateChanged, ConnectionEvent.Notice,
        ConnectionEvent.NextValidId {

    /** @return when the event happened */
    Instant at();

    /**
     * The connection moved to another state.
     *
     * @param state     the new state
     * @param previous  the state before
     * @param reason    why, for moves caused by a failure (RECONNECTING) or a notice
     * @param attempt   the connection attempt number since the last stable READY (1 = first try)
     * @param nextDelay in RECONNECTING, the delay before the next attempt
     * @param ready     in READY, what the handshake established
     * @param dataLost  in READY: true when market data subscriptions were lost and must be re-requested (a new socket,
     *                  or notice 1101); false when they survived (notice 1102)
     * @param at        when
     */
    record StateChanged(ConnectionState state, ConnectionState previous, Optional<FailureReason> reason, int attempt,
                        Optional<Duration> nextDelay, Optional<Ready> ready, boolean dataLost, Instant at)
            implements ConnectionEvent {
    }

    /**
     * A session-level message from TWS (error message with id -1) that is not a failure of this connection.
     *
     * @param code    the TWS code (see {@code wire.TwsErrorCode})
     * @param message TWS's text
     * @param kind    how the supervisor classifies it
     * @param at      when
     */
    record Notice(int code, String message, NoticeKind kind, Instant at) implements ConnectionEvent {
    }

    /**
     * TWS's nextValidId after the handshake: its answer to reqIds. (The handshake's own is in {@link Ready}.)
     *
     * @param orderId the lowest order id TWS will accept now
     * @param at      when
     */
    record NextValidId(int orderId, Instant at) implements ConnectionEvent {
    }

    /** Classes of notices. */
    enum NoticeKind {
        /** 1100: TWS lost its link to IB. */
        CONNECTIVITY_LOST,
        /** 1101: link restored, market data subscriptions lost. */
        CONNECTIVITY_RESTORED_DATA_LOST,
        /** 1102: link restored, subscriptions kept. */
        CONNECTIVITY_RESTORED_DATA_KEPT,
        /** 2110: TWS-server link broken, restored automatically. */
        TWS_SERVER_CONNECTIVITY_BROKEN,
        /** 1300: TWS's socket port was reset. */
        SOCKET_PORT_RESET,
        /** 2103-2108, 2119, 2157, 2158: data farm status, informational. */
        FARM_STATUS,
        /** Any other message with id -1. */
        OTHER
    }
}
