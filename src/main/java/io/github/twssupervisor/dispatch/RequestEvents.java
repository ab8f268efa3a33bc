package io.github.twssupervisor.dispatch;

import java.util.List;

/**
 * Several events for one owner, from frames the socket read together, in the order they arrived. Under load the
 * dispatcher sends one of these per owner and batch instead of one message per event; an owner handles each element as
 * if it had come alone.
 *
 * @param events the events, at least two, oldest first
 */
public record RequestEvents(List<RequestEvent> events) implements RequestEvent {

    /** Copies the list. */
    public RequestEvents {
        events = List.copyOf(events);
    }
}
