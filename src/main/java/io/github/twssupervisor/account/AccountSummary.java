package io.github.twssupervisor.account;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import io.github.twssupervisor.subscription.Lifecycle;
import java.util.List;
import java.util.Optional;

/**
 * An account summary as of one moment (reqAccountSummary): a value, never changed; {@link AccountFacade#summary} emits
 * a new one at every change.
 *
 * @param rows     one per account, tag and currency, in the order TWS first sent them
 * @param complete whether TWS's first full set arrived (accountSummaryEnd); before that the view is never emitted
 * @param stale    whether the numbers may be out of date: the connection is interrupted, or TWS is sending the full set
 *                 again after an outage. Check {@link #isCurrent()} before acting on them
 */
public record AccountSummary(List<AccountSummaryEvent.Row> rows, boolean complete, boolean stale) {

    /** Copies the list. */
    public AccountSummary {
        rows = List.copyOf(rows);
    }

    /** @return true if the view is complete and not stale: the numbers are TWS's current ones */
    public boolean isCurrent() {
        return complete && !stale;
    }

    /**
     * @param account an account id
     * @param tag     a tag, e.g. {@code NetLiquidation}
     * @return its row, if TWS sent it
     */
    public Optional<AccountSummaryEvent.Row> get(String account, String tag) {
        return rows.stream().filter(r -> r.account().equals(account) && r.tag().equals(tag)).findFirst();
    }

    /**
     * @param description the request, for the failure when it ends
     * @return a stage that folds summary events into views, one after the full set and one per change after it
     */
    static Flow<AccountSummaryEvent, AccountSummary, NotUsed> fold(String description) {
        return Flow.<AccountSummaryEvent>create().statefulMapConcat(() -> {
            LiveTable<Key, AccountSummaryEvent.Row> table = new LiveTable<>();
            return event -> {
                boolean changed;
                if (event instanceof AccountSummaryEvent.Row row) {
                    changed = table.put(new Key(row.account(), row.tag(), row.currency()), row);
                } else if (event instanceof AccountSummaryEvent.End) {
                    changed = table.end();
                } else {
                    Lifecycle signal = ((AccountSummaryEvent.Status) event).lifecycle();
                    LiveTable.failIfEnded(signal, description);
                    changed = table.on(signal);
                }
                return changed ? List.of(new AccountSummary(table.rows(), table.complete(), table.stale()))
                        : List.of();
            };
        });
    }

    private record Key(String account, String tag, String currency) {
    }
}
