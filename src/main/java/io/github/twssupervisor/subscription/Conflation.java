package io.github.twssupervisor.subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a slow consumer of a conflating stream has not taken yet: the latest event per conflation key, with every event
 * that has no key (lifecycle signals, a snapshot's end, ...) kept in its place. An event without a key starts a new
 * segment, so an event from after a Resumed can never be delivered before it. Bounded by the number of keys per
 * segment; keyless events are rare.
 *
 * @param <E> the domain's event type
 */
final class Conflation<E> {

    private final Function<E, Object> keyOf;
    private final List<Object> segments = new ArrayList<>();
    private Map<Object, E> latest;
    private int replaced;

    /**
     * @param keyOf an event's conflation key, or null for one that is never conflated
     */
    Conflation(Function<E, Object> keyOf) {
        this.keyOf = keyOf;
    }

    Conflation<E> add(E event) {
        Object key = event instanceof Lifecycle.Carrier ? null : keyOf.apply(event);
        if (key != null) {
            if (latest == null) {
                latest = new LinkedHashMap<>();
                segments.add(latest);
            }
            // Re-inserting moves the key to the end, so values leave in the order they last changed.
            if (latest.remove(key) != null) {
                replaced++;
            }
            latest.put(key, event);
        } else {
            latest = null;
            segments.add(new Kept<>(event));
        }
        return this;
    }

    /** @return events replaced by a later one of their key: never seen by the consumer */
    int replaced() {
        return replaced;
    }

    @SuppressWarnings("unchecked")
    List<E> drain() {
        List<E> events = new ArrayList<>();
        for (Object segment : segments) {
            if (segment instanceof Kept<?> kept) {
                events.add((E) kept.event());
            } else {
                events.addAll(((Map<Object, E>) segment).values());
            }
        }
        return events;
    }

    /** An event kept as it is; wrapped so that an event which is itself a map is never taken for a segment. */
    private record Kept<E>(E event) {
    }
}
