package io.github.twssupervisor.marketdata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a slow consumer of a conflating stream has not taken yet: the latest tick per field, with every other event
 * (Interrupted, Resumed, Params, Ended, ...) kept in its place. A marker starts a new segment, so a tick from after a
 * Resumed can never be delivered before it. Bounded by the number of tick fields per segment; markers are rare.
 */
final class Conflation {

    private final List<Object> segments = new ArrayList<>();
    private Map<TickType, MarketDataEvent> ticks;

    static Conflation of(MarketDataEvent first) {
        return new Conflation().add(first);
    }

    Conflation add(MarketDataEvent event) {
        if (event instanceof MarketDataEvent.Tick tick) {
            if (ticks == null) {
                ticks = new LinkedHashMap<>();
                segments.add(ticks);
            }
            // Re-inserting moves the field to the end, so values leave in the order they last changed.
            ticks.remove(tick.field());
            ticks.put(tick.field(), event);
        } else {
            ticks = null;
            segments.add(event);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    List<MarketDataEvent> drain() {
        List<MarketDataEvent> events = new ArrayList<>();
        for (Object segment : segments) {
            if (segment instanceof Map<?, ?> map) {
                events.addAll(((Map<TickType, MarketDataEvent>) map).values());
            } else {
                events.add((MarketDataEvent) segment);
            }
        }
        return events;
    }
}
