package io.github.twssupervisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;

/**
 * One JSON object per output line, for {@code --json}, written by Jackson. Fields keep the order they are put in.
 * Values: strings, numbers and booleans as themselves; null, an empty Optional and a non-finite double (TWS's "no
 * value", e.g. unset P&amp;L) as null; a BigDecimal without trailing zeros and never in exponent form; a collection
 * as an array of the same; anything else as its {@code toString()}.
 */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private final ObjectNode fields = NODES.objectNode();

    static Json object(String event) {
        return new Json().put("event", event);
    }

    Json put(String key, Object value) {
        fields.set(key, node(value instanceof Optional<?> optional ? optional.orElse(null) : value));
        return this;
    }

    private static JsonNode node(Object value) {
        if (value == null || value instanceof Double d && !Double.isFinite(d)) {
            return NODES.nullNode();
        } else if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal.stripTrailingZeros());
        } else if (value instanceof Number || value instanceof Boolean) {
            return MAPPER.valueToTree(value);
        } else if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(node(item)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain JSON nodes always serializes", e);
        }
    }
}
