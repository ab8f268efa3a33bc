package io.github.twssupervisor.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link JsonMessage} field by field to a Jackson generator: {@code "type"} first, then the fields in the
 * order of the record. Package-private; {@link JsonCodec} is the public face.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /**
     * @param message  the message
     * @param reserved bytes left zero at the start of the result, for a length prefix
     * @return the reserved bytes followed by the UTF-8 JSON payload
     */
    static byte[] write(JsonMessage message, int reserved) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        for (int i = 0; i < reserved; i++) {
            out.write(0);
        }
        try (JsonGenerator g = JsonCodec.MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", message.type());
            fields(g, message);
            g.writeEndObject();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            // the generator writes into memory; an I/O error here would be a bug, not a condition to handle
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return the compact JSON text of a tree */
    static String text(JsonNode node) {
        try {
            return JsonCodec.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written back: " + e.getOriginalMessage(), e);
        }
    }

    private static void fields(JsonGenerator g, JsonMessage message) throws IOException {
        if (message instanceof Ping m) {
            instant(g, "timestamp", m.timestamp());
            g.writeStringField("client_info", m.clientInfo());
        } else if (message instanceof Pong m) {
            instant(g, "ping_timestamp", m.pingTimestamp());
            instant(g, "pong_timestamp", m.pongTimestamp());
            g.writeStringField("client_id", m.clientId());
        } else if (message instanceof Echo m) {
            g.writeStringField("content", m.content());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof EchoResponse m) {
            g.writeStringField("content", m.content());
            instant(g, "timestamp", m.timestamp());
            g.writeStringField("echoed_by", m.echoedBy());
        } else if (message instanceof Broadcast m) {
            g.writeStringField("content", m.content());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof BroadcastMessage m) {
            g.writeStringField("content", m.content());
            g.writeStringField("from", m.from());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof BroadcastSent m) {
            g.writeNumberField("recipients", m.recipients());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof GetStats m) {
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof ServerStats m) {
            g.writeNumberField("connected_clients", m.connectedClients());
            g.writeNumberField("uptime_seconds", m.uptimeSeconds());
            g.writeNumberField("total_messages", m.totalMessages());
            instant(g, "server_start_time", m.serverStartTime());
            instant(g, "current_time", m.currentTime());
        } else if (message instanceof JsonMessage.Error m) {
            g.writeStringField("error", m.error());
            g.writeStringField("received_type", m.receivedType().orElse(null));
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof Auth m) {
            g.writeStringField("token", m.token());
        } else if (message instanceof AuthOk m) {
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof AuthFailed m) {
            g.writeStringField("error", m.error());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof ServerShutdown m) {
            g.writeStringField("message", m.message());
            instant(g, "timestamp", m.timestamp());
        } else if (message instanceof Custom m) {
            custom(g, m);
        } else {
            throw new IllegalStateException("no writer for " + message.getClass().getName());
        }
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeStringField(field, JsonCodec.timestamp(value));
    }

    private static void custom(JsonGenerator g, Custom m) throws IOException {
        JsonNode fields;
        try {
            fields = JsonCodec.MAPPER.readTree(m.fieldsJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fieldsJson of custom type \"" + m.type() + "\" is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("fieldsJson of custom type \"" + m.type() + "\" is not a JSON object");
        }
        if (fields.has("type")) {
            throw new IllegalArgumentException("fieldsJson of custom type \"" + m.type()
                    + "\" holds a \"type\" field of its own; the type is the record's");
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            g.writeFieldName(field.getKey());
            g.writeTree(field.getValue());
        }
    }
}
