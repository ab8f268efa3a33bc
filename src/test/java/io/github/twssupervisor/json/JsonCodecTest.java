package io.github.twssupervisor.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.util.ByteString;
import io.github.twssupervisor.json.JsonMessage.Auth;
import io.github.twssupervisor.json.JsonMessage.AuthFailed;
import io.github.twssupervisor.json.JsonMessage.AuthOk;
import io.github.twssupervisor.json.JsonMessage.Broadcast;
import io.github.twssupervisor.json.JsonMessage.BroadcastMessage;
import io.github.twssupervisor.json.JsonMessage.BroadcastSent;
import io.github.twssupervisor.json.JsonMessage.Custom;
import io.github.twssupervisor.json.JsonMessage.Echo;
import io.github.twssupervisor.json.JsonMessage.EchoResponse;
import io.github.twssupervisor.json.JsonMessage.GetStats;
import io.github.twssupervisor.json.JsonMessage.Ping;
import io.github.twssupervisor.json.JsonMessage.Pong;
import io.github.twssupervisor.json.JsonMessage.ServerShutdown;
import io.github.twssupervisor.json.JsonMessage.ServerStats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON profile's codec without an actor system: round trips, golden texts, timestamps and every refusal. */
class JsonCodecTest {

    private static final Instant T1 = Instant.parse("2024-01-01T12:00:00.000Z");
    private static final Instant T2 = Instant.parse("2024-01-01T12:00:01.250Z");
    private static final String S1 = "2024-01-01T12:00:00.000Z";
    private static final String S2 = "2024-01-01T12:00:01.250Z";

    /** Every message type, with the exact text we write for it. */
    private static final List<Golden> GOLDEN = List.of(
            new Golden(new Ping(T1, "cli 1.0"),
                    "{\"type\":\"ping\",\"timestamp\":\"" + S1 + "\",\"client_info\":\"cli 1.0\"}"),
            new Golden(new Pong(T1, T2, "127.0.0.1:50000"), "{\"type\":\"pong\",\"ping_timestamp\":\"" + S1
                    + "\",\"pong_timestamp\":\"" + S2 + "\",\"client_id\":\"127.0.0.1:50000\"}"),
            new Golden(new Echo("hi", T1), "{\"type\":\"echo\",\"content\":\"hi\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new EchoResponse("hi", T1, "json-server"), "{\"type\":\"echo_response\",\"content\":\"hi\","
                    + "\"timestamp\":\"" + S1 + "\",\"echoed_by\":\"json-server\"}"),
            new Golden(new Broadcast("all", T1),
                    "{\"type\":\"broadcast\",\"content\":\"all\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new BroadcastMessage("all", "127.0.0.1:1", T1), "{\"type\":\"broadcast_message\","
                    + "\"content\":\"all\",\"from\":\"127.0.0.1:1\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new BroadcastSent(49, T1),
                    "{\"type\":\"broadcast_sent\",\"recipients\":49,\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new GetStats(T1), "{\"type\":\"get_stats\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new ServerStats(3, 3600L, 5_000_000_000L, T1, T2), "{\"type\":\"server_stats\","
                    + "\"connected_clients\":3,\"uptime_seconds\":3600,\"total_messages\":5000000000,"
                    + "\"server_start_time\":\"" + S1 + "\",\"current_time\":\"" + S2 + "\"}"),
            new Golden(new JsonMessage.Error("unknown type", Optional.of("nope"), T1), "{\"type\":\"error\","
                    + "\"error\":\"unknown type\",\"received_type\":\"nope\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new JsonMessage.Error("not JSON", Optional.empty(), T1), "{\"type\":\"error\","
                    + "\"error\":\"not JSON\",\"received_type\":null,\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new Auth("s3cret"), "{\"type\":\"auth\",\"token\":\"s3cret\"}"),
            new Golden(new AuthOk(T1), "{\"type\":\"auth_ok\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new AuthFailed("wrong token", T1),
                    "{\"type\":\"auth_failed\",\"error\":\"wrong token\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new ServerShutdown("bye", T1),
                    "{\"type\":\"server_shutdown\",\"message\":\"bye\",\"timestamp\":\"" + S1 + "\"}"),
            new Golden(new Custom("order", "{\"qty\":1.10,\"tags\":[\"a\",null],\"nested\":{\"x\":true}}"),
                    "{\"type\":\"order\",\"qty\":1.10,\"tags\":[\"a\",null],\"nested\":{\"x\":true}}"),
            new Golden(new Custom("nothing", "{}"), "{\"type\":\"nothing\"}"));

    @Test
    void everyMessageEncodesToItsExactWireText() {
        for (Golden golden : GOLDEN) {
            assertEquals(golden.json(), new String(JsonCodec.encode(golden.message()), StandardCharsets.UTF_8),
                    golden.message().type());
        }
    }

    @Test
    void everyMessageDecodesFromItsWireTextAndRoundTrips() throws Exception {
        for (Golden golden : GOLDEN) {
            byte[] text = golden.json().getBytes(StandardCharsets.UTF_8);
            assertEquals(golden.message(), JsonCodec.decode(text), golden.message().type());
            assertEquals(golden.message(), JsonCodec.decode(JsonCodec.encode(golden.message())));
            assertEquals(golden.message(), JsonCodec.decode(ByteString.fromArray(text)));
        }
    }

    @Test
    void everyKnownTypeIsCoveredByTheGoldenTexts() {
        long sealedTypes = JsonMessage.class.getPermittedSubclasses().length;
        assertEquals(sealedTypes, GOLDEN.stream().map(g -> g.message().getClass()).distinct().count());
    }

    @Test
    void fieldOrderAndUnknownExtraFieldsDoNotMatterOnTheWayIn() throws Exception {
        String text = "{\"timestamp\":\"" + S1 + "\",\"extra\":[1,2],\"content\":\"x\",\"type\":\"echo\"}";
        assertEquals(new Echo("x", T1), JsonCodec.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void frameIsABigEndianLengthThenThePayload() {
        Echo echo = new Echo("é".repeat(200), T1);
        byte[] payload = JsonCodec.encode(echo);
        byte[] frame = JsonCodec.frame(echo);
        assertEquals(payload.length + 4, frame.length);
        assertEquals(payload.length, ((frame[0] & 0xFF) << 24) | ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8)
                | (frame[3] & 0xFF));
        assertTrue(payload.length > 255, "the length uses more than one byte");
        byte[] tail = new byte[payload.length];
        System.arraycopy(frame, 4, tail, 0, tail.length);
        assertArrayEquals(payload, tail);
    }

    @Test
    void stringsKeepUnicodeQuotesAndControlCharacters() throws Exception {
        String content = "naïve 日本 \uD83D\uDE00 \"quoted\" back\\slash tab\t newline\n nul\u0000";
        Echo echo = new Echo(content, T1);
        assertEquals(echo, JsonCodec.decode(JsonCodec.encode(echo)));
        String escaped = "{\"type\":\"echo\",\"content\":\"\\u00e9\\n\\\"\",\"timestamp\":\"" + S1 + "\"}";
        assertEquals("é\n\"", ((Echo) JsonCodec.decode(escaped.getBytes(StandardCharsets.UTF_8))).content());
        String written = new String(JsonCodec.encode(new Echo("日本", T1)), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"日本\""), "non-ASCII is written as UTF-8, not escaped: " + written);
    }

    @Test
    void timestampsAreMillisecondUtcAndTruncated() {
        assertEquals("2024-01-01T12:00:00.000Z", JsonCodec.timestamp(T1));
        assertEquals("2024-01-01T12:00:00.999Z", JsonCodec.timestamp(Instant.parse("2024-01-01T12:00:00.999999999Z")));
        assertEquals("1970-01-01T00:00:00.000Z", JsonCodec.timestamp(Instant.EPOCH));
    }

    @Test
    void anyIso8601InstantIsReadIncludingOffsetsAndOtherPrecisions() throws Exception {
        for (String form : List.of("2024-01-01T12:00:00Z", "2024-01-01T12:00:00.000000Z",
                "2024-01-01T14:00:00.000+02:00", "2024-01-01T07:00:00-05:00")) {
            String text = "{\"type\":\"get_stats\",\"timestamp\":\"" + form + "\"}";
            assertEquals(new GetStats(T1), JsonCodec.decode(text.getBytes(StandardCharsets.UTF_8)), form);
        }
        String nanos = "{\"type\":\"get_stats\",\"timestamp\":\"2024-01-01T12:00:00.123456789Z\"}";
        assertEquals(Instant.parse("2024-01-01T12:00:00.123456789Z"),
                ((GetStats) JsonCodec.decode(nanos.getBytes(StandardCharsets.UTF_8))).timestamp());
    }

    @Test
    void everyRefusalSaysWhatIsWrong() {
        assertRefused("", "not JSON: empty payload", null);
        assertRefused("{\"type\":", "not JSON: ", null);
        assertRefused("{} junk", "not JSON: ", null);
        assertRefused("[1,2]", "not a JSON object", null);
        assertRefused("\"ping\"", "not a JSON object", null);
        assertRefused("{\"content\":\"x\"}", "no \"type\" field", null);
        assertRefused("{\"type\":null}", "no \"type\" field", null);
        assertRefused("{\"type\":7}", "field \"type\" is not a string: 7", null);
        assertRefused("{\"type\":\"echo\",\"timestamp\":\"" + S1 + "\"}", "missing field \"content\" in echo", "echo");
        assertRefused("{\"type\":\"echo\",\"content\":null,\"timestamp\":\"" + S1 + "\"}",
                "missing field \"content\" in echo", "echo");
        assertRefused("{\"type\":\"echo\",\"content\":5,\"timestamp\":\"" + S1 + "\"}",
                "field \"content\" of echo is not a string: 5", "echo");
        assertRefused("{\"type\":\"ping\",\"timestamp\":\"yesterday\",\"client_info\":\"c\"}",
                "field \"timestamp\" of ping is not an ISO-8601 instant: \"yesterday\"", "ping");
        assertRefused("{\"type\":\"ping\",\"timestamp\":1704110400,\"client_info\":\"c\"}",
                "field \"timestamp\" of ping is not an ISO-8601 instant: 1704110400", "ping");
        assertRefused("{\"type\":\"broadcast_sent\",\"recipients\":1.5,\"timestamp\":\"" + S1 + "\"}",
                "field \"recipients\" of broadcast_sent is not an integer: 1.5", "broadcast_sent");
        assertRefused("{\"type\":\"broadcast_sent\",\"recipients\":9999999999,\"timestamp\":\"" + S1 + "\"}",
                "field \"recipients\" of broadcast_sent is not an integer: 9999999999", "broadcast_sent");
        assertRefused("{\"type\":\"auth\"}", "missing field \"token\" in auth", "auth");
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] bad = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        JsonProtocolException e = assertThrows(JsonProtocolException.class, () -> JsonCodec.decode(bad));
        assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
    }

    @Test
    void customFieldsMustBeAnObjectWithoutAType() {
        assertThrows(IllegalArgumentException.class, () -> JsonCodec.encode(new Custom("x", "[1]")));
        assertThrows(IllegalArgumentException.class, () -> JsonCodec.encode(new Custom("x", "{")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonCodec.encode(new Custom("x", "{\"type\":\"y\"}")));
        assertTrue(e.getMessage().contains("\"type\""), e.getMessage());
    }

    @Test
    void authToStringMasksTheToken() {
        String shown = new Auth("s3cret-token").toString();
        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("***"), shown);
    }

    private static void assertRefused(String payload, String messageStart, String receivedType) {
        JsonProtocolException e = assertThrows(JsonProtocolException.class,
                () -> JsonCodec.decode(payload.getBytes(StandardCharsets.UTF_8)), payload);
        assertTrue(e.getMessage().startsWith(messageStart), "'" + e.getMessage() + "' for " + payload);
        assertEquals(Optional.ofNullable(receivedType), e.receivedType(), payload);
    }

    private record Golden(JsonMessage message, String json) {
    }
}
