package io.github.twssupervisor.subscription;

import java.util.Optional;

/**
 * The signals the kernel adds to every domain's stream of events: one shared type, so that a consumer of market data,
 * account updates or positions handles a gap, a warning and the end alike. A consumer always knows where a gap is:
 * {@link Interrupted} when data stops being trustworthy, {@link Resumed} when the request is live again; exactly one
 * pair per outage.
 *
 * <p>Why a signal travels inside one record of the domain's own event type ({@link Carrier}) rather than as a kernel
 * type of its own: a domain's subscribers stay typed as that domain's events ({@code ActorRef<MarketDataEvent>},
 * {@code Source<MarketDataEvent, ?>}), which Java could not offer if the stream's element type had to be a supertype
 * shared by the kernel's records and every domain's events; and data events, the many, travel unwrapped (a wrapper
 * per tick would cost an allocation and a read per event on the hot path). Only the few signals are wrapped.
 * {@link #of(Object)} unwraps any domain's carrier.
 */
public sealed interface Lifecycle permits Lifecycle.Interrupted, Lifecycle.Resumed, Lifecycle.Warning,
        Lifecycle.Ended {

    /**
     * The record of a domain's event type that carries a signal: every domain's event interface has exactly one.
     */
    interface Carrier {
        /** @return the signal */
        Lifecycle lifecycle();
    }

    /**
     * @param event an event of any domain's stream
     * @return the signal it carries, if it is one
     */
    static Optional<Lifecycle> of(Object event) {
        return event instanceof Carrier carrier ? Optional.of(carrier.lifecycle()) : Optional.empty();
    }

    /**
     * @param event an event of any domain's stream
     * @return true if it ends the stream
     */
    static boolean isEnd(Object event) {
        return event instanceof Carrier carrier && carrier.lifecycle() instanceof Ended;
    }

    /**
     * Data stopped being trustworthy: what arrives next comes after a gap.
     *
     * @param reason why, for a person
     */
    record Interrupted(String reason) implements Lifecycle {
    }

    /**
     * The request is live again.
     *
     * @param reissued true if it was sent again (a new connection, or TWS lost its data: 1101), so TWS answers it
     *                 afresh: a request answered by a full set and then changes (positions, account values, bars)
     *                 sends its full set again, and a view can drop what the set no longer holds; false if TWS kept
     *                 the request through its outage (1102) and only changes follow
     */
    record Resumed(boolean reissued) implements Lifecycle {
    }

    /**
     * TWS said something about the request that does not end it, e.g. 10167 (delayed data follows).
     *
     * @param code    the TWS code
     * @param message TWS's text
     */
    record Warning(int code, String message) implements Lifecycle {
    }

    /**
     * The subscription is over: the last event a subscriber receives.
     *
     * @param code    the TWS code that ended it (e.g. 200 no security definition), or 0 when the client ended it
     * @param message why, for a person
     */
    record Ended(int code, String message) implements Lifecycle {
    }
}
