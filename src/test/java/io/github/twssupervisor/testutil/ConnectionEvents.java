package io.github.twssupervisor.testutil;

import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.wire.SessionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a connection supervisor publishes and a dispatcher delivers, as the kernel's actors see them: fixtures with the
 * fewest fields that matter, for tests that stand in for the supervisor with a probe.
 */
public final class ConnectionEvents {

    /** What READY established: server version 200, one account. */
    public static final Ready READY_INFO = new Ready(200, "t", 1, List.of("DU1"), 1);

    private ConnectionEvents() {
    }

    /**
     * @param id      the request id
     * @param code    the TWS code
     * @param message TWS's text
     * @return an error about that request
     */
    public static RequestError error(int id, int code, String message) {
        return new RequestError(new SessionCodec.TwsError(id, code, message, "", OptionalLong.empty()));
    }

    /** @return a move between two states, with no reason */
    public static ConnectionEvent.StateChanged state(ConnectionState to, ConnectionState from) {
        return new ConnectionEvent.StateChanged(to, from, Optional.empty(), 1, Optional.empty(), Optional.empty(),
                false, Instant.EPOCH);
    }

    /**
     * @param from     the state before
     * @param dataLost a new socket or 1101 (true), or 1102 (false)
     * @return READY
     */
    public static ConnectionEvent.StateChanged ready(ConnectionState from, boolean dataLost) {
        return new ConnectionEvent.StateChanged(ConnectionState.READY, from, Optional.empty(), 1, Optional.empty(),
                Optional.of(READY_INFO), dataLost, Instant.EPOCH);
    }

    /** @return the move to RECONNECTING after the peer closed the socket */
    public static ConnectionEvent.StateChanged lost(ConnectionState from) {
        return new ConnectionEvent.StateChanged(ConnectionState.RECONNECTING, from, Optional.of(new FailureReason(
                FailureReason.Kind.CONNECTION_LOST, "socket closed by peer")), 2, Optional.of(Duration.ofSeconds(1)),
                Optional.empty(), false, Instant.EPOCH);
    }

    /** @return a session notice of that code and kind */
    public static ConnectionEvent.Notice notice(int code, ConnectionEvent.NoticeKind kind) {
        return new ConnectionEvent.Notice(code, "notice " + code, kind, Instant.EPOCH);
    }
}
