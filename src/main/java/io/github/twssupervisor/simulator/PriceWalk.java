package io.github.twssupervisor.simulator;

import java.util.SplittableRandom;

/**
 * The quote of one instrument as one client sees it: a seeded random walk in whole ticks. Invariants after every step:
 * {@code 0 < bid < ask}, the spread is 1 to {@code maxSpreadTicks} ticks, sizes are at least one lot, the last trade is
 * within [bid, ask], volume never decreases, and low &lt;= last &lt;= high.
 *
 * <p>The walk advances at most once per tick round ({@link #stepFor(long)}), however many subscriptions of the client
 * share it, and only in rounds in which one of them is served; so a subscription's ticks depend on the seed and on its
 * requests only, never on timing.
 */
final class PriceWalk {

    /** How many lots a quote or a trade may have, at most. */
    private static final int MAX_QUOTE_LOTS = 10;
    private static final int MAX_TRADE_LOTS = 5;
    /** Initial day range and open/close offsets around the reference, in ticks. */
    private static final int DAY_RANGE_TICKS = 60;

    /**
     * What one step changed, so that only that is sent.
     *
     * @param askFirst the quote moved up: the ask is sent before the bid, so that bid &lt; ask holds between the two
     *                 frames too
     * @param trade    a trade happened: last, its size and the volume changed
     * @param newHigh  the trade set a new high
     * @param newLow   the trade set a new low
     */
    record Step(boolean askFirst, boolean trade, boolean newHigh, boolean newLow) {
    }

    private final Instrument instrument;
    private final SplittableRandom random;
    private long bid;
    private long ask;
    private long bidLots;
    private long askLots;
    private long last;
    private long lastLots;
    private long volumeLots;
    private long high;
    private long low;
    private final long open;
    private final long close;
    private long round = -1;
    private Step lastStep;

    /**
     * @param instrument the instrument
     * @param seed       the seed of this walk
     */
    PriceWalk(Instrument instrument, long seed) {
        this.instrument = instrument;
        this.random = new SplittableRandom(seed);
        long reference = instrument.referenceTicks();
        this.close = reference + random.nextInt(-DAY_RANGE_TICKS, DAY_RANGE_TICKS + 1);
        this.open = close + random.nextInt(-DAY_RANGE_TICKS / 2, DAY_RANGE_TICKS / 2 + 1);
        int spread = 1 + random.nextInt(instrument.maxSpreadTicks());
        this.bid = reference - spread / 2;
        this.ask = bid + spread;
        this.bidLots = lots(MAX_QUOTE_LOTS);
        this.askLots = lots(MAX_QUOTE_LOTS);
        this.last = bid + random.nextInt(spread + 1);
        this.lastLots = lots(MAX_TRADE_LOTS);
        this.volumeLots = 1_000 + random.nextInt(9_000);
        this.high = Math.max(open, last) + random.nextInt(DAY_RANGE_TICKS);
        this.low = Math.max(1, Math.min(open, last) - random.nextInt(DAY_RANGE_TICKS));
        this.lastStep = new Step(false, false, false, false);
    }

    /**
     * @param tickRound the number of the session's current tick round
     * @return the step of that round, taken now if this is the walk's first use in the round
     */
    Step stepFor(long tickRound) {
        if (tickRound != round) {
            round = tickRound;
            lastStep = step();
        }
        return lastStep;
    }

    private Step step() {
        int move = random.nextInt(3) - 1;
        if (bid + move < 1) {
            move = 1;
        }
        bid += move;
        int spread = 1 + random.nextInt(instrument.maxSpreadTicks());
        ask = bid + spread;
        bidLots = lots(MAX_QUOTE_LOTS);
        askLots = lots(MAX_QUOTE_LOTS);
        // A last left outside the new quote would be stale: a trade brings it back in.
        boolean trade = random.nextBoolean() || last < bid || last > ask;
        boolean newHigh = false;
        boolean newLow = false;
        if (trade) {
            last = bid + random.nextInt(spread + 1);
            lastLots = lots(MAX_TRADE_LOTS);
            volumeLots += lastLots;
            newHigh = last > high;
            newLow = last < low;
            high = Math.max(high, last);
            low = Math.min(low, last);
        }
        return new Step(move > 0, trade, newHigh, newLow);
    }

    private long lots(int max) {
        return 1 + random.nextInt(max);
    }

    Instrument instrument() {
        return instrument;
    }

    long bid() {
        return bid;
    }

    long ask() {
        return ask;
    }

    long bidLots() {
        return bidLots;
    }

    long askLots() {
        return askLots;
    }

    long last() {
        return last;
    }

    long lastLots() {
        return lastLots;
    }

    long volumeLots() {
        return volumeLots;
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    long open() {
        return open;
    }

    long close() {
        return close;
    }
}
