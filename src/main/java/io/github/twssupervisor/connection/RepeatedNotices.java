package io.github.twssupervisor.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a flood of one informational notice from flooding the log and the subscribers: a notice identical to the one
 * before it (same code and text) within {@link #QUIET} is counted, not logged or published again; the count is logged
 * with the next notice that is. Notices that move the connection's state are never held back. Owned by one actor.
 */
final class RepeatedNotices {

    /** How long an identical notice stays news-less. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private int lastCode;
    private String lastMessage;
    private Instant lastShown = Instant.MIN;
    private long held;

    /**
     * @param code    the notice's code
     * @param message its text
     * @param repeats how many identical notices it stands for
     * @param now     the time now
     * @return -1 when this one is held back; else how many identical ones it also stands for (held back since it was
     *     last shown, and the repeats it came with)
     */
    long show(int code, String message, int repeats, Instant now) {
        boolean same = code == lastCode && message.equals(lastMessage);
        if (same && now.isBefore(lastShown.plus(QUIET))) {
            held += repeats;
            return -1;
        }
        long before = same ? held : 0;
        lastCode = code;
        lastMessage = message;
        lastShown = now;
        held = 0;
        return before + repeats - 1L;
    }
}
