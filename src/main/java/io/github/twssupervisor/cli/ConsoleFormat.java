package io.github.twssupervisor.cli;

import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.StateTally;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.marketdata.Quote;
import io.github.twssupervisor.marketdata.TickType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The console's own lines: a quote, bars, the counters. Connection events, ticks and orders print as {@code run} and
 * {@code order} print them ({@link EventFormat}, {@link TickFormat}, {@link OrderFormat}).
 */
final class ConsoleFormat {

    private static final String BAR_ROW = "%-26s %12s %12s %12s %12s %12s";

    private ConsoleFormat() {
    }

    /** @return {@code MSFT bid 414.9 x 300 ask 415.1 x 200 last 415.0 x 100 volume 12000} */
    static String quote(String symbol, Quote quote) {
        return symbol + " bid " + price(quote.bid()) + size(quote.sizes().get(TickType.BID_SIZE))
                + " ask " + price(quote.ask()) + size(quote.sizes().get(TickType.ASK_SIZE))
                + " last " + price(quote.last()) + size(quote.sizes().get(TickType.LAST_SIZE))
                + " volume " + quote.volume().map(BigDecimal::toPlainString).orElse("-");
    }

    /** @return a header, a row per bar (oldest first) and a count */
    static List<String> bars(HistoricalRequest request, List<Bar> bars) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(BAR_ROW, "TIME", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME"));
        bars.forEach(b -> lines.add(String.format(BAR_ROW, b.time(), b.open(), b.high(), b.low(), b.close(),
                b.volume().signum() < 0 ? "-" : b.volume().toPlainString())));
        lines.add(bars.size() + " bars of " + request.barSize() + " over " + request.duration() + " ("
                + request.whatToShow() + ") for " + request.contract().displayName());
        return lines;
    }

    /** @return one line of {@code key=value} counters */
    static String stats(ConnectionMetrics m) {
        StateTally tally = m.subscriptions();
        String subscriptions = tally.keys().stream().sorted((a, b) -> (a.group() + a.state()).compareTo(b.group()
                        + b.state())).filter(k -> tally.count(k.group(), k.state()) > 0)
                .map(k -> k.group() + "." + k.state() + "=" + tally.count(k.group(), k.state()))
                .collect(Collectors.joining(" "));
        return "messagesIn=" + m.messagesIn() + " messagesOut=" + m.messagesOut() + " reconnects=" + m.reconnects()
                + " timeReady=" + Duration.ofMillis(m.timeConnected().toMillis()) + " pacerQueue="
                + m.pacerQueueDepth() + " pacerWaits=" + m.pacerWaits() + " heartbeats=" + m.heartbeatAnswers()
                + " lastHeartbeatRtt=" + micros(m.lastHeartbeatRoundTrip()) + " decodeFailures=" + m.decodeFailures()
                + " dropped=" + Arrays.stream(ConnectionMetrics.Dropped.values()).mapToLong(m::dropped).sum()
                + " lastFailure=" + m.lastFailure().map(FailureReason::kind).map(Enum::name).orElse("-")
                + (subscriptions.isEmpty() ? "" : " " + subscriptions);
    }

    /** @return {@code TWS time 2026-12-03T16:40:00Z (1234 us)}: TWS's clock (whole seconds) and the round trip */
    static String time(Instant tws, long micros) {
        return "TWS time " + tws + " (" + micros + " us)";
    }

    private static String micros(Duration d) {
        return d.toNanos() / 1_000 + "us";
    }

    private static String price(OptionalDouble price) {
        return price.isPresent() ? String.valueOf(price.getAsDouble()) : "-";
    }

    private static String size(BigDecimal size) {
        return Optional.ofNullable(size).map(s -> " x " + s.toPlainString()).orElse("");
    }
}
