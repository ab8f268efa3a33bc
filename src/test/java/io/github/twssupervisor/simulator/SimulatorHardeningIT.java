package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a user runs it (the shaded jar, a JVM of its own with default flags) under connections that hold on
 * to it, while a well-behaved {@link TwsClient} in this JVM stays READY and gets its answers:
 *
 * <ul>
 *   <li>200 connections that connect and send nothing: closed by the handshake deadline;</li>
 *   <li>20 connections that announce a 16 MiB version frame and send 15 MiB of it (the report that started this: 20 of
 *       them took the simulator from 110 to 485 MB): refused at the header, as over max-frame-size;</li>
 *   <li>20 registered clients that each leave a frame of max-frame-size one byte short, against a max-buffered-bytes
 *       that holds 7 such frames: the ones past the budget are closed, the others are held.</li>
 * </ul>
 *
 * Prints the simulator's RSS before, after and at its peak (VmHWM), and what happened to each group.
 */
class SimulatorHardeningIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int SILENT = 200;
    private static final int HUGE = 20;
    private static final int HALF = 20;
    private static final int MAX_FRAME = TwsSettings.defaults().simulator().limits().maxFrameSize();
    /** Room for 7 of the half-sent frames (header included), not 8. */
    private static final long BUDGET = 7L * (MAX_FRAME + WireLimits.LENGTH_PREFIX_BYTES) + MAX_FRAME / 2;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
    /** What the report's senders sent of their 16 MiB frames. */
    private static final int HUGE_SENT = 15 * 1024 * 1024;
    private static final int CHUNK = 256 * 1024;
    /** Growth of the simulator's RSS, start to peak, that the limits keep it under (the report: 375 MB). */
    private static final long RSS_GROWTH_BOUND_KB = 96 * 1024;
    private static final VersionRange RANGE = new VersionRange(ServerVersion.MIN_SUPPORTED,
            ServerVersion.MAX_SUPPORTED, "");
    private static final Pattern STATS = Pattern.compile("open=(\\d+) clients=(\\d+) ");

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void survivesSilentConnectionsAndHalfSentFramesWithBoundedMemoryWhileAWellBehavedClientIsServed() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<AutoCloseable> hostile = new ArrayList<>();
        try (JarProcess simulator = JarProcess.start(List.of(
                "-Dtws.simulator.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms",
                "-Dtws.simulator.max-buffered-bytes=" + BUDGET), "simulator", "--port", "0")) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", simulator.listeningPort());
            TwsClient client = TwsClient.create(TEST_KIT.system(), Loopback.DEFAULTS.withConnection(
                    Loopback.settings(address.getPort(), 1)));
            TestProbe<Void> probe = TEST_KIT.createTestProbe();
            client.ready(Duration.ofSeconds(30)).toCompletableFuture().join();
            client.currentTime().toCompletableFuture().join();
            long rssBefore = memory(simulator, "VmRSS");
            long started = System.nanoTime();

            for (int i = 0; i < SILENT; i++) {
                hostile.add(connect(address));
            }
            long hugeAcceptedByTcp = 0;
            for (int i = 0; i < HUGE; i++) {
                Socket socket = connect(address);
                hostile.add(socket);
                hugeAcceptedByTcp += CompletableFuture.supplyAsync(() -> sendUntilRefused(socket), writers)
                        .get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < HALF; i++) {
                PlainTwsClient half = PlainTwsClient.started(address, RANGE, 100 + i);
                hostile.add(half);
                byte[] frame = new byte[WireLimits.LENGTH_PREFIX_BYTES + MAX_FRAME - 1];
                Frames.writeLength(frame, 0, MAX_FRAME);
                half.send(frame);
            }
            assertEquals(ConnectionState.READY, client.state());
            client.currentTime().toCompletableFuture().get(10, TimeUnit.SECONDS);

            // The deadline closes the silent ones; what stays open is registered clients: ours and the held halves.
            int[] openAndClients = new int[2];
            probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
                simulator.command("stats");
                Matcher m = STATS.matcher(simulator.readLine());
                assertTrue(m.find());
                openAndClients[0] = Integer.parseInt(m.group(1));
                openAndClients[1] = Integer.parseInt(m.group(2));
                assertEquals(openAndClients[1], openAndClients[0], "unregistered connections still open");
                return null;
            });
            int held = openAndClients[1] - 1;
            client.currentTime().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(ConnectionState.READY, client.state());
            assertEquals(0, client.metrics().reconnects(), "READY throughout, never reconnected");
            long rssAfter = memory(simulator, "VmRSS");
            long rssPeak = memory(simulator, "VmHWM");
            List<String> log = simulator.stderr();
            long deadlineWarnings = count(log, "WARN", "no handshake");
            long frameWarnings = count(log, "WARN", "frame rejected");
            long budgetWarnings = count(log, "WARN", "max-buffered-bytes");

            System.out.printf("simulator RSS %,d MB before, %,d MB after, peak %,d MB (%,d ms under load); "
                            + "%d silent connections closed by the %d ms handshake deadline; %d x 16 MiB frames refused "
                            + "at the header (TCP took %,d KiB of each on average); %d half frames of %,d bytes: %d held, "
                            + "%d closed by max-buffered-bytes %,d; the client READY throughout%n",
                    rssBefore / 1024, rssAfter / 1024, rssPeak / 1024, (System.nanoTime() - started) / 1_000_000,
                    deadlineWarnings, HANDSHAKE_TIMEOUT.toMillis(), frameWarnings, hugeAcceptedByTcp / HUGE / 1024,
                    HALF, MAX_FRAME, held, budgetWarnings, BUDGET);
            assertEquals(SILENT, deadlineWarnings, "a WARN per silent connection");
            assertEquals(HUGE, frameWarnings, "a WARN per 16 MiB frame");
            assertTrue(held >= 1 && held <= 7, held + " half frames held");
            assertEquals(HALF - held, budgetWarnings, "a WARN per half frame past the budget");
            assertEquals(0, count(log, "ERROR", ""), String.join("\n", log));
            assertTrue(rssPeak - rssBefore < RSS_GROWTH_BOUND_KB, "RSS grew from " + rssBefore + " kB to a peak of "
                    + rssPeak + " kB");
            client.close().toCompletableFuture().join();
        } finally {
            for (AutoCloseable c : hostile) {
                c.close();
            }
            writers.shutdownNow();
        }
    }

    private static Socket connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, 5_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the preamble, a version frame header announcing 0xFFFFFF bytes and 15 MiB of them.
     *
     * @return the bytes TCP took before the simulator's close refused the rest
     */
    private static long sendUntilRefused(Socket socket) {
        long sent = 0;
        try {
            OutputStream out = socket.getOutputStream();
            byte[] header = new byte[WireLimits.LENGTH_PREFIX_BYTES];
            Frames.writeLength(header, 0, WireLimits.MAX_FRAME_PAYLOAD);
            out.write(Handshake.preamble());
            out.write(header);
            byte[] chunk = new byte[CHUNK];
            while (sent < HUGE_SENT) {
                out.write(chunk);
                sent += chunk.length;
            }
            out.flush();
        } catch (IOException refused) {
            return sent;
        }
        throw new AssertionError("the simulator took all " + HUGE_SENT + " bytes of a frame over max-frame-size");
    }

    private static long count(List<String> log, String level, String text) {
        return log.stream().filter(l -> l.contains(" " + level + " ") && l.contains(text)).count();
    }

    /**
     * @param process a running process
     * @param field   a field of /proc/PID/status in kB: VmRSS, or VmHWM (the peak RSS)
     * @return its value in kB
     */
    private static long memory(JarProcess process, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + field + " in /proc status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
