package io.github.twssupervisor.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Typed reads of one decoded message's fields, each failing with a {@link JsonProtocolException} that names the field
 * and the message type. One instance per decoded payload; it lives only inside {@link JsonCodec#decode}.
 */
final class JsonFields {

    private final JsonNode object;
    private final String type;

    JsonFields(JsonNode object, String type) {
        this.object = object;
        this.type = type;
    }

    String string(String name) throws JsonProtocolException {
        JsonNode node = present(name);
        if (!node.isTextual()) {
            throw refused("field \"" + name + "\" of " + type + " is not a string: " + node);
        }
        return node.textValue();
    }

    /** A string that may be absent or {@code null} (e.g. {@code received_type}). */
    Optional<String> optionalString(String name) throws JsonProtocolException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw refused("field \"" + name + "\" of " + type + " is not a string: " + node);
        }
        return Optional.of(node.textValue());
    }

    Instant instant(String name) throws JsonProtocolException {
        JsonNode node = present(name);
        if (node.isTextual()) {
            try {
                return JsonTimestamps.parse(node.textValue());
            } catch (DateTimeException e) {
                // falls through to the refusal below, which quotes the value
            }
        }
        throw refused("field \"" + name + "\" of " + type + " is not an ISO-8601 instant: " + node);
    }

    int integer(String name) throws JsonProtocolException {
        JsonNode node = present(name);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw refused("field \"" + name + "\" of " + type + " is not an integer: " + node);
        }
        return node.intValue();
    }

    long longInteger(String name) throws JsonProtocolException {
        JsonNode node = present(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw refused("field \"" + name + "\" of " + type + " is not an integer: " + node);
        }
        return node.longValue();
    }

    private JsonNode present(String name) throws JsonProtocolException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw refused("missing field \"" + name + "\" in " + type);
        }
        return node;
    }

    private JsonProtocolException refused(String message) {
        return new JsonProtocolException(message, Optional.of(type));
    }
}
