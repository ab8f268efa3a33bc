package io.github.twssupervisor.fuzz;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The large fuzz run: {@code mvn -B verify -Pfuzz} builds, skips the tests and runs this in a JVM of its own, as the
 * bench profile runs its benchmarks. Sizes and seed are system properties, which the profile hands over:
 *
 * <pre>
 * fuzz.campaigns   decoders,requests,framing (a subset runs only those)
 * fuzz.seed        the run's seed; a failure prints the seed that replays it alone
 * fuzz.frames      server frames through the client's decoders, each at every version 176..200
 * fuzz.requests    client frames through the simulator's request decoders, each at every version
 * fuzz.chunkings   random chunkings through the frame splitters
 * fuzz.slow-ms     a case slower than this is a failure (quadratic parsing); fuzz.hang-s: a case running longer
 *                  ends the run with exit code 2, its seed and frame printed
 * </pre>
 *
 * Prints one table (also written to {@code target/fuzz/results.md}) and exits with 1 if any case failed.
 */
public final class FuzzMain {

    private FuzzMain() {
    }

    /**
     * @param args none
     * @throws Exception if the run cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> campaigns = List.of(System.getProperty("fuzz.campaigns", "decoders,requests,framing").split(","));
        long seed = Long.parseLong(System.getProperty("fuzz.seed", "20261203"));
        long frames = Long.parseLong(System.getProperty("fuzz.frames", "1000000"));
        long requests = Long.parseLong(System.getProperty("fuzz.requests", "1000000"));
        long chunkings = Long.parseLong(System.getProperty("fuzz.chunkings", "100000"));
        long slowMs = Long.parseLong(System.getProperty("fuzz.slow-ms", "2000"));
        long hangSeconds = Long.parseLong(System.getProperty("fuzz.hang-s", "60"));

        FuzzReport report = new FuzzReport();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(() -> hangCheck(report, hangSeconds), 1, 1, TimeUnit.SECONDS);

        long started = System.nanoTime();
        FuzzCampaign campaign = new FuzzCampaign(report, TimeUnit.MILLISECONDS.toNanos(slowMs));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT,
                "Fuzz run of %s: seed %d, server versions %s, %d server message kinds and %d request kinds seeded,"
                        + " Java %s, %d CPUs%n", LocalDate.now(), seed, FuzzCampaign.VERSIONS,
                campaign.serverSeedKinds(), campaign.clientSeedKinds(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        System.out.print(head);
        if (campaigns.contains("decoders")) {
            phase("decoders", frames, () -> campaign.decoders(seed, frames), head);
        }
        if (campaigns.contains("requests")) {
            phase("requests", requests, () -> campaign.requests(seed, requests), head);
        }
        if (campaigns.contains("framing")) {
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "fuzz");
            try {
                FramingCampaign framing = new FramingCampaign(report, system);
                phase("framing", chunkings, () -> framing.run(seed, chunkings), head);
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        watchdog.shutdownNow();

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(table, true, StandardCharsets.UTF_8)) {
            out.print(head);
            out.println();
            report.print(out);
            out.printf(Locale.ROOT, "%nFailures: %d. Took %.1f s.%n", report.failures().size(),
                    (System.nanoTime() - started) / 1e9);
        }
        String text = table.toString(StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(text);
        write(text);
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /** A step of the run. */
    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    private static void phase(String name, long count, Phase phase, StringBuilder head) throws Exception {
        long started = System.nanoTime();
        phase.run();
        String line = String.format(Locale.ROOT, "%s: %,d cases in %.1f s%n", name, count,
                (System.nanoTime() - started) / 1e9);
        System.out.print(line);
        head.append(line);
    }

    private static void hangCheck(FuzzReport report, long hangSeconds) {
        FuzzReport.Running running = report.running();
        if (running != null && System.nanoTime() - running.started() > TimeUnit.SECONDS.toNanos(hangSeconds)) {
            System.out.println(FuzzReport.describe(new FuzzReport.Failure(running.campaign(), "a case", running
                    .caseSeed(), "-", "see the seed", "still running after " + hangSeconds + " s", running.payload())));
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void write(String text) throws IOException {
        Path dir = Path.of(System.getProperty("fuzz.out", "target/fuzz"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), text);
    }
}
