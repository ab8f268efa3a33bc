package io.github.twssupervisor.history;

import io.github.twssupervisor.config.HistoricalPacingRules;
import io.github.twssupervisor.config.HistorySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits, TWS's by default ({@link #TWS}).
 *
 * @param identicalRequestWindow an identical request may go again this long after the last one
 * @param sameContractWindow     the sliding window of the same-contract rule
 * @param sameContractMax        weight units per contract key within {@code sameContractWindow}
 * @param rollingWindow          the sliding window of the rolling rule
 * @param rollingMax             weight units within {@code rollingWindow}
 * @param maxOpen                requests sent and not yet answered
 * @param queueCapacity          requests that may wait; beyond them, {@link HistoricalPacing.Refused}
 * @param retryAfter162          how long after an error 162 its single retry waits
 */
public record PacingLimits(Duration identicalRequestWindow, Duration sameContractWindow, int sameContractMax,
                           Duration rollingWindow, int rollingMax, int maxOpen, int queueCapacity,
                           Duration retryAfter162) {

    public static final Duration IDENTICAL_REQUEST_WINDOW = Duration.ofSeconds(15);
    public static final Duration SAME_CONTRACT_WINDOW = Duration.ofSeconds(2);
    /** "Six or more requests for the same contract/exchange/tick type within 2 s" violate, so five may go. */
    public static final int SAME_CONTRACT_MAX = 5;
    public static final Duration ROLLING_WINDOW = Duration.ofMinutes(10);
    /** "More than 60 requests in any 10-minute window" violate, so sixty may go. */
    public static final int ROLLING_MAX = 60;
    public static final int MAX_OPEN = 50;
    public static final int QUEUE_CAPACITY = 1000;
    /** A 162 does not say which rule TWS counted; one identical-request window is the longest per-key one. */
    public static final Duration RETRY_AFTER_162 = IDENTICAL_REQUEST_WINDOW;

    public static final PacingLimits TWS = new PacingLimits(IDENTICAL_REQUEST_WINDOW, SAME_CONTRACT_WINDOW, SAME_CONTRACT_MAX,
            ROLLING_WINDOW, ROLLING_MAX, MAX_OPEN, QUEUE_CAPACITY, RETRY_AFTER_162);

    /**
     * @param settings {@code tws.history}: the client's windows (TWS's plus a margin), open slots, queue, retry delay
     * @return the limits the client's pacer keeps to
     */
    public static PacingLimits of(HistorySettings settings) {
        HistoricalPacingRules r = settings.pacing();
        return new PacingLimits(r.identicalRequestWindow(), r.sameContractWindow(), r.sameContractMax(),
                r.rollingWindow(), r.rollingMax(), settings.maxOpen(), settings.queueSize(), settings.retryAfter162());
    }

    /**
     * @param rules windows and limits (the simulator's {@code tws.simulator.historical-pacing})
     * @return TWS's limits with those rules, for the simulator's guard (open slots, queue and retry as TWS's)
     */
    public static PacingLimits enforcing(HistoricalPacingRules rules) {
        return new PacingLimits(rules.identicalRequestWindow(), rules.sameContractWindow(), rules.sameContractMax(),
                rules.rollingWindow(), rules.rollingMax(), MAX_OPEN, QUEUE_CAPACITY, RETRY_AFTER_162);
    }

    public PacingLimits {
        positive(identicalRequestWindow, "identicalRequestWindow");
        positive(sameContractWindow, "sameContractWindow");
        positive(rollingWindow, "rollingWindow");
        Objects.requireNonNull(retryAfter162, "retryAfter162");
        if (retryAfter162.isNegative()) {
            throw new IllegalArgumentException("retryAfter162 must not be negative: " + retryAfter162);
        }
        // A BID_ASK request weighs 2: with a smaller limit it could never go.
        if (sameContractMax < 2) {
            throw new IllegalArgumentException("sameContractMax must be at least 2 (a BID_ASK weighs 2): "
                    + sameContractMax);
        }
        if (rollingMax < 2) {
            throw new IllegalArgumentException("rollingMax must be at least 2 (a BID_ASK weighs 2): " + rollingMax);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1: " + maxOpen);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must not be negative: " + queueCapacity);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
