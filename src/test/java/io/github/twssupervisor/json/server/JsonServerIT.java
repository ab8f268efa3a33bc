package io.github.twssupervisor.json.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.RawJsonClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON server in-process on an ephemeral loopback port, spoken to by {@link RawJsonClient}: every message type
 * with its exact field names, bad input of every kind, and the client limit.
 */
@ExtendWith(LogCapturing.class)
class JsonServerIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    static final JsonServerSettings DEFAULTS = JsonServerSettings.from(ConfigFactory.load())
            .withAddress("127.0.0.1", 0);
    private static final String NOW = "2024-01-01T12:00:00.000Z";

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    private static JsonServer start(JsonServerSettings settings) {
        return start(TEST_KIT, settings);
    }

    /** Each test class has an actor system of its own: one class's {@code @AfterAll} must not end another's. */
    static JsonServer start(ActorTestKit testKit, JsonServerSettings settings) {
        return JsonServer.start(testKit.system(), settings).toCompletableFuture().join();
    }

    @Test
    void answersEveryMessageTypeWithTheDocumentedFields() {
        JsonServer server = start(DEFAULTS);
        try (RawJsonClient client = RawJsonClient.connect(server.address())) {
            Instant before = Instant.now();
            client.send("{\"type\":\"ping\",\"timestamp\":\"" + NOW + "\",\"client_info\":\"raw test\"}");
            JsonNode pong = client.read("pong");
            assertEquals(Set.of("type", "ping_timestamp", "pong_timestamp", "client_id"), fields(pong));
            assertEquals(NOW, pong.get("ping_timestamp").asText());
            assertEquals(client.id(), pong.get("client_id").asText());
            assertTrue(pong.get("pong_timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertFalse(Instant.parse(pong.get("pong_timestamp").asText())
                    .isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));

            client.send("{\"type\":\"echo\",\"content\":\"héllo \\\"日本\\\"\",\"timestamp\":\"" + NOW + "\"}");
            JsonNode echo = client.read("echo_response");
            assertEquals(Set.of("type", "content", "timestamp", "echoed_by"), fields(echo));
            assertEquals("héllo \"日本\"", echo.get("content").asText());
            assertEquals(ClientConnection.SERVER_NAME, echo.get("echoed_by").asText());

            client.send("{\"type\":\"get_stats\",\"timestamp\":\"" + NOW + "\"}");
            JsonNode stats = client.read("server_stats");
            assertEquals(Set.of("type", "connected_clients", "uptime_seconds", "total_messages", "server_start_time",
                    "current_time"), fields(stats));
            assertEquals(1, stats.get("connected_clients").asInt());
            assertEquals(3, stats.get("total_messages").asLong(), "ping, echo, get_stats");
            assertTrue(stats.get("uptime_seconds").isIntegralNumber());

            client.send("{\"type\":\"broadcast\",\"content\":\"alone\",\"timestamp\":\"" + NOW + "\"}");
            JsonNode sent = client.read("broadcast_sent");
            assertEquals(Set.of("type", "recipients", "timestamp"), fields(sent));
            assertEquals(0, sent.get("recipients").asInt());

            client.send("{\"type\":\"launch_rockets\",\"count\":3}");
            JsonNode unknown = client.read("error");
            assertEquals(Set.of("type", "error", "received_type", "timestamp"), fields(unknown));
            assertEquals("launch_rockets", unknown.get("received_type").asText());
            assertEquals("unknown message type \"launch_rockets\"", unknown.get("error").asText());

            client.send("{\"type\":\"pong\",\"ping_timestamp\":\"" + NOW + "\",\"pong_timestamp\":\"" + NOW
                    + "\",\"client_id\":\"x\"}");
            assertEquals("pong", client.read("error").get("received_type").asText());

            client.send("{\"type\":\"auth\",\"token\":\"anything\"}");
            assertEquals(Set.of("type", "timestamp"), fields(client.read("auth_ok")), "no token required");
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void broadcastReachesEveryOtherClientWithTheSendersAddress() {
        JsonServer server = start(DEFAULTS);
        try (RawJsonClient a = RawJsonClient.connect(server.address());
             RawJsonClient b = RawJsonClient.connect(server.address());
             RawJsonClient c = RawJsonClient.connect(server.address())) {
            for (RawJsonClient each : List.of(a, b, c)) {
                ping(each); // answered: its actor is up and has joined the registry
            }
            a.send("{\"type\":\"broadcast\",\"content\":\"to all\",\"timestamp\":\"" + NOW + "\"}");
            assertEquals(2, a.read("broadcast_sent").get("recipients").asInt());
            for (RawJsonClient other : List.of(b, c)) {
                JsonNode message = other.read("broadcast_message");
                assertEquals(Set.of("type", "content", "from", "timestamp"), fields(message));
                assertEquals("to all", message.get("content").asText());
                assertEquals(a.id(), message.get("from").asText());
            }
            ping(a); // nothing else was queued for the sender before this pong
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void invalidJsonIsAnsweredAndTheConnectionKept() {
        JsonServer server = start(DEFAULTS);
        try (RawJsonClient client = RawJsonClient.connect(server.address())) {
            client.send("{not json");
            JsonNode error = client.read("error");
            assertTrue(error.get("error").asText().startsWith("not JSON: "), error.toString());
            assertTrue(error.get("received_type").isNull(), "received_type is null when unknown: " + error);
            client.sendRaw(RawJsonClient.frame(new byte[0]));
            assertEquals("not JSON: empty payload", client.read("error").get("error").asText());
            client.send("[1,2,3]");
            assertEquals("not a JSON object", client.read("error").get("error").asText());
            client.send("{\"type\":\"echo\",\"timestamp\":\"" + NOW + "\"}");
            JsonNode missing = client.read("error");
            assertEquals("missing field \"content\" in echo", missing.get("error").asText());
            assertEquals("echo", missing.get("received_type").asText());
            ping(client);
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void anOversizedLengthClosesThatConnectionOnly() {
        JsonServer server = start(DEFAULTS.withBounds(1024, 100));
        try (RawJsonClient bad = RawJsonClient.connect(server.address());
             RawJsonClient good = RawJsonClient.connect(server.address())) {
            ping(bad);
            LoggingTestKit.warn("frame of 2048 bytes announced, over the maximum of 1024").expect(TEST_KIT.system(),
                    () -> {
                        bad.sendRaw(new byte[] {0, 0, 8, 0, '{'});
                        return null;
                    });
            assertTrue(bad.closedByServer(), "the connection is closed");
            ping(good);
            assertEquals(2, server.stats().toCompletableFuture().join().totalMessages(), "two pings");
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeoutAndFreesItsPlace() {
        JsonServer server = start(DEFAULTS.withIdleTimeout(java.time.Duration.ofMillis(300)));
        try (RawJsonClient silent = RawJsonClient.connect(server.address())) {
            akka.actor.testkit.typed.javadsl.LoggingTestKit.info("nothing either way for").expect(TEST_KIT.system(),
                    () -> {
                        assertTrue(silent.closedByServer(), "closed by the server once idle");
                        return null;
                    });
            TEST_KIT.createTestProbe().awaitAssert(java.time.Duration.ofSeconds(5), () -> {
                assertEquals(0, server.stats().toCompletableFuture().join().connectedClients());
                return null;
            });
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aClientBeyondMaxClientsIsToldTheServerIsFullAndClosed() {
        JsonServer server = start(DEFAULTS.withMaxClients(2));
        try (RawJsonClient first = RawJsonClient.connect(server.address());
             RawJsonClient second = RawJsonClient.connect(server.address())) {
            ping(first);
            ping(second);
            try (RawJsonClient third = RawJsonClient.connect(server.address())) {
                assertEquals("server full: 2 clients", third.read("error").get("error").asText());
                assertTrue(third.closedByServer());
            }
            ping(first);
        } finally {
            server.stop().toCompletableFuture().join();
        }
    }

    @Test
    void gracefulStopTellsEveryClientThenCloses() {
        JsonServer server = start(DEFAULTS);
        try (RawJsonClient a = RawJsonClient.connect(server.address());
             RawJsonClient b = RawJsonClient.connect(server.address())) {
            ping(a);
            ping(b);
            server.stop().toCompletableFuture().join();
            for (RawJsonClient each : List.of(a, b)) {
                JsonNode shutdown = each.read("server_shutdown");
                assertEquals(Set.of("type", "message", "timestamp"), fields(shutdown));
                assertTrue(each.closedByServer());
            }
        }
    }

    static void ping(RawJsonClient client) {
        ping(client, "pong");
    }

    static void ping(RawJsonClient client, String expectedReply) {
        client.send("{\"type\":\"ping\",\"timestamp\":\"" + JsonCodec.timestamp(Instant.now())
                + "\",\"client_info\":\"it\"}");
        client.read(expectedReply);
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<RawJsonClient> connectAll(JsonServer server, int count) {
        List<RawJsonClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(RawJsonClient.connect(server.address()));
        }
        return clients;
    }
}
