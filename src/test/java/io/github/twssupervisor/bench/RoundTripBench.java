package io.github.twssupervisor.bench;

import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Issues 6 and 12, benchmark 3: reqCurrentTime -> currentTime round trips through the full client ({@link TwsClient#currentTime()})
 * and through {@link BareTwsSocket} against the same simulator, interleaved sample by sample so that both see the same
 * machine. Samples are spaced just over the pacing interval (1 s / 45), so the pacer never holds one back and each
 * round trip starts from idle, as a real request does. Goal (issue 12): the client's p50 <= 1.5x the bare socket's;
 * the p99s are reported beside each other.
 */
final class RoundTripBench {

    private static final double GOAL_RATIO = 1.5;

    private final int samples;
    private final long spacingMillis;

    RoundTripBench(int samples, long spacingMillis) {
        this.samples = samples;
        this.spacingMillis = spacingMillis;
    }

    List<BenchResult> run() {
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator(), 0);
        TwsClient client = BenchSupport.client(BenchSupport.connection(simulator.address().getPort(), 9011));
        try (BareTwsSocket bare = BareTwsSocket.connect(simulator.address(), 9012)) {
            BenchSupport.join(client.ready());
            int warmup = Math.min(200, samples);
            long[] clientNanos = new long[samples];
            long[] bareNanos = new long[samples];
            for (int i = -warmup; i < samples; i++) {
                long b = bareRoundTrip(bare);
                BenchSupport.pause(spacingMillis);
                long c = clientRoundTrip(client);
                BenchSupport.pause(spacingMillis);
                if (i >= 0) {
                    bareNanos[i] = b;
                    clientNanos[i] = c;
                }
            }
            long clientP50 = BenchSupport.percentile(clientNanos, 50);
            long bareP50 = BenchSupport.percentile(bareNanos, 50);
            long clientP99 = BenchSupport.percentile(clientNanos, 99);
            long bareP99 = BenchSupport.percentile(bareNanos, 99);
            double ratio = (double) clientP50 / bareP50;
            return List.of(
                    BenchResult.compared("reqCurrentTime round trip p50 (" + samples + " samples)",
                            BenchSupport.micros(clientP50), BenchSupport.micros(bareP50),
                            String.format("%.2fx", ratio), "client p50 <= " + GOAL_RATIO + "x bare", ratio <= GOAL_RATIO),
                    BenchResult.compared("reqCurrentTime round trip p99", BenchSupport.micros(clientP99),
                            BenchSupport.micros(bareP99), String.format("%.2fx", (double) clientP99 / bareP99)));
        } finally {
            BenchSupport.close(client);
            BenchSupport.stop(simulator);
        }
    }

    private static long clientRoundTrip(TwsClient client) {
        long start = System.nanoTime();
        client.currentTime().toCompletableFuture().join();
        return System.nanoTime() - start;
    }

    private static long bareRoundTrip(BareTwsSocket bare) {
        byte[] request = SessionCodec.reqCurrentTime();
        try {
            long start = System.nanoTime();
            bare.write(request);
            while (bare.readMessageId() != IncomingMessageId.CURRENT_TIME.code()) {
                // farm notices and the like: not the answer
            }
            return System.nanoTime() - start;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
