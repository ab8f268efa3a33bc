package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aDurationWithAUnitIsRead() {
        assertEquals(Duration.ofSeconds(10), Durations.parse("--duration", "10s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("--duration", "500ms"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("--duration", "5m"));
        assertEquals(Duration.ofHours(2), Durations.parse("--duration", "2h"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("--duration", "1 minute"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("--duration", "1.5s"));
    }

    @Test
    void noTextIsNoDuration() {
        assertNull(Durations.parse("--duration", null));
    }

    @Test
    void aBareNumberIsRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("--duration", "10"));
        assertEquals("--duration 10 needs a unit: 10s for seconds, 10ms for milliseconds (also m, h)", e.getMessage());
        assertEquals("--timeout 1.5 needs a unit: 1.5s for seconds, 1.5ms for milliseconds (also m, h)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("--timeout", " 1.5 ")).getMessage());
    }

    @Test
    void somethingElseIsRefusedNamingTheOption() {
        assertEquals("--wait 'soon' is not a duration such as 30s, 500ms, 5m or 2h",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("--wait", "soon")).getMessage());
    }

    @Test
    void aDurationMustBePositive() {
        assertEquals("--chaos must be positive, was 0s",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("--chaos", "0s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("--chaos", "-1s"));
    }
}
