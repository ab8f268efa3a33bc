package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.HeadTimestampRequest;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.history.PacingLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * TWS's historical-data pacing as one client's TWS enforces it (TWS-WIRE.md §7, limits of {@link PacingLimits#TWS}):
 * a request violates it when an identical one was admitted less than 15 s ago, when the same contract, exchange and
 * kind of data already had 5 units within 2 s, or when 60 units were admitted within 10 minutes; BID_ASK costs two
 * units. The simulator applies it to every bar size (TWS to bars of 30 s or less), which is always safe for a client.
 * A refused request is not counted. Time is passed in; plain Java for one owner, not thread-safe; memory is bounded
 * by the windows.
 */
final class HistoricalPacingGuard {

    private final PacingLimits limits;
    private final Map<String, Instant> identical = new HashMap<>();
    private final Map<String, Deque<Instant>> perContract = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    /** @param limits the windows and limits */
    HistoricalPacingGuard(PacingLimits limits) {
        this.limits = limits;
    }

    /**
     * @param r   the request
     * @param now the simulator's time, never going backwards
     * @return true if it may be answered (then it is counted), false for error 162
     */
    boolean admit(HistoricalRequest r, Instant now) {
        return admit(r.toString(), contractKey(r.contract(), r.whatToShow()), "BID_ASK".equals(r.whatToShow()) ? 2 : 1,
                now);
    }

    /**
     * A reqHeadTimestamp, which IB counts among the historical requests (TWS-WIRE.md §7): under the same rules, with
     * the contract key of bars of the same data.
     *
     * @param r   the request
     * @param now the simulator's time
     * @return true if it may be answered (then it is counted), false for error 162
     */
    boolean admit(HeadTimestampRequest r, Instant now) {
        return admit("head|" + r, contractKey(r.contract(), r.whatToShow()), 1, now);
    }

    private boolean admit(String identity, String contract, int units, Instant now) {
        forget(now);
        Deque<Instant> same = perContract.computeIfAbsent(contract, k -> new ArrayDeque<>());
        if (identical.containsKey(identity) || same.size() + units > limits.sameContractMax()
                || all.size() + units > limits.rollingMax()) {
            if (same.isEmpty()) {
                perContract.remove(contract);
            }
            return false;
        }
        identical.put(identity, now);
        for (int i = 0; i < units; i++) {
            same.addLast(now);
            all.addLast(now);
        }
        return true;
    }

    private void forget(Instant now) {
        identical.values().removeIf(t -> !now.isBefore(t.plus(limits.identicalRequestWindow())));
        for (Iterator<Deque<Instant>> it = perContract.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            drop(times, now.minus(limits.sameContractWindow()));
            if (times.isEmpty()) {
                it.remove();
            }
        }
        drop(all, now.minus(limits.rollingWindow()));
    }

    private static void drop(Deque<Instant> times, Instant before) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(before)) {
            times.removeFirst();
        }
    }

    private static String contractKey(Contract c, String whatToShow) {
        return c.conId() + "/" + c.symbol() + "/" + c.secType() + "/" + c.exchange() + "/" + c.currency() + "/"
                + whatToShow;
    }
}
