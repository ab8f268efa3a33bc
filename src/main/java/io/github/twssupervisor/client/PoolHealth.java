package io.github.twssupervisor.client;

import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health of a {@link TwsClientPool}: each purpose's state, as its connection last published it, and the last
 * failure it reported. A value: a later change of state gives a new one.
 *
 * @param purposes each purpose's health, in the pool's order (by client id)
 */
public record PoolHealth(Map<String, PurposeHealth> purposes) {

    /** Copies, keeping the order. */
    public PoolHealth {
        purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
    }

    /**
     * One purpose's connection.
     *
     * @param purpose      the purpose's name
     * @param clientId     its client id: the configured one, or the one of its last READY (under the rotate policy)
     * @param state        its state now
     * @param since        when it entered that state
     * @param lastFailure  the last failure it reported (why it went RECONNECTING or DEGRADED), if any; kept after it
     *                     recovered, so that a flapping purpose shows why
     * @param lastFailedAt when that failure was reported
     */
    public record PurposeHealth(String purpose, int clientId, ConnectionState state, Instant since,
                                Optional<FailureReason> lastFailure, Optional<Instant> lastFailedAt) {

        /** @return true in READY: handshaken, TWS linked to IB, requests flow */
        public boolean ready() {
            return state == ConnectionState.READY;
        }

        /**
         * @param event an event of this purpose's connection
         * @return the health after it; the same for notices and anything but a state change
         */
        PurposeHealth after(ConnectionEvent event) {
            if (!(event instanceof ConnectionEvent.StateChanged s)) {
                return this;
            }
            int id = s.ready().map(r -> r.clientId()).orElse(clientId);
            boolean failed = s.reason().isPresent() && s.state() != ConnectionState.READY;
            return new PurposeHealth(purpose, id, s.state(), s.at(), failed ? s.reason() : lastFailure,
                    failed ? Optional.of(s.at()) : lastFailedAt);
        }
    }

    /**
     * @param clientIds each purpose's configured client id, in the pool's order
     * @param at        when the pool was created
     * @return every purpose DISCONNECTED, with no failure yet
     */
    static PoolHealth starting(Map<String, Integer> clientIds, Instant at) {
        Map<String, PurposeHealth> purposes = new LinkedHashMap<>();
        clientIds.forEach((purpose, id) -> purposes.put(purpose, new PurposeHealth(purpose, id,
                ConnectionState.DISCONNECTED, at, Optional.empty(), Optional.empty())));
        return new PoolHealth(purposes);
    }

    /**
     * @param purpose a purpose of the pool
     * @param event   an event of its connection
     * @return the health after it
     */
    PoolHealth after(String purpose, ConnectionEvent event) {
        PurposeHealth current = purposes.get(purpose);
        if (current == null) {
            return this;
        }
        Map<String, PurposeHealth> next = new LinkedHashMap<>(purposes);
        next.put(purpose, current.after(event));
        return new PoolHealth(next);
    }

    /** @return true when every purpose is READY */
    public boolean allReady() {
        return purposes.values().stream().allMatch(PurposeHealth::ready);
    }

    /** @return the purposes not READY, in the pool's order */
    public List<String> notReady() {
        return purposes.values().stream().filter(p -> !p.ready()).map(PurposeHealth::purpose).toList();
    }

    /**
     * @param purpose a purpose of the pool
     * @return its health
     * @throws IllegalArgumentException naming the pool's purposes, if it is not one of them
     */
    public PurposeHealth of(String purpose) {
        PurposeHealth health = purposes.get(purpose);
        if (health == null) {
            throw new IllegalArgumentException("no purpose '" + purpose + "' in the client pool; configured: "
                    + purposes.keySet());
        }
        return health;
    }
}
