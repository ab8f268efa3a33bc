package io.github.twssupervisor.simulator;

import static io.github.twssupervisor.simulator.MarketDataWire.CURRENT_TIME;
import static io.github.twssupervisor.simulator.MarketDataWire.ERROR;
import static io.github.twssupervisor.simulator.MarketDataWire.SETTINGS;
import static io.github.twssupervisor.simulator.MarketDataWire.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TWS's message-rate limit as the simulator enforces it: error 100 above 50 a second, cut on the third violation. */
@ExtendWith(LogCapturing.class)
class SimulatorPacingIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int LIMIT = SETTINGS.maxMessagesPerSecond();
    private static final int BURST = LIMIT + 10;
    /** Longer than the one-second window, so that the next burst is a new episode in an empty window. */
    private static final Duration NEXT_WINDOW = Duration.ofMillis(1_100);

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static TwsSimulator start() {
        return TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    /** Sends {@code BURST} reqCurrentTime in one write, so that they all arrive within a second. */
    private static void burst(PlainTwsClient client) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < BURST; i++) {
            frames.writeBytes(SessionCodec.reqCurrentTime());
        }
        client.send(frames.toByteArray());
    }

    private static List<List<String>> read(PlainTwsClient client, int count) {
        List<List<String>> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(client.readFields());
        }
        return frames;
    }

    private static long count(List<List<String>> frames, String messageId) {
        return frames.stream().filter(f -> f.get(0).equals(messageId)).count();
    }

    @Test
    void aBurstAboveTheLimitLosesExactlyTheExcessToError100AndCountsOneViolation() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = ready(simulator.address(), 1)) {
            burst(client);
            List<List<String>> answers = read(client, BURST);
            assertEquals(LIMIT, count(answers, CURRENT_TIME), "the first " + LIMIT + " are answered");
            assertEquals(BURST - LIMIT, count(answers, ERROR), "the excess is rejected, not processed");
            List<String> first = answers.stream().filter(f -> f.get(0).equals(ERROR)).findFirst().orElseThrow();
            assertEquals(List.of(ERROR, "-1", String.valueOf(TwsErrorCode.MAX_RATE_EXCEEDED),
                    "Max rate of messages per second has been exceeded:max=50 rec=51 (1)"), first.subList(0, 4));
            assertTrue(answers.stream().filter(f -> f.get(0).equals(ERROR)).allMatch(f -> f.get(3).endsWith("(1)")),
                    "one burst is one violation");
            SimulatorStats stats = simulator.stats().toCompletableFuture().join();
            assertEquals(1, stats.pacingViolations());
            assertTrue(stats.toLine().contains(" pacingViolations=1 "), stats.toLine());

            TEST_KIT.createTestProbe().expectNoMessage(NEXT_WINDOW);
            client.send(SessionCodec.reqCurrentTime());
            assertEquals(CURRENT_TIME, client.readFields().get(0), "the connection stays after one violation");
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void theThirdViolationClosesTheConnection() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = ready(simulator.address(), 1)) {
            for (int violation = 1; violation <= 2; violation++) {
                burst(client);
                List<List<String>> answers = read(client, BURST);
                assertEquals(BURST - LIMIT, count(answers, ERROR));
                String suffix = "(" + violation + ")";
                assertTrue(answers.stream().filter(f -> f.get(0).equals(ERROR)).allMatch(f -> f.get(3).endsWith(suffix)),
                        answers.toString());
                TEST_KIT.createTestProbe().expectNoMessage(NEXT_WINDOW);
            }
            LoggingTestKit.warn("3 pacing violations").expect(TEST_KIT.system(), () -> {
                burst(client);
                return null;
            });
            List<List<String>> answers = read(client, LIMIT + 1);
            assertEquals(LIMIT, count(answers, CURRENT_TIME));
            assertTrue(answers.get(LIMIT).get(3).endsWith("(3)"), answers.get(LIMIT).toString());
            client.assertClosedWithoutFrame();
            assertEquals(3, simulator.stats().toCompletableFuture().join().pacingViolations());
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }
}
