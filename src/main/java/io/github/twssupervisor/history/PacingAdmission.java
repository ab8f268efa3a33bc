package io.github.twssupervisor.history;

import java.time.Instant;

/** What {@link HistoricalPacing#submit} decided about a request. */
public sealed interface PacingAdmission permits PacingAdmission.Send, PacingAdmission.Queued, PacingAdmission.Refused {

    /** Send it now; it is counted as sent and open. */
    record Send() implements PacingAdmission {
    }

    /**
     * It waits; {@link HistoricalPacing#due} hands it out later.
     *
     * @param position 1-based place in the queue
     * @param eta      when it would go if nothing else is submitted, by the pacing windows alone: answers come from
     *                 TWS, so while all {@link PacingLimits#maxOpen()} slots are taken it also waits for an
     *                 {@link HistoricalPacing#answered}; null when the caller asked for none
     */
    record Queued(int position, Instant eta) implements PacingAdmission {
    }

    /** Not accepted; nothing was recorded. */
    record Refused(String reason) implements PacingAdmission {
    }
}
