package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reconnect schedule {@code min * 2^(n-1)} capped at max, with jitter in {@code [1, 1 + randomFactor]}. */
class BackoffTest {

    /** The library defaults (reference.conf): min 200 ms, max 60 s, random factor 0.2. */
    private static final ConnectionSettings.Backoff DEFAULTS = TwsSettings.defaults().connection().backoff();
    /** The largest uniform random number below 1, as {@code Random.nextDouble()} can return it. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    /** The documented schedule without jitter, computed without overflow: {@code min(max, min * 2^(n-1))}. */
    private static long baseNanos(ConnectionSettings.Backoff settings, int attempt) {
        BigInteger max = BigInteger.valueOf(settings.max().toNanos());
        if (settings.min().isZero()) {
            return 0;
        }
        // Past 2^63 any positive min exceeds every Duration max, so the shift can stop there.
        int shift = Math.min(attempt - 1, Long.SIZE);
        return BigInteger.valueOf(settings.min().toNanos()).shiftLeft(shift).min(max).longValueExact();
    }

    private static ConnectionSettings.Backoff backoff(Duration min, Duration max, double randomFactor) {
        return new ConnectionSettings.Backoff(min, max, randomFactor, DEFAULTS.resetAfter());
    }

    @Test
    void withoutJitterTheDelayDoublesFromMinUntilItReachesMax() {
        Backoff backoff = new Backoff(DEFAULTS);
        Duration expected = DEFAULTS.min();
        boolean reachedMax = false;
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertEquals(expected, backoff.delay(attempt, 0.0), "attempt " + attempt);
            reachedMax |= expected.equals(DEFAULTS.max());
            expected = expected.multipliedBy(2);
            if (expected.compareTo(DEFAULTS.max()) > 0) {
                expected = DEFAULTS.max();
            }
        }
        assertTrue(reachedMax, "40 attempts of the default schedule reach max");
    }

    @Test
    void theFirstAttemptWaitsMin() {
        assertEquals(DEFAULTS.min(), new Backoff(DEFAULTS).delay(1, 0.0));
    }

    @Test
    void jitterStretchesTheDelayByAtMostTheRandomFactor() {
        Backoff backoff = new Backoff(DEFAULTS);
        for (int attempt = 1; baseNanos(DEFAULTS, attempt) < DEFAULTS.max().toNanos(); attempt++) {
            long base = baseNanos(DEFAULTS, attempt);
            long upper = Math.min(DEFAULTS.max().toNanos(), (long) (base * (1 + DEFAULTS.randomFactor())));
            long withZero = backoff.delay(attempt, 0.0).toNanos();
            long nearOne = backoff.delay(attempt, ALMOST_ONE).toNanos();
            assertEquals(base, withZero, "random 0 is the plain schedule, attempt " + attempt);
            assertTrue(nearOne <= upper, "attempt " + attempt + ": " + nearOne + " > " + upper);
            // Random just below 1 stretches by (almost) the whole factor: within 1 ns of the upper bound.
            assertTrue(nearOne >= upper - 1, "attempt " + attempt + ": " + nearOne + " far below " + upper);
        }
    }

    @Test
    void jitterNeverExceedsMax() {
        Backoff backoff = new Backoff(DEFAULTS);
        int attemptAtMax = 1;
        while (baseNanos(DEFAULTS, attemptAtMax) < DEFAULTS.max().toNanos()) {
            attemptAtMax++;
        }
        assertEquals(DEFAULTS.max(), backoff.delay(attemptAtMax, ALMOST_ONE));
        assertEquals(DEFAULTS.max(), backoff.delay(attemptAtMax + 1, 0.5));
        // One step below max, where base * (1 + factor) overshoots max: capped.
        long below = baseNanos(DEFAULTS, attemptAtMax - 1);
        assertTrue(below * (1 + DEFAULTS.randomFactor()) > DEFAULTS.max().toNanos(),
                "the defaults have a step whose jitter would overshoot max");
        assertEquals(DEFAULTS.max(), backoff.delay(attemptAtMax - 1, ALMOST_ONE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void attemptsBelowOneAreRejected(int attempt) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(DEFAULTS).delay(attempt, 0.0));
        assertTrue(e.getMessage().contains(String.valueOf(attempt)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {31, 32, 33, 63, 64, 65, 1000, Integer.MAX_VALUE})
    void hugeAttemptNumbersDoNotOverflowAndWaitMax(int attempt) {
        Backoff backoff = new Backoff(DEFAULTS);
        assertEquals(DEFAULTS.max(), backoff.delay(attempt, 0.0));
        assertEquals(DEFAULTS.max(), backoff.delay(attempt, ALMOST_ONE));
    }

    @Test
    void aMaxAtTheLimitOfDurationDoesNotOverflow() {
        Duration max = Duration.ofNanos(Long.MAX_VALUE);
        ConnectionSettings.Backoff settings = backoff(Duration.ofSeconds(1), max, 1.0);
        Backoff backoff = new Backoff(settings);
        for (int attempt : new int[] {1, 30, 31, 32, 40, 63, 64, 65, 1000, Integer.MAX_VALUE}) {
            Duration delay = backoff.delay(attempt, ALMOST_ONE);
            assertTrue(delay.compareTo(settings.min()) >= 0 && delay.compareTo(max) <= 0,
                    "attempt " + attempt + ": " + delay);
        }
    }

    @Test
    void aZeroMinGivesZeroForEveryAttempt() {
        Backoff backoff = new Backoff(backoff(Duration.ZERO, DEFAULTS.max(), DEFAULTS.randomFactor()));
        for (int attempt : new int[] {1, 2, 10, 31, 1000, Integer.MAX_VALUE}) {
            assertEquals(Duration.ZERO, backoff.delay(attempt, 0.0), "attempt " + attempt);
            assertEquals(Duration.ZERO, backoff.delay(attempt, ALMOST_ONE), "attempt " + attempt);
        }
    }

    @Test
    void aZeroRandomFactorMeansNoJitter() {
        ConnectionSettings.Backoff settings = backoff(DEFAULTS.min(), DEFAULTS.max(), 0.0);
        Backoff backoff = new Backoff(settings);
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertEquals(baseNanos(settings, attempt), backoff.delay(attempt, ALMOST_ONE).toNanos(),
                    "attempt " + attempt);
        }
    }

    @Test
    void minEqualToMaxIsAConstantDelay() {
        ConnectionSettings.Backoff settings = backoff(DEFAULTS.max(), DEFAULTS.max(), DEFAULTS.randomFactor());
        Backoff backoff = new Backoff(settings);
        for (int attempt : new int[] {1, 2, 31, 1000}) {
            assertEquals(DEFAULTS.max(), backoff.delay(attempt, ALMOST_ONE), "attempt " + attempt);
        }
    }

    @Test
    void theScheduleReachesMaxEvenWhenMaxIsMoreThanTwoToTheThirtyTimesMin() {
        // 1 ms * 2^30 is about 12.4 days; with max = 30 days attempt 33 should wait min(30 d, 1 ms * 2^32) = 30 d.
        ConnectionSettings.Backoff settings = backoff(Duration.ofMillis(1), Duration.ofDays(30), 0.0);
        int attempt = 33;
        assertEquals(Duration.ofNanos(baseNanos(settings, attempt)), new Backoff(settings).delay(attempt, 0.0));
        assertEquals(Duration.ofDays(30), new Backoff(settings).delay(attempt, 0.0));
    }

    @Property
    void theDefaultScheduleStaysWithinItsJitterBounds(@ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int attempt,
                                                      @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false)
                                                      double random) {
        assertWithinBounds(DEFAULTS, attempt, random);
    }

    @Property
    void everyScheduleStaysWithinItsJitterBounds(@ForAll("backoffSettings") ConnectionSettings.Backoff settings,
                                                 @ForAll @IntRange(min = 1, max = 2000) int attempt,
                                                 @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false)
                                                 double random) {
        assertWithinBounds(settings, attempt, random);
    }

    @Property
    void moreAttemptsNeverWaitLessWithoutJitter(@ForAll("backoffSettings") ConnectionSettings.Backoff settings,
                                                @ForAll @IntRange(min = 1, max = 2000) int attempt) {
        Backoff backoff = new Backoff(settings);
        assertTrue(backoff.delay(attempt + 1, 0.0).compareTo(backoff.delay(attempt, 0.0)) >= 0);
    }

    /** min 0..10 s and max up to an hour above it, in ms, so that max / min stays below 2^30. */
    @Provide
    Arbitrary<ConnectionSettings.Backoff> backoffSettings() {
        Arbitrary<Long> minMillis = Arbitraries.longs().between(0, 10_000);
        Arbitrary<Long> extraMillis = Arbitraries.longs().between(0, 3_600_000);
        Arbitrary<Double> factor = Arbitraries.doubles().between(0.0, 1.0);
        return Combinators.combine(minMillis, extraMillis, factor).as((min, extra, f) ->
                backoff(Duration.ofMillis(min), Duration.ofMillis(min + extra), f));
    }

    private static void assertWithinBounds(ConnectionSettings.Backoff settings, int attempt, double random) {
        long base = baseNanos(settings, attempt);
        long max = settings.max().toNanos();
        double upper = Math.min(max, base * (1 + settings.randomFactor()));
        long delay = new Backoff(settings).delay(attempt, random).toNanos();
        assertTrue(delay >= base, "attempt " + attempt + ", random " + random + ": " + delay + " < base " + base);
        assertTrue(delay <= upper, "attempt " + attempt + ", random " + random + ": " + delay + " > " + upper);
        assertTrue(delay <= max, "attempt " + attempt + ": " + delay + " > max " + max);
    }
}
