package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The invariants of the random walk, for any seed and every instrument. */
class PriceWalkTest {

    @Property(tries = 50)
    void everyStepKeepsTheQuotePlausible(@ForAll long seed) {
        for (Instrument instrument : InstrumentUniverse.BUILT_IN) {
            PriceWalk walk = new PriceWalk(instrument, seed);
            long volume = walk.volumeLots();
            assertPlausible(walk);
            for (long round = 0; round < 500; round++) {
                PriceWalk.Step step = walk.stepFor(round);
                assertPlausible(walk);
                assertTrue(walk.volumeLots() >= volume, "volume never decreases");
                assertEquals(step.trade(), walk.volumeLots() > volume);
                volume = walk.volumeLots();
            }
        }
    }

    private static void assertPlausible(PriceWalk w) {
        assertTrue(0 < w.bid() && w.bid() < w.ask(), "0 < bid < ask");
        assertTrue(w.ask() - w.bid() <= w.instrument().maxSpreadTicks());
        assertTrue(w.bid() <= w.last() && w.last() <= w.ask(), "last within the quote");
        assertTrue(w.low() <= w.last() && w.last() <= w.high());
        assertTrue(w.bidLots() > 0 && w.askLots() > 0 && w.lastLots() > 0);
    }

    @Test
    void theSameSeedGivesTheSameWalkAndOneStepPerRound() {
        Instrument aapl = InstrumentUniverse.BUILT_IN.get(0);
        assertEquals(trace(new PriceWalk(aapl, 42)), trace(new PriceWalk(aapl, 42)));
        PriceWalk walk = new PriceWalk(aapl, 42);
        PriceWalk.Step first = walk.stepFor(1);
        long bid = walk.bid();
        assertEquals(first, walk.stepFor(1), "a second subscription in the same round sees the same step");
        assertEquals(bid, walk.bid());
    }

    private static List<Long> trace(PriceWalk walk) {
        List<Long> prices = new ArrayList<>();
        for (long round = 0; round < 100; round++) {
            walk.stepFor(round);
            prices.add(walk.bid());
            prices.add(walk.ask());
            prices.add(walk.last());
        }
        return prices;
    }
}
