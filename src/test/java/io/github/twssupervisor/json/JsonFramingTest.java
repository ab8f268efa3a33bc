package io.github.twssupervisor.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.github.twssupervisor.json.JsonMessage.Echo;
import io.github.twssupervisor.json.JsonMessage.GetStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link JsonFraming#payloads} fed chunk by chunk through a Source: split frames, zero lengths, oversized headers. */
class JsonFramingTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int MAX = 1024;
    private static final Instant T = Instant.parse("2024-01-01T12:00:00.000Z");

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void framesSplitAcrossChunksAtEveryPointComeOutWhole() throws Exception {
        ByteString stream = ByteString.fromArray(JsonCodec.frame(new Echo("first", T)))
                .concat(ByteString.fromArray(JsonCodec.frame(new GetStats(T))))
                .concat(ByteString.fromArray(JsonCodec.frame(new Echo("x".repeat(300), T))));
        List<JsonMessage> expected = List.of(new Echo("first", T), new GetStats(T), new Echo("x".repeat(300), T));
        for (int chunk = 1; chunk <= stream.size(); chunk += 7) {
            List<JsonMessage> decoded = new ArrayList<>();
            for (ByteString payload : run(chunks(stream, chunk))) {
                decoded.add(JsonCodec.decode(payload));
            }
            assertEquals(expected, decoded, "chunks of " + chunk);
        }
    }

    @Test
    void aZeroLengthFrameIsAnEmptyPayload() throws Exception {
        ByteString stream = header(0).concat(ByteString.fromArray(JsonCodec.frame(new GetStats(T))));
        List<ByteString> payloads = run(List.of(stream));
        assertEquals(2, payloads.size());
        assertEquals(0, payloads.get(0).size());
        assertEquals(new GetStats(T), JsonCodec.decode(payloads.get(1)));
    }

    @Test
    void aFrameOfExactlyTheMaximumPasses() throws Exception {
        ByteString stream = header(MAX).concat(ByteString.fromArray(new byte[MAX]));
        assertEquals(MAX, run(chunks(stream, 100)).get(0).size());
    }

    @Test
    void anOversizedLengthFailsWithTheAnnouncedSizeAfterTheFramesBeforeIt() {
        ByteString good = ByteString.fromArray(JsonCodec.frame(new GetStats(T)));
        for (int chunk : new int[] {1, 3, 5, 1000}) {
            List<ByteString> seen = new ArrayList<>();
            ExecutionException e = assertThrows(ExecutionException.class, () -> Source.from(chunks(good.concat(good)
                            .concat(header(MAX + 1)).concat(ByteString.fromArray(new byte[10])), chunk))
                    .via(JsonFraming.payloads(MAX))
                    .runForeach(seen::add, TEST_KIT.system())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS));
            JsonFramingException cause = assertInstanceOf(JsonFramingException.class, e.getCause());
            assertEquals("frame of 1025 bytes announced, over the maximum of 1024", cause.getMessage());
            assertEquals(2, seen.size(), "the two frames before the bad header, chunks of " + chunk);
        }
    }

    @Test
    void aLengthWithTheTopBitSetIsOversizedNotNegative() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> run(List.of(header(0xFFFFFFFF))));
        assertEquals("frame of 4294967295 bytes announced, over the maximum of 1024", e.getCause().getMessage());
    }

    private static List<ByteString> run(List<ByteString> chunks) throws Exception {
        return Source.from(chunks).via(JsonFraming.payloads(MAX)).runWith(Sink.seq(), TEST_KIT.system())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static List<ByteString> chunks(ByteString stream, int size) {
        List<ByteString> chunks = new ArrayList<>();
        for (int at = 0; at < stream.size(); at += size) {
            chunks.add(stream.slice(at, Math.min(stream.size(), at + size)));
        }
        return chunks;
    }

    private static ByteString header(int length) {
        return ByteString.fromArray(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length});
    }
}
