package io.github.twssupervisor.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a followed series has delivered, as far as merging across a gap needs it: the time of the last bar delivered
 * (the forming one) and when data last arrived. A value; each step returns the events to deliver and the next value.
 *
 * <pre>
 *   first answer     Bars(all)                         the last bar is the forming one
 *   update           Update(bar)                        same time as the last: it replaces it; later: it follows
 *                                                       earlier than the last: dropped (TWS does not go back)
 *   after a gap      the catch-up answer's bars as Update(bar), from the last bar's time on: the last one delivered
 *                    is replaced by its final version, the missed ones follow, none twice, none missing
 * </pre>
 *
 * So a consumer keeps its series with one rule: append a {@code Bars}; an {@code Update} replaces the last bar if it
 * has the same time, else it is appended.
 *
 * @param lastTime   the time of the last bar delivered, empty before the first answer
 * @param lastDataAt when the last bar or update arrived, empty before the first answer
 */
record BarSeries(Optional<String> lastTime, Optional<Instant> lastDataAt) {

    private static final long DAY = 86_400;

    /** What to deliver, and the series after it. */
    record Merged(List<HistoricalDataEvent> events, BarSeries next) {
    }

    static BarSeries empty() {
        return new BarSeries(Optional.empty(), Optional.empty());
    }

    /**
     * @param bars the bars of an answer (the initial one, or a catch-up after a gap), oldest first
     * @param now  when they arrived
     * @return the events, and the series after them
     */
    Merged answered(List<Bar> bars, Instant now) {
        if (bars.isEmpty()) {
            return new Merged(List.of(), this);
        }
        String newest = bars.get(bars.size() - 1).time();
        if (lastTime.isEmpty()) {
            return new Merged(List.of(new HistoricalDataEvent.Bars(bars, "", "")),
                    new BarSeries(Optional.of(newest), Optional.of(now)));
        }
        List<HistoricalDataEvent> events = new ArrayList<>();
        String last = lastTime.get();
        for (Bar bar : bars) {
            if (compare(bar.time(), last) >= 0) {
                events.add(new HistoricalDataEvent.Update(bar));
                last = bar.time();
            }
        }
        return new Merged(events, new BarSeries(Optional.of(last), Optional.of(now)));
    }

    /**
     * @param bar a historicalDataUpdate's bar
     * @param now when it arrived
     * @return the update (none if it is older than the last bar), and the series after it
     */
    Merged updated(Bar bar, Instant now) {
        if (lastTime.isPresent() && compare(bar.time(), lastTime.get()) < 0) {
            return new Merged(List.of(), this);
        }
        return new Merged(List.of(new HistoricalDataEvent.Update(bar)), new BarSeries(Optional.of(bar.time()),
                Optional.of(now)));
    }

    /**
     * The duration a catch-up request asks for: from the last data (the forming bar then) to now, plus two bars, so
     * that the last bar delivered is in the answer (it is replaced by its final version) and nothing between is
     * missing. In seconds up to a day ({@code "130 S"}), in days beyond, and in days for daily and longer bars.
     *
     * @param now     the time of the re-issue
     * @param barSize the series' bar size
     * @return the duration, as reqHistoricalData takes it; empty before the first answer (ask for the original)
     */
    Optional<String> catchUp(Instant now, String barSize) {
        return lastDataAt.map(at -> {
            long bar = seconds(barSize);
            long span = Math.max(0, Duration.between(at, now).toSeconds()) + 1 + 2 * bar;
            return bar >= DAY || span > DAY ? ((span + DAY - 1) / DAY) + " D" : span + " S";
        });
    }

    /**
     * Orders bar times as TWS writes them within one request: epoch seconds numerically, {@code yyyyMMdd} and
     * {@code yyyyMMdd HH:mm:ss zone} as text (fixed width, one zone per request).
     */
    static int compare(String a, String b) {
        if (isDigits(a) && isDigits(b)) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
    }

    /** @return the seconds of a bar size ({@code "5 mins"}); a month is 31 days */
    static long seconds(String barSize) {
        String[] parts = barSize.split(" ");
        long n = Long.parseLong(parts[0]);
        String unit = parts[1];
        long per = unit.startsWith("sec") ? 1 : unit.startsWith("min") ? 60 : unit.startsWith("hour") ? 3_600
                : unit.startsWith("day") ? DAY : unit.startsWith("week") ? 7 * DAY : 31 * DAY;
        return n * per;
    }
}
