package io.github.twssupervisor.bench;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the end-to-end benchmarks share: the simulator and the client each in an actor system of its own (as when they
 * run in two processes, their dispatchers do not share threads), loopback addresses, and statistics.
 */
final class BenchSupport {

    static final TwsSettings DEFAULTS = TwsSettings.defaults();
    static final Duration AWAIT = Duration.ofSeconds(60);

    private BenchSupport() {
    }

    /** One actor system for every simulator of the run, apart from the clients'; made on first use, ends with the JVM. */
    private static final class SimulatorSystem {
        static final ActorSystem<Void> INSTANCE = ActorSystem.create(Behaviors.empty(), "bench-simulator");
    }

    /**
     * @param settings the simulator's settings; its address is replaced by loopback and the given port
     * @param port     0 for a free port
     * @return a running simulator in an actor system of its own, stopped with {@link #stop(TwsSimulator)}
     */
    static TwsSimulator simulator(SimulatorSettings settings, int port) {
        return join(TwsSimulator.start(SimulatorSystem.INSTANCE, settings.withAddress("127.0.0.1", port)));
    }

    /** Stops a simulator made by {@link #simulator}. */
    static void stop(TwsSimulator simulator) {
        join(simulator.stop());
    }

    /**
     * @param connection the client's connection settings
     * @return a client in an actor system of its own, not yet READY
     */
    static TwsClient client(ConnectionSettings connection) {
        return TwsClient.create(clientSystem(), DEFAULTS.withConnection(connection));
    }

    /**
     * @return an actor system for clients, apart from the simulators', configured by {@code bench.client.config} (HOCON)
     *     over the defaults; terminated by the caller
     */
    static ActorSystem<Void> clientSystem() {
        return ActorSystem.create(Behaviors.empty(), "bench-client",
                com.typesafe.config.ConfigFactory.parseString(System.getProperty("bench.client.config", ""))
                        .withFallback(com.typesafe.config.ConfigFactory.load()));
    }

    /** Closes a client made by {@link #client} and terminates its actor system. */
    static void close(TwsClient client) {
        join(client.close());
        client.system().terminate();
        join(client.system().getWhenTerminated());
    }

    /**
     * @param port     the simulator's port
     * @param clientId the client id
     * @return the library's default connection settings aimed at loopback
     */
    static ConnectionSettings connection(int port, int clientId) {
        return DEFAULTS.connection().withTarget("127.0.0.1", port, clientId);
    }

    static boolean isReady(ConnectionEvent event) {
        return event instanceof ConnectionEvent.StateChanged s && s.state() == ConnectionState.READY;
    }

    static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark step did not complete: " + e, e);
        }
    }

    /** Sleeps between samples; a benchmark paces itself, a test never does. */
    static void pause(long millis) {
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)).join();
    }

    /** Runs a full GC until the used heap stops shrinking, and returns it. */
    static long usedHeapAfterGc() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            pause(100);
            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            if (used >= previous - 64 * 1024) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }

    /** Nearest-rank percentile of unsorted samples. */
    static long percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String perSecond(double rate) {
        return String.format("%,.0f/s", rate);
    }

    static String micros(long nanos) {
        return String.format("%,d us", nanos / 1_000);
    }

    static String millis(double nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
