package io.github.twssupervisor.service;

import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import java.util.Optional;

/**
 * What {@code /health/ready} answers, as a pure function of the connection's state: ready in READY (and in DEGRADED
 * when {@code degraded-is-ready}); otherwise the reason, for a person reading an orchestrator's event log.
 */
final class Health {

    private Health() {
    }

    /**
     * @param state           the connection's state now
     * @param lastFailure     why it was last lost, if ever
     * @param degradedIsReady whether DEGRADED counts as ready
     * @return empty when ready, else why not
     */
    static Optional<String> notReady(ConnectionState state, Optional<FailureReason> lastFailure,
                                     boolean degradedIsReady) {
        switch (state) {
            case READY:
                return Optional.empty();
            case DEGRADED:
                return degradedIsReady ? Optional.empty() : Optional.of("DEGRADED: TWS has lost its link to IB's "
                        + "servers (notice 1100 or 2110); the socket is up (tws.service.degraded-is-ready = false)");
            case RECONNECTING:
                return Optional.of("RECONNECTING" + lastFailure.map(f -> ": " + f).orElse(""));
            case CLOSED:
                return Optional.of("CLOSED: the connection was closed on request");
            default:
                return Optional.of(state + lastFailure.map(f -> " (last failure " + f + ")").orElse(""));
        }
    }
}
