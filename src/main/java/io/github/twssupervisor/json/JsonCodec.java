package io.github.twssupervisor.json;

import akka.util.ByteString;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Encodes and decodes the messages of the JSON profile ({@link JsonMessage}); pure functions, no Akka stage, safe from
 * any thread. The frame around a payload is cut by {@link JsonFraming} on the way in and written by {@link #frame} on
 * the way out.
 *
 * <pre>
 * | 00 00 00 2d | {"type":"ping","timestamp":"2024-01-01T12:00:00.000Z","client_info":"x"} |
 *   \_ length of the payload, big-endian   \_ payload: one UTF-8 JSON object, "type" first when we write it
 * </pre>
 *
 * Decoding goes through Jackson's tree model with one shared, immutable {@link ObjectReader}; encoding writes fields
 * straight to a generator ({@link JsonWriter}), so no message costs reflection.
 */
public final class JsonCodec {

    /** The length prefix of a frame. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    /** Shared and configured once; Jackson's mappers are thread-safe after configuration. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            // a fraction such as 1.10 in a custom message's fields comes back as written, not as the double 1.1
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            // "{} junk" is not one JSON object
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectReader READER = MAPPER.reader();

    private JsonCodec() {
    }

    /**
     * @param message any message
     * @return its UTF-8 JSON payload, without the length prefix
     * @throws IllegalArgumentException if a {@link Custom}'s fields are not a JSON object or contain {@code "type"}
     */
    public static byte[] encode(JsonMessage message) {
        return JsonWriter.write(message, 0);
    }

    /**
     * @param message any message
     * @return the whole frame: a 4-byte big-endian payload length, then the payload of {@link #encode}
     * @throws IllegalArgumentException as {@link #encode}
     */
    public static byte[] frame(JsonMessage message) {
        byte[] frame = JsonWriter.write(message, LENGTH_PREFIX_BYTES);
        int length = frame.length - LENGTH_PREFIX_BYTES;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        return frame;
    }

    /**
     * @param payload a frame's payload (header already removed), e.g. from {@link JsonFraming#payloads}
     * @return the message; an unknown type is a {@link Custom}
     * @throws JsonProtocolException if the payload is not one JSON object with a string {@code "type"} or a known
     *                               type lacks a field or has one of the wrong kind
     */
    public static JsonMessage decode(ByteString payload) throws JsonProtocolException {
        return decode(payload.toArray());
    }

    /**
     * @param payload a frame's payload (header already removed)
     * @return the message; an unknown type is a {@link Custom}
     * @throws JsonProtocolException as {@link #decode(ByteString)}
     */
    public static JsonMessage decode(byte[] payload) throws JsonProtocolException {
        JsonNode root = parse(payload);
        if (!root.isObject()) {
            throw new JsonProtocolException("not a JSON object", Optional.empty());
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new JsonProtocolException("no \"type\" field", Optional.empty());
        }
        if (!typeNode.isTextual()) {
            throw new JsonProtocolException("field \"type\" is not a string: " + typeNode, Optional.empty());
        }
        String type = typeNode.textValue();
        JsonFields f = new JsonFields(root, type);
        switch (type) {
            case Ping.TYPE:
                return new Ping(f.instant("timestamp"), f.string("client_info"));
            case Pong.TYPE:
                return new Pong(f.instant("ping_timestamp"), f.instant("pong_timestamp"), f.string("client_id"));
            case Echo.TYPE:
                return new Echo(f.string("content"), f.instant("timestamp"));
            case EchoResponse.TYPE:
                return new EchoResponse(f.string("content"), f.instant("timestamp"), f.string("echoed_by"));
            case Broadcast.TYPE:
                return new Broadcast(f.string("content"), f.instant("timestamp"));
            case BroadcastMessage.TYPE:
                return new BroadcastMessage(f.string("content"), f.string("from"), f.instant("timestamp"));
            case BroadcastSent.TYPE:
                return new BroadcastSent(f.integer("recipients"), f.instant("timestamp"));
            case GetStats.TYPE:
                return new GetStats(f.instant("timestamp"));
            case ServerStats.TYPE:
                return new ServerStats(f.integer("connected_clients"), f.longInteger("uptime_seconds"),
                        f.longInteger("total_messages"), f.instant("server_start_time"), f.instant("current_time"));
            case JsonMessage.Error.TYPE:
                return new JsonMessage.Error(f.string("error"), f.optionalString("received_type"),
                        f.instant("timestamp"));
            case JsonMessage.Auth.TYPE:
                return new JsonMessage.Auth(f.string("token"));
            case AuthOk.TYPE:
                return new AuthOk(f.instant("timestamp"));
            case AuthFailed.TYPE:
                return new AuthFailed(f.string("error"), f.instant("timestamp"));
            case ServerShutdown.TYPE:
                return new ServerShutdown(f.string("message"), f.instant("timestamp"));
            default:
                // the tree is ours alone: taking "type" out of it leaves exactly the custom fields
                ((ObjectNode) root).remove("type");
                return new Custom(type, JsonWriter.text(root));
        }
    }

    /**
     * @param instant any instant
     * @return it as the wire writes timestamps: ISO-8601 UTC, milliseconds always present (truncated, not rounded),
     *     e.g. {@code 2024-01-01T12:00:00.000Z}
     */
    public static String timestamp(Instant instant) {
        return JsonTimestamps.format(instant);
    }

    private static JsonNode parse(byte[] payload) throws JsonProtocolException {
        if (payload.length == 0) {
            throw new JsonProtocolException("not JSON: empty payload", Optional.empty());
        }
        try {
            JsonNode root = READER.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new JsonProtocolException("not JSON: no value in the payload", Optional.empty());
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new JsonProtocolException("not JSON: " + e.getOriginalMessage(), Optional.empty());
        } catch (IOException e) {
            // reading a byte array does no I/O; anything here is a parse failure in other clothes
            throw new JsonProtocolException("not JSON: " + e.getMessage(), Optional.empty());
        }
    }
}
