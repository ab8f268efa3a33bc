package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code ping}'s pause between round trips: {@code --interval D}, the older {@code --interval-ms}, the default. */
class PingCommandTest {

    @Test
    void theDefaultIsJustOverThePacingInterval() {
        assertEquals(Duration.ofMillis(23), PingCommand.pause(null, null, 45));
        assertEquals(Duration.ofMillis(21), PingCommand.pause(null, null, 50));
    }

    @Test
    void intervalIsAHoconDurationAndIntervalMsStillWorks() {
        assertEquals(Duration.ofMillis(50), PingCommand.pause("50ms", null, 45));
        assertEquals(Duration.ofMillis(1500), PingCommand.pause("1.5s", null, 45));
        assertEquals(Duration.ZERO, PingCommand.pause("0ms", null, 45));
        assertEquals(Duration.ofMillis(7), PingCommand.pause(null, 7, 45));
        assertEquals(PingCommand.MAX_INTERVAL, PingCommand.pause("1m", null, 45));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "soon; null; --interval 'soon' is not a duration",
        "-5ms; null; --interval must be 0..60s, was -5ms",
        "2h; null; --interval must be 0..60s, was 2h",
        "null; -1; --interval must be 0..60s, was -1ms",
        "50ms; 50; give --interval or --interval-ms, not both"})
    void invalidPausesAreRefusedWithAReason(String interval, Integer intervalMs, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PingCommand.pause(interval, intervalMs, 45));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
