package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code flood} fault against a plain-socket client: it writes only its kind, as fast as the socket takes it (so a
 * client that reads nothing holds it at TCP's buffers, and nothing queues in the simulator), lets the session's own
 * answers through, and ends by itself.
 */
@ExtendWith(LogCapturing.class)
class SimulatorFloodIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final VersionRange OUR_RANGE = new VersionRange(ServerVersion.MIN_SUPPORTED,
            ServerVersion.MAX_SUPPORTED, "");
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(300);
    /** More than loopback's socket buffers on both ends hold (Linux autotuning: a few MB each way). */
    private static final long UNREAD_BOUND_BYTES = 32L * 1024 * 1024;
    private static final Pattern OVER = Pattern.compile("over: (\\d+) frames");
    private static TwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest(name = "a flood of {0} that nobody reads stays at TCP's buffers, ends by itself, and the "
            + "connection stays")
    @EnumSource(FloodKind.class)
    void aFloodNobodyReadsIsHeldByTcpAndEndsByItself(FloodKind kind) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient client = started(clientId)) {
            // The client reads nothing while the flood runs: the flood can only go as far as TCP takes it.
            LoggingTestKit.custom(e -> e.message().startsWith("Flood of " + kind.word() + " to")
                            && e.message().contains(" over: "))
                    .expect(TEST_KIT.system(), () -> {
                        assertEquals(1, simulator.flood(kind, Duration.ofSeconds(1), Target.client(clientId))
                                .toCompletableFuture().join());
                        return null;
                    });
            client.send(SessionCodec.reqCurrentTime());
            Map<FloodKind, Integer> seen = new EnumMap<>(FloodKind.class);
            long bytes = 0;
            List<String> fields = client.readFields();
            while (!fields.get(0).equals(code(IncomingMessageId.CURRENT_TIME))) {
                FloodKind got = kindOf(fields);
                assertNotNull(got, "not a flood frame: " + fields);
                seen.merge(got, 1, Integer::sum);
                bytes += fields.stream().mapToInt(f -> f.length() + 1).sum() + 4;
                fields = client.readFields();
            }
            long frames = seen.values().stream().mapToLong(Integer::longValue).sum();
            System.out.printf("flood %s unread for 1 s: %d frames (%d KB) held at TCP's buffers, no more%n",
                    kind.word(), frames, bytes / 1024);
            assertTrue(frames > 0, "no flood frame");
            assertTrue(bytes < UNREAD_BOUND_BYTES, bytes + " bytes: more than TCP holds, the flood did not wait");
            assertEquals(kind == FloodKind.MIXED ? EnumSet.complementOf(EnumSet.of(FloodKind.MIXED))
                    : EnumSet.of(kind), seen.keySet());
        }
    }

    @Test
    void theSessionsAnswersGetThroughWhileAFloodRuns() {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient client = started(clientId)) {
            LoggingTestKit.custom(e -> e.message().startsWith("Flood of tick to") && e.message().contains(" over: "))
                    .withOccurrences(1)
                    .expect(TEST_KIT.system(), () -> {
                        simulator.flood(FloodKind.TICK, Duration.ofMillis(1500), Target.client(clientId))
                                .toCompletableFuture().join();
                        // Wait until the flood is under way, then ask: the answer comes between flood frames.
                        assertEquals(FloodKind.TICK, kindOf(client.readFields()));
                        client.send(SessionCodec.reqCurrentTime());
                        long before = 0;
                        List<String> fields = client.readFields();
                        while (!fields.get(0).equals(code(IncomingMessageId.CURRENT_TIME))) {
                            assertEquals(FloodKind.TICK, kindOf(fields), fields.toString());
                            before++;
                            fields = client.readFields();
                        }
                        long after = 0;
                        while (after < 1000) {
                            assertEquals(FloodKind.TICK, kindOf(client.readFields()));
                            after++;
                        }
                        System.out.printf("currentTime answered after %d flood frames, the flood going on%n", before);
                        // Reading stops here: the flood still ends by itself, held at TCP meanwhile.
                        return null;
                    });
        }
    }

    @Test
    void theFloodsFramesAreCountedAsWritten() {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient client = started(clientId)) {
            long out = simulator.stats().toCompletableFuture().join().messagesOut();
            String[] line = new String[1];
            LoggingTestKit.custom(e -> {
                boolean match = e.message().startsWith("Flood of error to") && e.message().contains(" over: ");
                if (match) {
                    line[0] = e.message();
                }
                return match;
            }).expect(TEST_KIT.system(), () -> {
                simulator.flood(FloodKind.ERROR, Duration.ofMillis(300), Target.client(clientId)).toCompletableFuture()
                        .join();
                return null;
            });
            Matcher m = OVER.matcher(line[0]);
            assertTrue(m.find(), line[0]);
            long logged = Long.parseLong(m.group(1));
            // The answer to a request may come before flood frames still in the stream's buffers, never after all.
            client.send(SessionCodec.reqCurrentTime());
            long read = 0;
            boolean answered = false;
            while (read < logged || !answered) {
                List<String> fields = client.readFields();
                if (fields.get(0).equals(code(IncomingMessageId.CURRENT_TIME))) {
                    answered = true;
                } else {
                    assertEquals(FloodKind.ERROR, kindOf(fields), fields.toString());
                    read++;
                }
            }
            client.send(SessionCodec.reqCurrentTime());
            assertEquals(code(IncomingMessageId.CURRENT_TIME), client.readFields().get(0), "a frame after the flood");
            long counted = simulator.stats().toCompletableFuture().join().messagesOut() - out;
            assertTrue(counted >= logged + 2, "messagesOut grew by " + counted + " for " + logged + " flood frames");
        }
    }

    private static PlainTwsClient started(int clientId) {
        PlainTwsClient client = PlainTwsClient.started(simulator.address(), OUR_RANGE, clientId);
        client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        for (int i = 0; i < 3; i++) {
            assertEquals(code(IncomingMessageId.ERROR), client.readFields().get(0));
        }
        return client;
    }

    /** @return the flood kind whose frame this is, or null */
    private static FloodKind kindOf(List<String> fields) {
        String id = fields.get(0);
        if (id.equals(code(IncomingMessageId.ERROR))) {
            // sv >= ERROR_TIME: id, reqId, code, message, json, time
            if (fields.get(1).equals("-1") && fields.get(2).equals(String.valueOf(TwsErrorCode.MARKET_DATA_FARM_OK))) {
                return FloodKind.NOTICE;
            } else if (fields.get(1).equals(String.valueOf(FaultFrames.FLOOD_REQUEST_ID))
                    && fields.get(2).equals(String.valueOf(TwsErrorCode.DELAYED_DATA_DISPLAYED))) {
                return FloodKind.ERROR;
            }
        } else if (id.equals(String.valueOf(FaultFrames.unknownMessageId()))) {
            return FloodKind.UNKNOWN;
        } else if (id.equals(code(IncomingMessageId.TICK_PRICE))
                && fields.get(2).equals(String.valueOf(FaultFrames.FLOOD_REQUEST_ID))) {
            return FloodKind.TICK;
        }
        return null;
    }

    private static String code(IncomingMessageId id) {
        return String.valueOf(id.code());
    }
}
