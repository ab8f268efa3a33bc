package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.FloodKind;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every inbound kind is bounded: the runnable ({@code run}, in a child JVM with a 64 MB heap) under a flood of one kind
 * from the simulator (in this JVM, loopback, port 0) stays alive with its memory bounded, still gets a connection event
 * on time, and ends promptly on SIGTERM. Before the client's inbound path was acknowledged end to end, a flood of
 * notice 2104 took a client from 100 MB to 3.39 GB RSS in 30 s, and with -Xmx256m it died of OutOfMemoryError and then
 * ignored SIGTERM.
 *
 * <p>Prints, per kind: frames flooded and their rate, the child's RSS before, at the end and at its peak (VmHWM), the
 * time a notice sent mid-flood took to show, and the time from SIGTERM to exit.
 */
class FloodIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m");
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(700);
    /** Longer than each test needs: the child's SIGTERM ends the connection, and so the flood, first. */
    private static final Duration FLOOD = Duration.ofSeconds(30);
    /** How long the client takes the flood before and after the notice. */
    private static final Duration EXPOSURE = Duration.ofSeconds(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration EVENT_ON_TIME = Duration.ofSeconds(5);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);
    /** Growth of the child's RSS, start to peak, that a bounded client stays under (the old bug grew GBs). */
    private static final long RSS_GROWTH_BOUND_KB = 128 * 1024;
    /** A flood that reached the client at all: the frames it must at least have taken. */
    private static final long MIN_FRAMES = 100_000;
    /** Ticks of the blast for the live subscription: more than the client takes in the test's time. */
    private static final int BLAST_TICKS = 50_000_000;
    private static TwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest(name = "under a flood of {0} the client stays alive, bounded, on time and stoppable")
    @EnumSource(FloodKind.class)
    void underAFloodTheClientStaysBoundedOnTimeAndStoppable(FloodKind kind) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (JarProcess child = JarProcess.start(SMALL_HEAP, "run", "--port",
                String.valueOf(simulator.address().getPort()), "--client-id", String.valueOf(clientId), "--json")) {
            awaitLine(child, state("READY"), STARTUP);
            underLoad(child, clientId, "flood " + kind.word(), () -> assertEquals(1,
                    simulator.flood(kind, FLOOD, Target.client(clientId)).toCompletableFuture().join()), false);
        }
    }

    @Test
    void underABlastOfTicksForALiveSubscriptionWhoseConsumerIsStuckTheClientStaysBounded() {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (JarProcess child = JarProcess.start(SMALL_HEAP, "run", "--port",
                String.valueOf(simulator.address().getPort()), "--client-id", String.valueOf(clientId), "--json",
                "--subscribe", "AAPL")) {
            awaitLine(child, state("READY"), STARTUP);
            awaitLine(child, l -> l.startsWith("{\"event\":\"tick\",\"symbol\":\"AAPL\""), STARTUP);
            // Nobody reads the child's stdout meanwhile: once the pipe is full its tick consumer is stuck, and only
            // the subscription's conflation stands between the blast and the heap.
            underLoad(child, clientId, "ticks to AAPL", () -> simulator.blast(BLAST_TICKS), true);
        }
    }

    /**
     * Starts a load, lets the client take it for {@link #EXPOSURE}, checks that a notice still shows on time, lets it
     * take more, ends the client with SIGTERM and checks its memory and exit; prints the figures.
     */
    private static void underLoad(JarProcess child, int clientId, String label, Runnable load, boolean drainOnExit) {
        long rssBefore = memory(child, "VmRSS");
        long outBefore = messagesOut();

        long loadStart = System.nanoTime();
        load.run();
        expose(child, label);

        long noticeSent = System.nanoTime();
        assertEquals(1, simulator.notice(TwsErrorCode.CONNECTIVITY_LOST, Target.client(clientId))
                .toCompletableFuture().join());
        awaitLine(child, state("DEGRADED"), EVENT_ON_TIME);
        long noticeMillis = millisSince(noticeSent);
        assertEquals(1, simulator.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT, Target.client(clientId))
                .toCompletableFuture().join());
        awaitLine(child, state("READY"), EVENT_ON_TIME);
        expose(child, label);

        long frames = messagesOut() - outBefore;
        long loadMillis = millisSince(loadStart);
        long rssAfter = memory(child, "VmRSS");
        long rssPeak = memory(child, "VmHWM");

        if (drainOnExit) {
            // The child prints its summary on the way out: a full pipe would hold it (the test's doing, not the
            // client's). What is read is not looked at; the read ends, one way or another, when the child exits.
            CompletableFuture.runAsync(child::readRemaining);
        }
        long termSent = System.nanoTime();
        child.terminate();
        assertTrue(child.exitsWithin(EXIT_WITHIN), "SIGTERM did not end the client within " + EXIT_WITHIN);
        long exitMillis = millisSince(termSent);

        System.out.printf("%-20s %,d frames in %,d ms (%,d/s); client RSS %,d MB before, %,d MB after, peak %,d MB; "
                        + "notice 1100 shown after %,d ms; SIGTERM to exit %,d ms (code %d)%n",
                label, frames, loadMillis, frames * 1000 / Math.max(1, loadMillis), rssBefore / 1024,
                rssAfter / 1024, rssPeak / 1024, noticeMillis, exitMillis, child.exitValue());
        assertTrue(frames >= MIN_FRAMES, "the load reached the client with " + frames + " frames only");
        assertTrue(rssPeak - rssBefore < RSS_GROWTH_BOUND_KB, "RSS grew from " + rssBefore + " kB to a peak of "
                + rssPeak + " kB");
    }

    /** Lets the flood run for {@link #EXPOSURE}, checking every {@link #SAMPLE_EVERY} that the client still runs. */
    private static void expose(JarProcess child, String label) {
        long end = System.nanoTime() + EXPOSURE.toNanos();
        while (System.nanoTime() < end) {
            assertFalse(child.exitsWithin(SAMPLE_EVERY), "the client died under " + label);
        }
    }

    private static Predicate<String> state(String state) {
        return line -> line.startsWith("{\"event\":\"state\"") && line.contains("\"state\":\"" + state + "\"");
    }

    /** Reads lines until one matches; fails if none does within the timeout. */
    private static void awaitLine(JarProcess child, Predicate<String> wanted, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            assertTrue(left > 0, "no such line within " + timeout);
            if (wanted.test(child.readLine(Duration.ofNanos(left)))) {
                return;
            }
        }
    }

    private static long messagesOut() {
        return simulator.stats().toCompletableFuture().join().messagesOut();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * @param child a running process
     * @param field a field of /proc/PID/status in kB, such as VmRSS or VmHWM (the peak RSS)
     * @return its value in kB
     */
    private static long memory(JarProcess child, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(child.pid()), "status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + field + " in /proc status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
