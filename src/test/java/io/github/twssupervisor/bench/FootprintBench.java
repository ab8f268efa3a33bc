package io.github.twssupervisor.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 6, benchmark 5: the heap that 10,000 idle market-data subscriptions take (used heap after full GCs, before and
 * after subscribing, in this JVM); the resident set of {@code demo} after start-up; and the time from starting a JVM
 * with {@code run} to its READY line, against a simulator in this JVM. The last two start the shaded jar
 * ({@code shaded.jar}, built by {@code mvn -Pbench verify}) with the JVM's default flags, as a user would.
 */
final class FootprintBench {

    private static final long HEAP_GOAL = 64L * 1024 * 1024;
    private static final int JVM_STARTS = 5;
    /** How long demo runs before its RSS is read: start-up done, subscriptions ticking. */
    private static final long DEMO_SETTLE_MILLIS = 5_000;

    private final int subscriptions;

    FootprintBench(int subscriptions) {
        this.subscriptions = subscriptions;
    }

    List<BenchResult> run() {
        List<BenchResult> results = new ArrayList<>();
        results.add(subscriptionHeap());
        Path jar = Path.of(System.getProperty("shaded.jar", "target/tws-supervisor.jar"));
        if (!Files.isRegularFile(jar)) {
            System.out.println("  no " + jar + ": build it (mvn -Pbench verify does) to measure demo RSS and start-up");
            return results;
        }
        results.add(demoRss(jar));
        results.add(startToReady(jar));
        return results;
    }

    private BenchResult subscriptionHeap() {
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator().withTicksPerSecond(1), 0);
        ConnectionSettings base = BenchSupport.connection(simulator.address().getPort(), 9031);
        // Room in the pacer for every request at once: the peak, before TWS's 50/s has sent any of them.
        TwsClient client = BenchSupport.client(base.withPacing(new ConnectionSettings.Pacing(
                base.pacing().messagesPerSecond(), subscriptions + 1_000), base.disconnectedBehavior()));
        try {
            BenchSupport.join(client.ready());
            ActorRef<MarketDataEvent> subscriber = client.system().systemActorOf(
                    Behaviors.<MarketDataEvent>ignore(), "idle-subscriber", Props.empty());
            long before = BenchSupport.usedHeapAfterGc();
            for (int i = 0; i < subscriptions; i++) {
                // Distinct generic tick lists (ids up to 4 digits) make 10,000 distinct requests for one contract.
                client.marketData().subscribe(Contract.stock("AAPL"), MarketDataOptions.defaults()
                        .withGenericTicks((100 + i / 1000) + "," + (1000 + i % 1000)), subscriber);
            }
            // The client's guardian takes commands in order: once it answers this, it has made every subscription.
            BenchSupport.join(client.ready());
            long after = settledHeap();
            long used = after - before;
            System.out.printf("  heap after GC: %s before, %s with %,d subscriptions (%,d bytes each)%n",
                    BenchSupport.mib(before), BenchSupport.mib(after), subscriptions, used / subscriptions);
            return BenchResult.of(String.format("heap for %,d idle subscriptions (requests queued in the pacer)",
                    subscriptions), BenchSupport.mib(used), "<= 64 MiB", used <= HEAP_GOAL);
        } finally {
            BenchSupport.close(client);
            BenchSupport.stop(simulator);
        }
    }

    /**
     * The new subscriptions start and register on their own after they are made: reads the heap after GC until two
     * readings a second apart agree within 1 %, and returns the larger.
     */
    private static long settledHeap() {
        long previous = BenchSupport.usedHeapAfterGc();
        for (int i = 0; i < 30; i++) {
            BenchSupport.pause(1_000);
            long current = BenchSupport.usedHeapAfterGc();
            if (Math.abs(current - previous) <= previous / 100) {
                return Math.max(current, previous);
            }
            previous = current;
        }
        throw new IllegalStateException("the heap did not settle within 30 s");
    }

    private static BenchResult demoRss(Path jar) {
        Process demo = start(jar, "demo");
        try {
            awaitLine(demo, "READY");
            BenchSupport.pause(DEMO_SETTLE_MILLIS);
            long rssKb = rssKb(demo.pid());
            return BenchResult.info("RSS of demo (simulator + client + 5 subscriptions), default JVM flags, "
                    + DEMO_SETTLE_MILLIS / 1000 + " s after start", BenchSupport.mib(rssKb * 1024));
        } finally {
            stop(demo);
        }
    }

    private static BenchResult startToReady(Path jar) {
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator(), 0);
        try {
            double[] nanos = new double[JVM_STARTS];
            for (int i = 0; i < JVM_STARTS; i++) {
                long start = System.nanoTime();
                Process run = start(jar, "run", "--port", String.valueOf(simulator.address().getPort()),
                        "--client-id", String.valueOf(9040 + i));
                try {
                    awaitLine(run, "READY");
                    nanos[i] = System.nanoTime() - start;
                } finally {
                    stop(run);
                }
            }
            return BenchResult.info("JVM start -> READY (run against a local simulator, median of " + JVM_STARTS
                    + ")", BenchSupport.millis(BenchSupport.median(nanos)));
        } finally {
            BenchSupport.stop(simulator);
        }
    }

    private static Process start(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitLine(Process process, String containing) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains(containing)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the process ended before printing " + containing);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
