package io.github.twssupervisor.json.server;

import static io.github.twssupervisor.json.server.JsonServerIT.DEFAULTS;
import static io.github.twssupervisor.json.server.JsonServerIT.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.RawJsonClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broadcast under load: 50 clients broadcasting at once each get every other client's messages exactly once and none
 * of their own; a client that stops reading is cut off once its queue is full, and the others lose nothing.
 */
@ExtendWith(LogCapturing.class)
class JsonBroadcastIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private static final int CLIENTS = 50;
    private static final int PER_CLIENT = 20;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void fiftyClientsEachGetEveryOtherClientsBroadcastsExactlyOnce() throws Exception {
        JsonServer server = JsonServerIT.start(TEST_KIT, DEFAULTS);
        List<RawJsonClient> clients = JsonServerIT.connectAll(server, CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            clients.forEach(JsonServerIT::ping); // every one has joined before anyone broadcasts
            List<CompletableFuture<Tally>> tallies = new ArrayList<>();
            for (RawJsonClient client : clients) {
                tallies.add(CompletableFuture.supplyAsync(() -> broadcastAndCount(client), pool));
            }
            for (int i = 0; i < CLIENTS; i++) {
                Tally tally = tallies.get(i).get(60, TimeUnit.SECONDS);
                String self = clients.get(i).id();
                assertEquals(PER_CLIENT, tally.sent().size());
                tally.sent().forEach(recipients -> assertEquals(CLIENTS - 1, recipients));
                assertEquals(CLIENTS - 1, tally.bySender().size(), "messages from every other client");
                assertTrue(!tally.bySender().containsKey(self), "none of its own");
                tally.bySender().forEach((from, contents) -> assertEquals(expected(from), contents,
                        "each of " + from + "'s messages once, in order"));
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(RawJsonClient::close);
            server.stop().toCompletableFuture().join();
        }
    }

    /** Sends its broadcasts, then reads until it has every other client's and its own acknowledgements. */
    private static Tally broadcastAndCount(RawJsonClient client) {
        for (int n = 0; n < PER_CLIENT; n++) {
            client.send("{\"type\":\"broadcast\",\"content\":\"" + client.id() + "#" + n + "\",\"timestamp\":\""
                    + JsonCodec.timestamp(Instant.now()) + "\"}");
        }
        Tally tally = new Tally(new ArrayList<>(), new HashMap<>());
        int expectedMessages = (CLIENTS - 1) * PER_CLIENT;
        int messages = 0;
        while (messages < expectedMessages || tally.sent().size() < PER_CLIENT) {
            JsonNode frame = client.read();
            switch (frame.get("type").asText()) {
                case "broadcast_message" -> {
                    messages++;
                    tally.bySender().computeIfAbsent(frame.get("from").asText(), k -> new ArrayList<>())
                            .add(frame.get("content").asText());
                }
                case "broadcast_sent" -> tally.sent().add(frame.get("recipients").asInt());
                default -> throw new AssertionError("unexpected " + frame);
            }
        }
        // nothing more may come: a duplicate would arrive before this pong
        ping(client);
        return tally;
    }

    private static List<String> expected(String from) {
        List<String> contents = new ArrayList<>();
        for (int n = 0; n < PER_CLIENT; n++) {
            contents.add(from + "#" + n);
        }
        return contents;
    }

    private record Tally(List<Integer> sent, Map<String, List<String>> bySender) {
    }

    @Test
    void aClientThatDoesNotReadIsCutOffAndTheOthersLoseNothing() throws Exception {
        cutOffWhileTheOthersLoseNothing(DEFAULTS.withBounds(1024 * 1024, 50));
    }

    @Test
    void theByteBoundCutsOffAClientWhoseFramesAreFewButLarge() throws Exception {
        // 10,000 frames would hold 160 MiB of these broadcasts; 256 KiB is what the client may hold
        cutOffWhileTheOthersLoseNothing(DEFAULTS.withBounds(1024 * 1024, 10_000).withOutboundBufferBytes(256 * 1024));
    }

    private void cutOffWhileTheOthersLoseNothing(JsonServerSettings settings) throws Exception {
        int broadcasts = 600;
        String content = "x".repeat(16 * 1024);
        JsonServer server = JsonServerIT.start(TEST_KIT, settings);
        RawJsonClient slow = RawJsonClient.connect(server.address());
        RawJsonClient sender = RawJsonClient.connect(server.address());
        RawJsonClient reader = RawJsonClient.connect(server.address());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            slow.socket().setReceiveBufferSize(4096);
            ping(slow);
            ping(sender);
            ping(reader);
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int count = 0;
                while (count < broadcasts) {
                    JsonNode frame = reader.read("broadcast_message");
                    assertEquals(content.length(), frame.get("content").asText().length());
                    count++;
                }
                return count;
            }, pool);
            CompletableFuture<List<Integer>> recipients = new CompletableFuture<>();
            LoggingTestKit.warn("Disconnecting client " + slow.id() + ": it does not read").expect(TEST_KIT.system(),
                    () -> {
                        recipients.complete(sendAll(sender, broadcasts, content, pool));
                        return null;
                    });
            assertEquals(broadcasts, received.get(60, TimeUnit.SECONDS), "the reading client got every one");
            List<Integer> counts = recipients.get();
            assertEquals(2, counts.get(0), "at first both others");
            assertEquals(1, counts.get(counts.size() - 1), "at the end only the reader");
            assertEquals(2, server.stats().toCompletableFuture().join().connectedClients());
            assertTrue(slow.closedByServer(), "the slow client's connection is gone");
        } finally {
            pool.shutdownNow();
            List.of(slow, sender, reader).forEach(RawJsonClient::close);
            server.stop().toCompletableFuture().join();
        }
    }

    /** Broadcasts from one thread while another reads the acknowledgements, so neither side's buffers fill. */
    private static List<Integer> sendAll(RawJsonClient sender, int broadcasts, String content, ExecutorService pool) {
        CompletableFuture<List<Integer>> acks = CompletableFuture.supplyAsync(() -> {
            List<Integer> counts = new ArrayList<>();
            for (int i = 0; i < broadcasts; i++) {
                counts.add(sender.read("broadcast_sent").get("recipients").asInt());
            }
            return counts;
        }, pool);
        for (int i = 0; i < broadcasts; i++) {
            sender.send("{\"type\":\"broadcast\",\"content\":\"" + content + "\",\"timestamp\":\""
                    + JsonCodec.timestamp(Instant.now()) + "\"}");
        }
        return acks.join();
    }
}
