package io.github.twssupervisor.account;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import io.github.twssupervisor.subscription.Lifecycle;
import java.util.List;
import java.util.Optional;

/**
 * One account's values and portfolio as of one moment (reqAccountUpdates): a value, never changed;
 * {@link AccountFacade#follow(String)} emits a new one at every change. A portfolio item closed to zero stays, as TWS
 * keeps sending it for the day (its realized P&amp;L).
 *
 * @param account    the account followed
 * @param values     its values (NetLiquidation, TotalCashValue, BuyingPower, ...), one per key and currency
 * @param portfolio  its portfolio items, one per contract
 * @param updateTime the time of TWS's last update (accountUpdateTime, HH:mm), if it sent one
 * @param complete   whether TWS's first full set arrived (accountDownloadEnd); before that the view is never emitted
 * @param stale      whether the numbers may be out of date: the connection is interrupted, or TWS is sending the full
 *                   set again after an outage. Check {@link #isCurrent()} before acting on them
 */
public record AccountView(String account, List<AccountUpdateEvent.Value> values,
                          List<AccountUpdateEvent.Portfolio> portfolio, Optional<String> updateTime, boolean complete,
                          boolean stale) {

    /** Copies the lists. */
    public AccountView {
        values = List.copyOf(values);
        portfolio = List.copyOf(portfolio);
    }

    /** @return true if the view is complete and not stale: the numbers are TWS's current ones */
    public boolean isCurrent() {
        return complete && !stale;
    }

    /**
     * @param key      a value's key, e.g. {@code NetLiquidation}
     * @param currency its currency, e.g. {@code USD} ({@code ""} for values without one)
     * @return the value, if TWS sent it
     */
    public Optional<String> value(String key, String currency) {
        return values.stream().filter(v -> v.key().equals(key) && v.currency().equals(currency))
                .map(AccountUpdateEvent.Value::value).findFirst();
    }

    /**
     * @param conId a contract's conId
     * @return its portfolio item, if the account has one
     */
    public Optional<AccountUpdateEvent.Portfolio> item(int conId) {
        return portfolio.stream().filter(p -> p.contract().conId() == conId).findFirst();
    }

    /**
     * @param account the account followed
     * @return a stage that folds its events into views, one after the full set and one per change after it
     */
    static Flow<AccountUpdateEvent, AccountView, NotUsed> fold(String account) {
        return Flow.<AccountUpdateEvent>create().statefulMapConcat(() -> new Fold(account)::apply);
    }

    /** The view's state inside its stream stage, used on the stage's thread only. */
    private static final class Fold {
        private final String account;
        private final LiveTable<ValueKey, AccountUpdateEvent.Value> values = new LiveTable<>();
        private final LiveTable<Integer, AccountUpdateEvent.Portfolio> items = new LiveTable<>();
        private String updateTime;

        Fold(String account) {
            this.account = account;
        }

        List<AccountView> apply(AccountUpdateEvent event) {
            boolean changed;
            if (event instanceof AccountUpdateEvent.Value v) {
                changed = values.put(new ValueKey(v.key(), v.currency()), v);
            } else if (event instanceof AccountUpdateEvent.Portfolio p) {
                changed = items.put(p.contract().conId(), p);
            } else if (event instanceof AccountUpdateEvent.UpdateTime t) {
                updateTime = t.time();
                changed = false; // it comes with values, which show the change
            } else if (event instanceof AccountUpdateEvent.DownloadEnd) {
                changed = values.end() & items.end();
            } else {
                Lifecycle signal = ((AccountUpdateEvent.Status) event).lifecycle();
                LiveTable.failIfEnded(signal, "reqAccountUpdates " + account);
                changed = values.on(signal) | items.on(signal);
            }
            return changed ? List.of(new AccountView(account, values.rows(), items.rows(),
                    Optional.ofNullable(updateTime), values.complete(), values.stale() || items.stale())) : List.of();
        }
    }

    private record ValueKey(String key, String currency) {
    }
}
