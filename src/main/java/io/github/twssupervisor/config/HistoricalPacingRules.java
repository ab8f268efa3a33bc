package io.github.twssupervisor.config;

import java.time.Duration;

/**
 * TWS's historical-data pacing rules as numbers (TWS-WIRE.md §7): the client's pacer keeps to them
 * ({@code tws.history.pacing}, TWS's windows plus a margin) and the simulator enforces them
 * ({@code tws.simulator.historical-pacing}, TWS's windows). Settings rather than constants so that a test can scale
 * both sides down together (seconds instead of minutes); see reference.conf.
 *
 * @param identicalRequestWindow an identical request may go again this long after the last one (TWS: 15 s)
 * @param sameContractWindow     the sliding window of the same-contract rule (TWS: 2 s)
 * @param sameContractMax        requests per contract, exchange and tick type within that window (TWS: 5)
 * @param rollingWindow          the sliding window of the rolling rule (TWS: 10 minutes)
 * @param rollingMax             requests within that window (TWS: 60)
 */
public record HistoricalPacingRules(Duration identicalRequestWindow, Duration sameContractWindow, int sameContractMax,
                                    Duration rollingWindow, int rollingMax) {

    /** TWS's own rules, without a margin. */
    public static final HistoricalPacingRules TWS = new HistoricalPacingRules(Duration.ofSeconds(15),
            Duration.ofSeconds(2), 5, Duration.ofMinutes(10), 60);

    /** Validates; a BID_ASK request weighs 2, so the limits must allow at least 2. */
    public HistoricalPacingRules {
        positive(identicalRequestWindow, "identical-request-window");
        positive(sameContractWindow, "same-contract-window");
        positive(rollingWindow, "rolling-window");
        Checks.require(sameContractMax >= 2, "same-contract-max must be >= 2 (a BID_ASK request counts twice), was "
                + sameContractMax);
        Checks.require(rollingMax >= 2, "rolling-max must be >= 2 (a BID_ASK request counts twice), was "
                + rollingMax);
    }

    private static void positive(Duration d, String key) {
        Checks.require(d != null && !d.isNegative() && !d.isZero(), key + " must be positive, was " + d);
    }
}
