package io.github.twssupervisor.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many things of each group are in each state right now: the client's subscriptions by domain and state. Each
 * thing reports its own moves through its {@link Entry}, from its own actor; any thread reads the counts (a metrics
 * scrape). Lock-free, like {@link ConnectionMetrics}.
 */
public final class StateTally {

    /**
     * @param group what kind of thing (a domain: {@code marketdata})
     * @param state its state ({@code live})
     */
    public record Key(String group, String state) {
    }

    private final ConcurrentHashMap<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * @param group the group of the thing
     * @return its entry, in no state yet; confined to the caller's actor
     */
    public Entry entry(String group) {
        return new Entry(group);
    }

    /**
     * @param group the group
     * @param state the state
     * @return how many are in that state now
     */
    public long count(String group, String state) {
        AtomicLong count = counts.get(new Key(group, state));
        return count == null ? 0 : count.get();
    }

    /** @return every group and state seen so far, also those that are at zero again */
    public Set<Key> keys() {
        return Set.copyOf(counts.keySet());
    }

    private void add(String group, String state, int delta) {
        counts.computeIfAbsent(new Key(group, state), k -> new AtomicLong()).addAndGet(delta);
    }

    /** One thing's place in the tally; used by its owner only. */
    public final class Entry {

        private final String group;
        private String state;

        private Entry(String group) {
            this.group = group;
        }

        /** @param newState the thing's state now; the old one is left */
        public void set(String newState) {
            if (newState.equals(state)) {
                return;
            }
            remove();
            add(group, newState, 1);
            state = newState;
        }

        /** The thing is gone: counted nowhere. */
        public void remove() {
            if (state != null) {
                add(group, state, -1);
                state = null;
            }
        }
    }
}
