package io.github.twssupervisor.subscription;

import io.github.twssupervisor.dispatch.RequestEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a subscription keeps for subscribers that join it later, when its request is answered by a full set and then
 * changes (positions, account values, account summary): TWS sends the set once, so a second subscriber sharing the
 * request would otherwise never see it. The latest event per {@link SubscriptionSpec#replayKey} key, in the order the
 * keys first came; bounded by the number of distinct rows TWS sends. Plain Java owned by the subscription.
 *
 * @param <E> the domain's event type
 */
final class Replay<E extends RequestEvent> {

    private final SubscriptionSpec<E> spec;
    private final Map<Object, E> latest = new LinkedHashMap<>();

    Replay(SubscriptionSpec<E> spec) {
        this.spec = spec;
    }

    /** @param event an event of the live request; kept if the spec gives it a key */
    void record(E event) {
        Object key = spec.replayKey(event);
        if (key != null) {
            latest.put(key, event);
        }
    }

    /** The request is sent afresh: TWS answers with a new full set, which replaces what was kept. */
    void clear() {
        latest.clear();
    }

    /** @return what a subscriber joining now gets first, oldest key first */
    List<E> events() {
        return List.copyOf(latest.values());
    }
}
