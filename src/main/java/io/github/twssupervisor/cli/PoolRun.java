package io.github.twssupervisor.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.client.TwsClientPool;
import io.github.twssupervisor.config.PoolSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code run --pool}: keeps the client pool of {@code tws.pool} (one connection per purpose) until SIGTERM / Ctrl-C or
 * {@code --duration}, printing every purpose's state changes and notices prefixed with the purpose, then a summary per
 * purpose.
 */
final class PoolRun {

    /** How long the close waits for the last events to be printed (they follow at once). */
    private static final Duration EVENTS_END_TIMEOUT = Duration.ofSeconds(2);

    private PoolRun() {
    }

    /**
     * @param settings the runnable's settings
     * @param target   --host and --port apply to every purpose; --client-id to none (each purpose has its own)
     * @return the settings with the pool pointed at the target
     * @throws IllegalArgumentException if no pool is configured, or --client-id is given
     */
    static TwsSettings targeted(TwsSettings settings, TargetOptions target) {
        if (target.clientId != null) {
            throw new IllegalArgumentException("--client-id does not apply to --pool: each purpose has its own "
                    + "(tws.pool.purposes.<purpose>.client-id)");
        }
        PoolSettings pool = settings.pool().orElseThrow(() -> new IllegalArgumentException("--pool needs a client "
                + "pool: tws.pool.purposes is empty (see tws.pool in reference.conf)"));
        return settings.withPool(pool.withEach(c -> c.withTarget(target.host != null ? target.host : c.host(),
                target.port != null ? target.port : c.port(), c.clientId())));
    }

    /**
     * @param system    the runnable's actor system; terminated by its CoordinatedShutdown
     * @param settings  the settings, with {@code tws.pool} configured
     * @param output    --json and --duration
     * @param watchlist market data to print, through the default purpose's connection
     * @param out       where the lines go
     * @return the exit code
     */
    static int runUntilStopped(ActorSystem<Void> system, TwsSettings settings, OutputOptions output,
                               List<Contract> watchlist, PrintStream out) {
        EventFormat format = new EventFormat(output.json, settings.log());
        TwsClientPool clients = TwsClientPool.create(system, settings);
        // Which purposes were ever READY: written by the event stream, read by this thread once the system ended.
        Set<String> reached = ConcurrentHashMap.newKeySet();
        CompletableFuture<Done> printed = clients.events().runForeach(e -> {
            if (e.event() instanceof ConnectionEvent.StateChanged change && change.state().isConnected()) {
                reached.add(e.purpose());
            }
            out.println(prefixed(output.json, e.purpose(), format.format(e.event())));
        }, system).toCompletableFuture();
        TickFormat ticks = new TickFormat(output.json);
        watchlist.forEach(c -> clients.defaultClient().marketData().stream(c, MarketDataOptions.defaults())
                .runForeach(e -> ticks.format(c.displayName(), e).ifPresent(line -> out.println(prefixed(output.json,
                        clients.defaultPurpose(), line))), system));
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        // Every purpose's CLOSED line is printed before the summaries: the event stream ends after the last one.
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-tws-pool", () -> clients.close()
                .exceptionally(e -> Done.getInstance())
                .thenCompose(done -> printed.handle((all, failure) -> done)
                        .completeOnTimeout(done, EVENTS_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "print-summary", () -> {
            clients.metrics().forEach((purpose, metrics) -> out.println(prefixed(output.json, purpose,
                    format.summary(metrics))));
            out.flush();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        Duration duration = output.parsedDuration();
        if (duration != null) {
            CompletableFuture.runAsync(() -> shutdown.runAll(CoordinatedShutdown.unknownReason()),
                    CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS));
        }
        system.getWhenTerminated().toCompletableFuture().join();
        List<String> never = clients.purposes().stream().filter(p -> !reached.contains(p)).toList();
        if (never.isEmpty()) {
            return 0;
        }
        // Like run: a pool of which a purpose never reached READY did not do its job.
        never.forEach(p -> System.err.println("error: purpose " + p + " was never READY: " + clients.metrics().get(p)
                .lastFailure().map(Object::toString).orElse("no attempt failed (still connecting)")));
        return Main.EXIT_FAILURE;
    }

    /**
     * @param json    whether the line is a JSON object
     * @param purpose the purpose it is about
     * @param line    a line of {@link EventFormat} or {@link TickFormat}
     * @return {@code [purpose] line}, or the object with {@code "purpose"} as its first field
     */
    static String prefixed(boolean json, String purpose, String line) {
        if (json) {
            // Purpose names are letters, digits, '-' and '_' (PoolSettings): nothing to escape.
            return "{\"purpose\":\"" + purpose + "\"," + line.substring(1);
        }
        return "[" + purpose + "] " + line;
    }
}
