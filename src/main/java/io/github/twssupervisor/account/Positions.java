package io.github.twssupervisor.account;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import io.github.twssupervisor.subscription.Lifecycle;
import java.util.List;
import java.util.Optional;

/**
 * What the session's accounts hold, as of one moment: a value, never changed; {@link AccountFacade#positions()} emits
 * a new one at every change. A position closed to zero leaves the view.
 *
 * @param positions the positions, in the order TWS first sent them
 * @param complete  whether TWS's first full set arrived (positionEnd); before that the view is never emitted
 * @param stale     whether the numbers may be out of date: the connection is interrupted, or TWS is sending the full
 *                  set again after an outage. Check {@link #isCurrent()} before acting on them
 */
public record Positions(List<PositionEvent.Position> positions, boolean complete, boolean stale) {

    /** Copies the list. */
    public Positions {
        positions = List.copyOf(positions);
    }

    /** @return true if the view is complete and not stale: the numbers are TWS's current ones */
    public boolean isCurrent() {
        return complete && !stale;
    }

    /**
     * @param account an account id
     * @param conId   a contract's conId
     * @return its position, if the account holds one
     */
    public Optional<PositionEvent.Position> of(String account, int conId) {
        return positions.stream().filter(p -> p.account().equals(account) && p.contract().conId() == conId)
                .findFirst();
    }

    /** @return a stage that folds position events into views, one after the full set and one per change after it */
    static Flow<PositionEvent, Positions, NotUsed> fold() {
        return Flow.<PositionEvent>create().statefulMapConcat(() -> {
            LiveTable<Key, PositionEvent.Position> table = new LiveTable<>();
            return event -> {
                boolean changed;
                if (event instanceof PositionEvent.Position p) {
                    changed = table.put(new Key(p.account(), p.contract().conId()),
                            p.position().signum() == 0 ? null : p);
                } else if (event instanceof PositionEvent.End) {
                    changed = table.end();
                } else {
                    Lifecycle signal = ((PositionEvent.Status) event).lifecycle();
                    LiveTable.failIfEnded(signal, "reqPositions");
                    changed = table.on(signal);
                }
                return changed ? List.of(new Positions(table.rows(), table.complete(), table.stale())) : List.of();
            };
        });
    }

    private record Key(String account, int conId) {
    }
}
