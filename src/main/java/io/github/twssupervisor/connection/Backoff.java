package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import java.time.Duration;

/**
 * The reconnect schedule: attempt n waits {@code min(max, min * 2^(n-1))}, stretched by a random factor in
 * {@code [1, 1 + randomFactor]} and capped at max again. Jitter keeps a fleet of clients from reconnecting in lockstep
 * after a TWS restart. A value object: the attempt count lives with its owner, who resets it after a stable READY.
 */
public final class Backoff {

    private final ConnectionSettings.Backoff settings;

    /**
     * @param settings min, max, random factor
     */
    public Backoff(ConnectionSettings.Backoff settings) {
        this.settings = settings;
    }

    /**
     * @param attempt the attempt about to be delayed, from 1
     * @param random  a uniform random number in [0, 1)
     * @return the delay before that attempt
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        long minNanos = settings.min().toNanos();
        long maxNanos = settings.max().toNanos();
        long base = Math.min(minNanos, maxNanos);
        // At most 63 doublings reach any max; a zero min never grows.
        for (int doubling = 1; doubling < attempt && base > 0 && base < maxNanos; doubling++) {
            base = base > maxNanos / 2 ? maxNanos : base * 2;
        }
        double jittered = base * (1 + settings.randomFactor() * random);
        return Duration.ofNanos((long) Math.min(maxNanos, jittered));
    }
}
