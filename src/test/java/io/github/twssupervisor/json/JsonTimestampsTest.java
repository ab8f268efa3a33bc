package io.github.twssupervisor.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The wire's timestamps printed and read digit by digit agree with {@code java.time}'s formatter everywhere: random
 * instants over years 0000..9999, the edges (epoch, leap days, the last millisecond of 9999, negative seconds), and
 * every malformed text is refused as the formatter refuses it; other ISO-8601 forms still read.
 */
class JsonTimestampsTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void printsAndReadsAsJavaTimeDoesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(MIN, MAX + 1), random.nextInt(1_000_000_000));
            String expected = REFERENCE.format(instant.truncatedTo(ChronoUnit.MILLIS));
            assertEquals(expected, JsonTimestamps.format(instant), instant::toString);
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), JsonTimestamps.parse(expected), expected);
        }
    }

    @Test
    void theEdgesAgreeToo() {
        for (String text : List.of("1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000Z",
                "2000-02-29T00:00:00.001Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z")) {
            Instant instant = Instant.parse(text);
            assertEquals(text, JsonTimestamps.format(instant));
            assertEquals(instant, JsonTimestamps.parse(text));
        }
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals(REFERENCE.format(far), JsonTimestamps.format(far), "outside the fast range: java.time's text");
    }

    @Test
    void otherIsoFormsStillRead() {
        // java.time's end of day, which the fast path leaves to it
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), JsonTimestamps.parse("2024-01-01T24:00:00.000Z"));
        assertEquals(Instant.parse("2024-01-01T12:00:00Z"), JsonTimestamps.parse("2024-01-01T12:00:00Z"));
        assertEquals(Instant.parse("2024-01-01T12:00:00.123456789Z"),
                JsonTimestamps.parse("2024-01-01T12:00:00.123456789Z"));
    }

    @Test
    void malformedTextIsRefused() {
        for (String text : List.of("2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-32T00:00:00.000Z",
                "2024-01-01T12:60:00.000Z", "2024-01-01T12:00:60.000Z",
                "2024-0a-01T12:00:00.000Z", "2024-01-01 12:00:00.000Z", "yesterday", "")) {
            assertThrows(DateTimeException.class, () -> JsonTimestamps.parse(text), text);
        }
    }
}
