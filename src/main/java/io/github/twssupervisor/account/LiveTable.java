package io.github.twssupervisor.account;

import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import io.github.twssupervisor.subscription.TwsRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state behind a live view of rows that TWS answers as a full set, an end marker, and changes after it (positions,
 * account values and portfolio, account summary). Owned by one stream stage and used on its thread only.
 *
 * <p>Across an outage the view keeps its last rows, marked stale, instead of dropping them or serving them as current:
 * <ul>
 * <li>Interrupted: stale.</li>
 * <li>Resumed after a re-issue: TWS sends the full set again. It is collected aside and replaces the rows at its end
 *     marker, so a row that went away during the outage (a position closed) goes away from the view too; the view
 *     stays stale until then.</li>
 * <li>Resumed without a re-issue (1102, TWS kept the request): only changes follow; current again at once.</li>
 * </ul>
 *
 * @param <K> what identifies a row (account and conId, account and tag, ...)
 * @param <V> a row
 */
final class LiveTable<K, V> {

    private Map<K, V> rows = new LinkedHashMap<>();
    /** The full set TWS is sending again after a re-issue; null when none is. */
    private Map<K, V> reloading;
    private boolean complete;
    private boolean stale;

    /**
     * @param key its key
     * @param row a row of the set or a change; null removes the key (a position closed)
     * @return whether the view changed visibly: true once the first full set is complete and no reload is under way
     */
    boolean put(K key, V row) {
        Map<K, V> target = reloading != null ? reloading : rows;
        if (row == null) {
            target.remove(key);
        } else {
            target.put(key, row);
        }
        return complete && reloading == null;
    }

    /** @return true: the set is complete (the first, or a reload that now replaces the rows), the view current */
    boolean end() {
        if (reloading != null) {
            rows = reloading;
            reloading = null;
        }
        complete = true;
        stale = false;
        return true;
    }

    /**
     * @param signal a lifecycle signal of the request
     * @return whether the view changed visibly
     */
    boolean on(Lifecycle signal) {
        if (signal instanceof Lifecycle.Interrupted) {
            boolean changed = !stale;
            stale = true;
            return changed && complete;
        }
        if (signal instanceof Lifecycle.Resumed resumed) {
            if (resumed.reissued()) {
                reloading = new LinkedHashMap<>();
                return false;
            }
            stale = false;
            return complete;
        }
        return false;
    }

    /**
     * A view is live or it is nothing: its stream fails when its request ends (TWS refused it, the session does not
     * manage the account, the client closed), so that no one mistakes the last view for a current one. A consumer's
     * own cancel through its handle just completes it.
     *
     * @param signal      a lifecycle signal of the request
     * @param description the request, for the failure's message
     */
    static void failIfEnded(Lifecycle signal, String description) {
        if (signal instanceof Lifecycle.Ended ended && !ended.message().equals(SubscriptionHandle.CANCELLED)) {
            throw ended.code() != 0 ? new TwsRequestException(description, ended.code(), ended.message())
                    : new IllegalStateException(description + " ended: " + ended.message());
        }
    }

    /** @return the rows in the order they first came, copied */
    List<V> rows() {
        return List.copyOf(rows.values());
    }

    /** @return whether the first full set arrived */
    boolean complete() {
        return complete;
    }

    /** @return whether the rows may be out of date: interrupted, or a reload is under way */
    boolean stale() {
        return stale || reloading != null;
    }
}
