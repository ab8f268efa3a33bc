package io.github.twssupervisor.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request ids for one client (ticker ids, historical request ids, ...): unique and never reused while the client lives,
 * so no two active requests on any socket share one (TWS error 102). They start far above order ids, which count up
 * from nextValidId and share the id field of error messages, so an error is never attributed to the wrong kind of
 * request. Shared by every domain actor of the client; lock-free, so no actor has to ask for an id.
 */
public final class RequestIds {

    /** The first id handed out. */
    public static final int FIRST = 1_000_000_001;

    private final AtomicInteger next = new AtomicInteger(FIRST);

    /** @return a fresh id */
    public int next() {
        int id = next.getAndIncrement();
        if (id < FIRST) {
            throw new IllegalStateException("request ids exhausted after " + (Integer.MAX_VALUE - FIRST) + " requests");
        }
        return id;
    }
}
