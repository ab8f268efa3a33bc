package io.github.twssupervisor.dispatch;

import java.util.List;

/**
 * Several events for one owner, from frames the socket read together, in the order they arrived. Under load the
 * dispatcher sends one of these per owner and batch instead of one message per event; an owner handles each element as
 * if it had come alone.
 *
 * @param events     the events, at least two, oldest first
 * @param withErrors whether any of them is a {@link RequestError}. Known from where the events were made, so that an
 *                   owner which only passes the others on need not read each one: on another thread, that read is a
 *                   cache miss per event. It must be true if any event is an error: an owner may pass the events
 *                   on to market data subscribers unread
 */
public record RequestEvents(List<RequestEvent> events, boolean withErrors) implements RequestEvent {

    /** Copies the list. With assertions on (as in the tests), checks that {@code withErrors} is true to its events. */
    public RequestEvents {
        events = List.copyOf(events);
        assert withErrors || events.stream().noneMatch(RequestError.class::isInstance)
                : "a RequestError among events marked withErrors = false";
    }

    /**
     * @param events the events, at least two, oldest first; looked through for errors
     */
    public RequestEvents(List<RequestEvent> events) {
        this(events, events.stream().anyMatch(RequestError.class::isInstance));
    }
}
