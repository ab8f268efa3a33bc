package io.github.twssupervisor.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HistoricalDataEvent;
import io.github.twssupervisor.history.HistoricalProgress;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bars SYMBOL}: historical bars (reqHistoricalData through the client's historical pacer), one line or JSON
 * object per bar; with {@code --follow}, a keepUpToDate series printed as it grows until Ctrl-C, outages shown.
 */
@Command(name = "bars", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints historical bars of a contract, oldest first (reqHistoricalData, paced so that TWS never "
                + "answers with a pacing violation; a request that must wait says so on stderr). With --follow it "
                + "keeps the series up to date (keepUpToDate) and prints every update until Ctrl-C: an update with "
                + "the time of the last bar replaces it, a later one is the next bar. A lost connection prints "
                + "'interrupted'; once READY again the missed bars follow, then 'resumed'.",
            "", "SYMBOL: " + Symbols.HELP,
            "", "Examples:", "  bars AAPL", "  bars AAPL --duration \"2 D\" --bar \"5 mins\" --what MIDPOINT --json",
            "  bars AAPL@NASDAQ --duration \"3600 S\" --bar \"1 min\" --follow", "  bars #265598 --bar \"1 day\" "
                + "--duration \"1 M\"", "",
            "--json lines: {\"event\":\"bar\"|\"update\", \"symbol\", \"time\", \"open\", \"high\", \"low\", "
                + "\"close\", \"volume\", \"wap\", \"count\"}, {\"event\":\"end\"}, "
                + "{\"event\":\"interrupted\", \"reason\"}, {\"event\":\"resumed\"}, "
                + "{\"event\":\"warning\"|\"ended\", \"code\", \"message\"}.", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the bars were printed (or --follow was stopped)",
            "1:TWS refused the request (e.g. no such contract), not connected, or the series ended",
            "2:invalid arguments (the message names the allowed values)"})
final class BarsCommand implements Callable<Integer> {

    private static final String ROW = "%-28s %12s %12s %12s %12s %14s %12s %8s";

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = Symbols.HELP)
    String symbol;

    @Option(names = "--duration", defaultValue = "1 D", paramLabel = "D", description = "How far back: a number, a "
            + "space and S (seconds), D, W, M or Y, e.g. \"3600 S\", \"2 D\" (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--bar", defaultValue = "1 hour", paramLabel = "SIZE", description = "Bar size: 1 secs, 5 secs, "
            + "10 secs, 15 secs, 30 secs, 1 min, 2 mins, 3 mins, 5 mins, 10 mins, 15 mins, 20 mins, 30 mins, 1 hour, "
            + "2 hours, 3 hours, 4 hours, 8 hours, 1 day, 1 week, 1 month (default: ${DEFAULT-VALUE}).")
    String barSize;

    @Option(names = "--what", defaultValue = "TRADES", paramLabel = "KIND", description = "TRADES, MIDPOINT, BID, "
            + "ASK, BID_ASK, HISTORICAL_VOLATILITY, OPTION_IMPLIED_VOLATILITY, ADJUSTED_LAST; with --follow only the "
            + "first four (default: ${DEFAULT-VALUE}).")
    String whatToShow;

    @Option(names = "--all-hours", description = "Include data outside regular trading hours.")
    boolean allHours;

    @Option(names = "--follow", description = "Keep the series up to date (keepUpToDate) and print each update "
            + "until Ctrl-C.")
    boolean follow;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        Contract contract = Symbols.parse(symbol); // invalid arguments: exit 2, before connecting
        HistoricalRequest request = new HistoricalRequest(contract, "", duration, barSize, whatToShow, !allHours, 1,
                follow);
        String name = symbol.toUpperCase(java.util.Locale.ROOT);
        try (TwsSession session = connection.open(main.setup())) {
            if (follow) {
                return follow(session, request, name);
            }
            ActorRef<HistoricalProgress> progress = session.system().systemActorOf(Behaviors.receiveMessage(p -> {
                if (p instanceof HistoricalProgress.Queued q) {
                    System.err.println("waiting for TWS's historical pacing: place " + q.position() + " in the queue, "
                            + "expected to go at " + q.eta());
                } else if (p instanceof HistoricalProgress.Retrying r) {
                    System.err.println("TWS refused the request for pacing (" + r.code() + "): retrying once");
                }
                return Behaviors.same();
            }), "bars-progress", Props.empty());
            List<Bar> bars = TwsSession.await(session.history().bars(request, progress), "reqHistoricalData "
                    + request.contract().displayName());
            if (!connection.json) {
                System.out.println(String.format(ROW, "TIME", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "WAP",
                        "COUNT"));
            }
            bars.forEach(b -> System.out.println(line("bar", name, b)));
            return 0;
        }
    }

    private int follow(TwsSession session, HistoricalRequest request, String name) {
        if (!connection.json) {
            System.out.println(String.format(ROW, "TIME", "OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "WAP", "COUNT"));
        }
        // The stream's result is the exit code: 1 once TWS ended the series, 0 for a cancel (Ctrl-C).
        var running = session.history().follow(request)
                .toMat(Sink.fold(0, (exit, e) -> Math.max(exit, print(name, e))), Keep.both()).run(session.system());
        SubscriptionHandle handle = running.first();
        CompletableFuture<Integer> done = running.second().toCompletableFuture();
        // Ctrl-C / SIGTERM: cancel the series at TWS while the connection is still there.
        CoordinatedShutdown.get(session.system()).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "cancel-bars",
                () -> {
                    handle.cancel();
                    return done.<Done>thenApply(exit -> Done.getInstance()).exceptionally(e -> Done.getInstance());
                });
        CompletableFuture.anyOf(done, session.system().getWhenTerminated().toCompletableFuture())
                .exceptionally(e -> null).join();
        return done.isDone() && !done.isCompletedExceptionally() ? done.join() : 0;
    }

    /** @return the exit code the event calls for: 1 when TWS ended the series, else 0 */
    private int print(String name, HistoricalDataEvent e) {
        if (e instanceof HistoricalDataEvent.Bars bars) {
            bars.bars().forEach(b -> System.out.println(line("bar", name, b)));
        } else if (e instanceof HistoricalDataEvent.Update u) {
            System.out.println(line("update", name, u.bar()));
        } else if (e instanceof HistoricalDataEvent.End) {
            System.out.println(connection.json ? Json.object("end").put("symbol", name).toString()
                    : "-- following " + name + " (Ctrl-C stops)");
        } else {
            Lifecycle signal = Lifecycle.of(e).orElseThrow();
            System.out.println(signal(name, signal));
            if (signal instanceof Lifecycle.Ended end && end.code() != 0) {
                System.err.println("error: TWS ended the series: " + end.code() + " " + end.message());
                System.out.flush();
                return 1;
            }
        }
        System.out.flush();
        return 0;
    }

    private String signal(String name, Lifecycle signal) {
        if (signal instanceof Lifecycle.Interrupted i) {
            return connection.json ? Json.object("interrupted").put("symbol", name).put("reason", i.reason())
                    .toString() : "interrupted: " + i.reason();
        }
        if (signal instanceof Lifecycle.Resumed) {
            return connection.json ? Json.object("resumed").put("symbol", name).toString()
                    : "resumed: the missed bars are above";
        }
        if (signal instanceof Lifecycle.Warning w) {
            return connection.json ? Json.object("warning").put("symbol", name).put("code", w.code())
                    .put("message", w.message()).toString() : "warning " + w.code() + ": " + w.message();
        }
        Lifecycle.Ended end = (Lifecycle.Ended) signal;
        return connection.json ? Json.object("ended").put("symbol", name).put("code", end.code())
                .put("message", end.message()).toString() : "ended: " + end.message();
    }

    private String line(String event, String name, Bar b) {
        if (connection.json) {
            return Json.object(event).put("symbol", name).put("time", b.time()).put("open", decimal(b.open()))
                    .put("high", decimal(b.high())).put("low", decimal(b.low())).put("close", decimal(b.close()))
                    .put("volume", b.volume()).put("wap", b.wap()).put("count", b.count()).toString();
        }
        String row = String.format(ROW, b.time(), decimal(b.open()).toPlainString(), decimal(b.high()).toPlainString(),
                decimal(b.low()).toPlainString(), decimal(b.close()).toPlainString(),
                b.volume().stripTrailingZeros().toPlainString(), b.wap().stripTrailingZeros().toPlainString(),
                b.count());
        return "update".equals(event) ? row + "  (update)" : row;
    }

    private static BigDecimal decimal(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros();
    }
}
