package io.github.twssupervisor.simulator;

/**
 * TWS's message-rate check for one connection (TWS-WIRE.md §7): at most {@code max} messages in any sliding one-second
 * window. A message above the limit is rejected; a violation is one overflow episode, so a burst counts once however
 * many of its messages are rejected, and a rejection a second or more after the episode began starts the next one.
 *
 * <pre>
 * accepted times (ring of max)   t0 t1 ... t49        a message at t is accepted when fewer than max lie in (t-1s, t]
 * episode                        [first rejection, +1s)   one violation each
 * </pre>
 *
 * Time is passed in, so the rules are testable without clocks.
 */
final class PacingGuard {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    /**
     * The verdict on one message.
     *
     * @param accepted     process it
     * @param received     messages in the current window, this one included (meaningful when rejected)
     * @param violations   violations so far on the connection
     * @param newViolation this rejection began a new episode
     */
    record Verdict(boolean accepted, int received, int violations, boolean newViolation) {
    }

    private final int max;
    private final long[] accepted;
    private int head;
    private int size;
    private int violations;
    private boolean inEpisode;
    private long episodeStart;
    private int rejectedInEpisode;

    /** @param max messages allowed in any one-second window */
    PacingGuard(int max) {
        this.max = max;
        this.accepted = new long[max];
    }

    /**
     * @param nowNanos a monotonic time ({@link System#nanoTime()})
     * @return whether the message that arrived now may be processed
     */
    Verdict admit(long nowNanos) {
        while (size > 0 && nowNanos - accepted[head] >= WINDOW_NANOS) {
            head = (head + 1) % max;
            size--;
        }
        if (inEpisode && nowNanos - episodeStart >= WINDOW_NANOS) {
            inEpisode = false;
        }
        if (size < max) {
            accepted[(head + size) % max] = nowNanos;
            size++;
            return new Verdict(true, size, violations, false);
        }
        boolean newViolation = !inEpisode;
        if (newViolation) {
            inEpisode = true;
            episodeStart = nowNanos;
            rejectedInEpisode = 0;
            violations++;
        }
        rejectedInEpisode++;
        return new Verdict(false, size + rejectedInEpisode, violations, newViolation);
    }

    /**
     * The same connection's guard with another limit (the {@code pace-limit} fault): the violations so far and the
     * newest accepted times, as many as the new limit holds, carry over.
     *
     * @param newMax messages allowed in any one-second window
     * @return the new guard
     */
    PacingGuard withMax(int newMax) {
        PacingGuard next = new PacingGuard(newMax);
        for (int i = Math.max(0, size - newMax); i < size; i++) {
            next.accepted[next.size++] = accepted[(head + i) % max];
        }
        next.violations = violations;
        next.inEpisode = inEpisode;
        next.episodeStart = episodeStart;
        next.rejectedInEpisode = rejectedInEpisode;
        return next;
    }

    /** @return the limit */
    int max() {
        return max;
    }
}
