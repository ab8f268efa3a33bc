package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
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
 * {@code ping}: connects, sends reqCurrentTime N times, each after the previous answer, and prints the round-trip
 * statistics and the socket options as read back from the socket.
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

    @Option(names = "--interval-ms", paramLabel = "MS", description = "Pause between round trips; default: just over "
            + "1000 / messages-per-second, so that the pacer never holds a probe back.")
    private Integer intervalMs;

    @Option(names = "--timeout", paramLabel = "D", description = "How long to wait for a READY connection "
            + "(10s, 1m; default: tws.connection.request-timeout).")
    private String timeout;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        Duration readyTimeout = Durations.parse("--timeout", timeout);
        Main.Setup setup = main.setup();
        TwsSettings settings = setup.settings();
        ConnectionSettings connection = target.applyTo(settings.connection());
        int pause = intervalMs != null ? intervalMs : 1000 / connection.pacing().messagesPerSecond() + 1;
        if (pause < 0) {
            throw new IllegalArgumentException("--interval-ms must be >= 0, was " + pause);
        }
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
            long[] micros = new long[count];
            Executor delayed = CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS);
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                client.currentTime().toCompletableFuture().join();
                micros[i] = (System.nanoTime() - start) / 1_000;
                if (pause > 0 && i + 1 < count) {
                    CompletableFuture.runAsync(() -> { }, delayed).join();
                }
            }
            out.println(statistics(micros, connection));
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

    static String statistics(long[] micros, ConnectionSettings connection) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double avg = Arrays.stream(sorted).average().orElse(0);
        return String.format("ping %s:%d: %d round trips, min %d us, avg %.0f us, p50 %d us, p99 %d us, max %d us",
                connection.host(), connection.port(), sorted.length, sorted[0], avg, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
