package io.github.twssupervisor.json.client;

import io.github.twssupervisor.connection.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a service built on the JSON client needs to know of its connection, and no more: it was interrupted (why), and
 * it resumed (after how long). One {@link Interrupted} per outage however many attempts it took, then one
 * {@link Resumed}; requests made in between wait and go out on the resumed connection.
 */
public sealed interface Interruption permits Interruption.Interrupted, Interruption.Resumed {

    /** @return when it happened */
    Instant at();

    /**
     * The connection was lost (or closed); the client reconnects by itself.
     *
     * @param reason why; empty when the client was closed
     * @param at     when
     */
    record Interrupted(Optional<FailureReason> reason, Instant at) implements Interruption {
    }

    /**
     * The connection is READY again.
     *
     * @param downtime since the interruption
     * @param at       when
     */
    record Resumed(Duration downtime, Instant at) implements Interruption {
    }
}
