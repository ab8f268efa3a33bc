package io.github.twssupervisor.config;

import java.time.Duration;

/**
 * Settings of {@code tws.history} (see reference.conf for each).
 *
 * @param pacing         the windows and limits the client's pacer keeps to: TWS's, each window with a margin
 * @param maxOpen        requests sent and not yet answered (an active keepUpToDate request counts)
 * @param queueSize      requests that may wait for the pacing rules; beyond them a request is refused
 * @param retryAfter162  how long after TWS's error 162 the single retry waits
 * @param requestTimeout how long TWS may take to answer one historical request once it is sent
 */
public record HistorySettings(HistoricalPacingRules pacing, int maxOpen, int queueSize, Duration retryAfter162,
                              Duration requestTimeout) {

    /** Validates; messages name the key. */
    public HistorySettings {
        Checks.require(pacing != null, "tws.history.pacing must be set");
        Checks.require(maxOpen >= 1, "tws.history.pacing.max-open must be >= 1, was " + maxOpen);
        Checks.require(queueSize >= 0, "tws.history.pacing.queue-size must be >= 0, was " + queueSize);
        Checks.require(retryAfter162 != null && !retryAfter162.isNegative(),
                "tws.history.pacing.retry-after-162 must be >= 0, was " + retryAfter162);
        Checks.require(requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero(),
                "tws.history.request-timeout must be positive, was " + requestTimeout);
    }

    /**
     * @param newPacing other windows and limits
     * @param newRetryAfter162 another delay before the retry after a 162
     * @return a copy with them
     */
    public HistorySettings withPacing(HistoricalPacingRules newPacing, Duration newRetryAfter162) {
        return new HistorySettings(newPacing, maxOpen, queueSize, newRetryAfter162, requestTimeout);
    }
}
