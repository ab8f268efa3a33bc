package io.github.twssupervisor.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.ServiceSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run}: keeps one supervised connection and prints a line per state change and notice until SIGTERM / Ctrl-C or
 * {@code --duration}, then closes gracefully and prints a summary. Exit code 0 if it was READY at some time, else 1
 * with the last failure's reason (also at {@code --ready-timeout}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Connects to TWS and keeps the connection alive, printing each state change and notice.")
final class RunCommand implements Callable<Integer> {

    private static final Duration TABLE_REFRESH = Duration.ofMillis(500);
    /** How long the close waits for the market data feeds to print their end (each ends at once on close). */
    private static final Duration FEEDS_END_TIMEOUT = Duration.ofSeconds(2);

    @ParentCommand
    private Main main;

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--subscribe", paramLabel = "SYMBOLS", description = "Market data to print, comma-separated: "
            + Symbols.HELP)
    private String subscribe;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "Serve /health/live, /health/ready and /metrics "
            + "(Prometheus) there, e.g. 127.0.0.1:9464 (a port alone: on loopback); port 0 takes a free one (printed). "
            + "Default: tws.service.http.")
    private String http;

    @Option(names = "--pool", description = "Runs the client pool of tws.pool instead (one connection per purpose, "
            + "each with its own client id); every line starts with its purpose.")
    private boolean pool;

    @Override
    public Integer call() {
        output.parsedDuration(); // an invalid --duration fails before anything starts
        output.parsedReadyTimeout();
        Main.Setup setup = main.setup();
        ConnectionSettings connection = target.applyTo(setup.settings().connection());
        List<Contract> watchlist = subscribe == null ? List.of() : Symbols.parseList(subscribe);
        if (pool) {
            if (http != null) {
                throw new IllegalArgumentException("--http does not apply to --pool yet: run one process per purpose "
                        + "for health endpoints, or embed TwsClientPool and bind TwsMetrics per client");
            }
            TwsSettings pooled = PoolRun.targeted(setup.settings(), target); // refused before anything starts
            return PoolRun.runUntilStopped(setup.actorSystem("tws-supervisor"), pooled, output, watchlist, System.out);
        }
        ServiceSettings service = TwsSettings.service(setup.config()).withHttp(http);
        return runUntilStopped(setup.actorSystem("tws-supervisor"), setup.settings().withConnection(connection), output,
                watchlist, false, System.out, false, service);
    }

    /**
     * Shared with {@code demo}: runs a client in the given system until the system's CoordinatedShutdown runs, which
     * SIGTERM, Ctrl-C or the duration's end trigger.
     */
    static int runUntilStopped(ActorSystem<Void> system, TwsSettings settings, OutputOptions output,
                               List<Contract> watchlist, boolean table, PrintStream out) {
        return runUntilStopped(system, settings, output, watchlist, table, out, false);
    }

    /** @param demoOrder also place the demo's bracket order and print its events */
    static int runUntilStopped(ActorSystem<Void> system, TwsSettings settings, OutputOptions output,
                               List<Contract> watchlist, boolean table, PrintStream out, boolean demoOrder) {
        return runUntilStopped(system, settings, output, watchlist, table, out, demoOrder,
                ServiceSettings.OFF);
    }

    /** @param service the health and metrics endpoint, if it has an address */
    static int runUntilStopped(ActorSystem<Void> system, TwsSettings settings, OutputOptions output,
                               List<Contract> watchlist, boolean table, PrintStream out, boolean demoOrder,
                               ServiceSettings service) {
        EventFormat format = new EventFormat(output.json, settings.log());
        TwsClient client = TwsClient.create(system, settings);
        Readiness readiness = Readiness.watch(client, system);
        HttpEndpoint http = HttpEndpoint.start(client, service, out, output.json);
        List<CompletableFuture<Done>> feeds = new ArrayList<>();
        if (table) {
            QuoteTable quotes = new QuoteTable(watchlist.stream().map(Contract::displayName).toList());
            client.events().runForeach(e -> quotes.event(format.format(e)), system);
            watchlist.forEach(c -> feeds.add(client.marketData().stream(c, MarketDataOptions.defaults())
                    .runForeach(e -> quotes.update(c.displayName(), e), system).toCompletableFuture()));
            if (demoOrder) {
                DemoBracket.place(client, system, false, quotes::event);
            }
            system.scheduler().scheduleAtFixedRate(Duration.ZERO, TABLE_REFRESH, () -> quotes.draw(out),
                    system.executionContext());
        } else {
            TickFormat ticks = new TickFormat(output.json);
            client.events().runForeach(e -> out.println(format.format(e)), system);
            watchlist.forEach(c -> feeds.add(client.marketData().stream(c, MarketDataOptions.defaults())
                    .runForeach(e -> ticks.format(c.displayName(), e).ifPresent(out::println), system)
                    .toCompletableFuture()));
            if (demoOrder) {
                DemoBracket.place(client, system, output.json, out::println);
            }
        }
        Duration duration = output.parsedDuration();
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        // The feeds print their Ended before the summary: each completes after it.
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-tws-connection", () -> client.close()
                .exceptionally(e -> Done.getInstance())
                .thenCompose(done -> CompletableFuture.allOf(feeds.toArray(CompletableFuture[]::new))
                        .handle((all, failure) -> done)
                        .completeOnTimeout(done, FEEDS_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "print-summary", () -> {
            out.println(format.summary(client.metrics()));
            out.flush();
            if (http != null) {
                http.close(); // after the close: until then /health/ready says CLOSED
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        if (duration != null) {
            CompletableFuture.runAsync(() -> shutdown.runAll(CoordinatedShutdown.unknownReason()),
                    CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS));
        }
        Duration readyTimeout = output.parsedReadyTimeout();
        if (readyTimeout != null) {
            system.scheduler().scheduleOnce(readyTimeout, () -> {
                if (!readiness.reached()) {
                    shutdown.runAll(CoordinatedShutdown.unknownReason());
                }
            }, system.executionContext());
        }
        system.getWhenTerminated().toCompletableFuture().join();
        return readiness.reached() ? 0 : notReady(readiness, settings, readyTimeout, duration);
    }

    /** A run that never reached READY: the last failure's reason on stderr, exit code 1. */
    private static int notReady(Readiness readiness, TwsSettings settings, Duration readyTimeout, Duration duration) {
        Duration within = readyTimeout != null && (duration == null || readyTimeout.compareTo(duration) < 0)
                ? readyTimeout : duration;
        System.err.println("error: " + readiness.notReady(settings.connection(), within));
        return Main.EXIT_FAILURE;
    }
}
