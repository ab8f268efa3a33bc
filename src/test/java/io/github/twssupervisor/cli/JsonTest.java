package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final ObjectMapper READER = new ObjectMapper();

    @Test
    void quotesBackslashesControlCharactersAndUnicodeAreEscapedAndParseBack() throws Exception {
        String text = "say \"hi\" \\ C:\\tmp\n\r\t\u0001\u001f é 日本 😀";
        String line = Json.object("notice").put("message", text).toString();
        assertEquals("{\"event\":\"notice\",\"message\":\"say \\\"hi\\\" \\\\ C:\\\\tmp\\n\\r\\t\\u0001\\u001F é 日本 😀\"}",
                line);
        assertEquals(text, READER.readTree(line).get("message").asText());
    }

    @Test
    void fieldsKeepTheirOrderAndValuesTheirRendering() throws Exception {
        String line = Json.object("fill").put("orderId", 7).put("filled", true).put("price", 190.25)
                .put("qty", new BigDecimal("100.00")).put("tiny", new BigDecimal("1E-7"))
                .put("unset", Double.NaN).put("none", Optional.empty()).put("some", Optional.of("x"))
                .put("missing", null).put("time", Instant.parse("2024-01-01T12:00:00.000Z")).toString();
        assertEquals("{\"event\":\"fill\",\"orderId\":7,\"filled\":true,\"price\":190.25,\"qty\":100,"
                + "\"tiny\":0.0000001,\"unset\":null,\"none\":null,\"some\":\"x\",\"missing\":null,"
                + "\"time\":\"2024-01-01T12:00:00Z\"}", line);
        JsonNode parsed = READER.readTree(line);
        List<String> names = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("event", "orderId", "filled", "price", "qty", "tiny", "unset", "none", "some", "missing",
                "time"), names);
        assertEquals(190.25, parsed.get("price").asDouble());
        assertTrue(parsed.get("none").isNull());
    }

    @Test
    void collectionsAreArraysNestedAsDeepAsTheyGo() throws Exception {
        String line = Json.object("placed").put("orderIds", List.of("1", "2")).put("empty", List.of())
                .put("nested", List.of(List.of("a\"b", 1), List.of())).toString();
        assertEquals("{\"event\":\"placed\",\"orderIds\":[\"1\",\"2\"],\"empty\":[],\"nested\":[[\"a\\\"b\",1],[]]}",
                line);
        assertEquals("a\"b", READER.readTree(line).get("nested").get(0).get(0).asText());
    }
}
