package io.github.twssupervisor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The merge of a followed series across a gap, without actors: the consumer's one rule (append Bars; an Update with
 * the last bar's time replaces it, a later one is appended) gives every bar once, in order, with its final values,
 * whatever the overlap of the catch-up answer; and the catch-up duration covers the gap.
 */
class BarSeriesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T15:00:00Z");

    private static Bar bar(long epoch, double close) {
        return new Bar(Long.toString(epoch), close, close, close, close, BigDecimal.ONE, BigDecimal.ONE, 1);
    }

    /** The consumer's rule, applied to what the series delivers. */
    private static void apply(List<Bar> kept, List<HistoricalDataEvent> events) {
        for (HistoricalDataEvent e : events) {
            if (e instanceof HistoricalDataEvent.Bars bars) {
                kept.addAll(bars.bars());
            } else if (e instanceof HistoricalDataEvent.Update u) {
                boolean same = !kept.isEmpty() && kept.get(kept.size() - 1).time().equals(u.bar().time());
                if (same) {
                    kept.set(kept.size() - 1, u.bar());
                } else {
                    kept.add(u.bar());
                }
            }
        }
    }

    @Test
    void aGapIsFilledWithNoBarTwiceAndNoneMissingAndTheFormingBarReplaced() {
        List<Bar> kept = new ArrayList<>();
        BarSeries.Merged first = BarSeries.empty().answered(List.of(bar(100, 1), bar(105, 2), bar(110, 3)), T0);
        apply(kept, first.events());
        BarSeries.Merged update = first.next().updated(bar(110, 3.5), T0.plusSeconds(2));
        apply(kept, update.events());
        BarSeries.Merged next = update.next().updated(bar(115, 4), T0.plusSeconds(6));
        apply(kept, next.events());
        // the connection goes; the catch-up answer overlaps: 105 and 110 again (older, dropped), 115 final, 120..130
        BarSeries.Merged catchUp = next.next().answered(List.of(bar(105, 2), bar(110, 3.6), bar(115, 4.4),
                bar(120, 5), bar(125, 6), bar(130, 7)), T0.plusSeconds(40));
        apply(kept, catchUp.events());

        assertEquals(List.of(bar(100, 1), bar(105, 2), bar(110, 3.5), bar(115, 4.4), bar(120, 5), bar(125, 6),
                bar(130, 7)), kept);
        assertEquals(4, catchUp.events().size(), "115 replaced, 120, 125, 130 appended: " + catchUp.events());
        assertTrue(catchUp.events().stream().allMatch(HistoricalDataEvent.Update.class::isInstance));
        assertEquals(Optional.of("130"), catchUp.next().lastTime());
    }

    @Test
    void anUpdateOlderThanTheLastBarIsDroppedAndTextTimesOrderAsTwsWritesThem() {
        BarSeries series = BarSeries.empty().answered(List.of(bar(100, 1), bar(105, 2)), T0).next();
        assertEquals(List.of(), series.updated(bar(100, 9), T0).events());
        assertTrue(BarSeries.compare("20261203 09:35:00 US/Eastern", "20261203 10:00:00 US/Eastern") < 0);
        assertTrue(BarSeries.compare("20261130", "20261201") < 0);
        assertTrue(BarSeries.compare("999999999", "1000000000") < 0, "epoch seconds compare as numbers");
    }

    @Test
    void theCatchUpCoversTheGapAndTwoBarsInSecondsUpToADayThenInDays() {
        BarSeries series = BarSeries.empty().answered(List.of(bar(100, 1)), T0).next();
        assertEquals(Optional.of((60 + 1 + 2 * 5) + " S"), series.catchUp(T0.plusSeconds(60), "5 secs"));
        assertEquals(Optional.of((3600 + 1 + 2 * 300) + " S"), series.catchUp(T0.plus(Duration.ofHours(1)),
                "5 mins"));
        assertEquals(Optional.of("2 D"), series.catchUp(T0.plus(Duration.ofHours(30)), "1 hour"));
        assertEquals(Optional.of("3 D"), series.catchUp(T0.plusSeconds(10), "1 day"));
        assertEquals(Optional.empty(), BarSeries.empty().catchUp(T0, "5 secs"), "never answered: the original");
        new HistoricalRequest(io.github.twssupervisor.contracts.Contract.stock("AAPL"), "", "71 S", "5 secs",
                "TRADES", false, 1, true); // a duration TWS takes
    }
}
