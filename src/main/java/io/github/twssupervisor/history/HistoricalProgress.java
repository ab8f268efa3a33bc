package io.github.twssupervisor.history;

import java.time.Instant;

/**
 * Where one historical request is on its way through TWS's pacing, for a caller that passed a listener
 * ({@code client.history().bars(request, listener)}): zero or more {@link Queued} (again whenever its place or
 * expected time changes), then {@link Sent}; after an error 162, {@link Retrying} and {@link Sent} once more. The
 * answer itself comes through the {@code CompletionStage}.
 */
public sealed interface HistoricalProgress permits HistoricalProgress.Queued, HistoricalProgress.Sent,
        HistoricalProgress.Retrying {

    /**
     * The request waits for the pacing rules.
     *
     * @param position 1-based place in the pacing queue
     * @param eta      when it should go by the pacing windows alone (while all open slots are taken, it also waits
     *                 for TWS to answer earlier requests)
     */
    record Queued(int position, Instant eta) implements HistoricalProgress {
    }

    /**
     * The request is on its way to TWS.
     *
     * @param attempt 1, or 2 for the retry after an error 162
     */
    record Sent(int attempt) implements HistoricalProgress {
    }

    /**
     * TWS refused the request with error 162 (pacing violation) anyway; it goes once more after the window.
     *
     * @param code    TWS's code (162)
     * @param message TWS's text
     */
    record Retrying(int code, String message) implements HistoricalProgress {
    }
}
