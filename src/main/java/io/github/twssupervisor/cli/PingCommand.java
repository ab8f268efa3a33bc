package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.SocketOptionsReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ping}: connects, sends reqCurrentTime {@code --warmup} times unmeasured, then N times, each after the previous
 * answer and a pause of {@code --interval}, and prints the round-trip statistics and the socket options as read back
 * from the socket.
 */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Measures reqCurrentTime round trips through the full client and prints the socket options.")
final class PingCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Option(names = "--count", defaultValue = "100", paramLabel = "N", description = "Round trips (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N", description = "Round trips first, not counted "
            + "(connection, JIT and caches warm up; default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--interval", paramLabel = "D", description = "Pause between round trips, a HOCON duration "
            + "(50ms, 1s; at most 1m); default: just over 1000 / messages-per-second, so that the pacer never holds a "
            + "probe back.")
    private String interval;

    @Option(names = "--interval-ms", paramLabel = "MS", hidden = true, description = "The pause in milliseconds "
            + "(the older spelling of --interval).")
    private Integer intervalMs;

    @Option(names = "--timeout", paramLabel = "D", description = "How long to wait for a READY connection "
            + "(10s, 1m; default: tws.connection.request-timeout).")
    private String timeout;

    /** Beyond this a pause is a typo: a minute between probes measures nothing. */
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    @Override
    public Integer call() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        Duration readyTimeout = Durations.parse("--timeout", timeout);
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmup);
        }
        Main.Setup setup = main.setup();
        TwsSettings settings = setup.settings();
        ConnectionSettings connection = target.applyTo(settings.connection());
        long pause = pause(interval, intervalMs, connection.pacing().messagesPerSecond()).toMillis();
        ActorSystem<Void> system = setup.actorSystem("tws-ping");
        TwsClient client = TwsClient.create(system, settings.withConnection(connection));
        Readiness readiness = Readiness.watch(client, system);
        PrintStream out = System.out;
        try {
            Duration within = readyTimeout != null ? readyTimeout : connection.requestTimeout();
            try {
                client.ready(within).toCompletableFuture().join();
            } catch (CompletionException e) {
                System.err.println("error: " + readiness.notReady(connection, within));
                return Main.EXIT_FAILURE;
            }
            Executor delayed = CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS);
            long[] micros = new long[count];
            for (int i = 0; i < warmup + count; i++) {
                if (pause > 0 && i > 0) {
                    CompletableFuture.runAsync(() -> { }, delayed).join();
                }
                long start = System.nanoTime();
                client.currentTime().toCompletableFuture().join();
                if (i >= warmup) {
                    micros[i - warmup] = (System.nanoTime() - start) / 1_000;
                }
            }
            out.println(statistics(micros, connection, warmup, pause));
            Optional<SocketOptionsReport> options = client.socketOptions().toCompletableFuture().join();
            out.println("socket: " + options.map(SocketOptionsReport::toLine).orElse("not reported"));
            return 0;
        } catch (CompletionException e) {
            System.err.println("error: reqCurrentTime failed: " + (e.getCause() instanceof TimeoutException
                    ? "no answer within " + Readiness.text(connection.requestTimeout()) : e.getCause().getMessage())
                    + "; " + readiness.now());
            return Main.EXIT_FAILURE;
        } finally {
            client.close().toCompletableFuture().join();
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /**
     * @param interval          {@code --interval}, a HOCON duration, or null
     * @param intervalMs        {@code --interval-ms}, or null
     * @param messagesPerSecond the pacing rate, whose interval (plus a millisecond) is the default
     * @return the pause between two round trips
     * @throws IllegalArgumentException for both options at once, or a pause that is no duration, negative or over a
     *     minute
     */
    static Duration pause(String interval, Integer intervalMs, int messagesPerSecond) {
        if (interval != null && intervalMs != null) {
            throw new IllegalArgumentException("give --interval or --interval-ms, not both");
        }
        Duration pause;
        if (interval != null) {
            try {
                pause = ConfigFactory.parseString("d = \"" + interval.replace("\"", "") + "\"").getDuration("d");
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--interval '" + interval + "' is not a duration such as 50ms or 1s");
            }
        } else if (intervalMs != null) {
            pause = Duration.ofMillis(intervalMs);
        } else {
            pause = Duration.ofMillis(1000 / messagesPerSecond + 1);
        }
        if (pause.isNegative() || pause.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("--interval must be 0.." + MAX_INTERVAL.toSeconds() + "s, was "
                    + (interval != null ? interval : pause.toMillis() + "ms"));
        }
        return pause;
    }

    static String statistics(long[] micros, ConnectionSettings connection, int warmup, long pauseMillis) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double avg = Arrays.stream(sorted).average().orElse(0);
        return String.format("ping %s:%d: %d round trips (after %d warm-up, %d ms apart), min %d us, avg %.0f us, "
                        + "p50 %d us, p99 %d us, max %d us", connection.host(), connection.port(), sorted.length,
                warmup, pauseMillis, sorted[0], avg, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
