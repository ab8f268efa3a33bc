package io.github.twssupervisor.cli;

import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.Quote;
import io.github.twssupervisor.subscription.Lifecycle;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's live table on a terminal: one row per symbol (bid, ask, last, volume, state), redrawn in place, with the
 * latest connection lines below it. Updated from stream callbacks and drawn from a scheduler thread, hence the
 * synchronisation; it lives outside the actor system.
 */
final class QuoteTable {

    private static final String CLEAR = "\033[H\033[2J";
    private static final int EVENT_LINES = 8;

    private final Map<String, Quote> quotes = new LinkedHashMap<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private final Deque<String> events = new ArrayDeque<>();

    QuoteTable(List<String> symbols) {
        symbols.forEach(s -> {
            quotes.put(s, Quote.empty());
            states.put(s, "waiting");
        });
    }

    synchronized void update(String symbol, MarketDataEvent event) {
        quotes.computeIfPresent(symbol, (s, q) -> q.with(event));
        Lifecycle signal = Lifecycle.of(event).orElse(null);
        if (signal instanceof Lifecycle.Interrupted) {
            states.put(symbol, "INTERRUPTED");
        } else if (signal instanceof Lifecycle.Resumed || event instanceof MarketDataEvent.Tick) {
            states.put(symbol, "live");
        } else if (signal instanceof Lifecycle.Ended ended) {
            states.put(symbol, "ended " + ended.code());
        }
    }

    synchronized void event(String line) {
        events.addLast(line);
        while (events.size() > EVENT_LINES) {
            events.removeFirst();
        }
    }

    synchronized void draw(PrintStream out) {
        StringBuilder screen = new StringBuilder(CLEAR);
        screen.append(String.format("%-12s %12s %12s %12s %14s  %s%n", "SYMBOL", "BID", "ASK", "LAST", "VOLUME",
                "STATE"));
        quotes.forEach((symbol, q) -> screen.append(String.format("%-12s %12s %12s %12s %14s  %s%n", symbol,
                text(q.bid()), text(q.ask()), text(q.last()), q.volume().map(v -> v.toPlainString()).orElse("-"),
                states.get(symbol))));
        screen.append(System.lineSeparator());
        events.forEach(e -> screen.append(e).append(System.lineSeparator()));
        out.print(screen);
        out.flush();
    }

    private static String text(java.util.OptionalDouble value) {
        return value.isPresent() ? String.valueOf(value.getAsDouble()) : "-";
    }
}
