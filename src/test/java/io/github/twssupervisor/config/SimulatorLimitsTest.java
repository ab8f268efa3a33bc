package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code tws.simulator.handshake-timeout}, {@code max-frame-size} and {@code max-buffered-bytes}: read and checked. */
class SimulatorLimitsTest {

    private static SimulatorSettings.Limits with(String hocon) {
        return TwsSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve())
                .simulator().limits();
    }

    @Test
    void defaultsComeFromReferenceConfAndAreWellBelowTheProtocolsLimit() {
        Config reference = ConfigFactory.defaultReference();
        SimulatorSettings.Limits limits = TwsSettings.defaults().simulator().limits();
        assertEquals(reference.getDuration("tws.simulator.handshake-timeout"), limits.handshakeTimeout());
        assertEquals(Duration.ofSeconds(10), limits.handshakeTimeout());
        assertEquals(reference.getBytes("tws.simulator.max-frame-size"), (long) limits.maxFrameSize());
        assertEquals(reference.getBytes("tws.simulator.max-buffered-bytes"), limits.maxBufferedBytes());
        assertTrue(limits.maxFrameSize() <= WireLimits.MAX_FRAME_PAYLOAD / 16, "default max-frame-size "
                + limits.maxFrameSize() + " is not well below 16 MiB");
        assertTrue(limits.maxBufferedBytes() < WireLimits.MAX_FRAME_PAYLOAD, "default max-buffered-bytes "
                + limits.maxBufferedBytes() + " would let one 16 MiB frame in");
    }

    @Test
    void keysAreRead() {
        SimulatorSettings.Limits limits = with("tws.simulator { handshake-timeout = 2s, max-frame-size = 1 KiB, "
                + "max-buffered-bytes = 1 MiB }");
        assertEquals(new SimulatorSettings.Limits(Duration.ofSeconds(2), 1024, 1024 * 1024), limits);
    }

    @Test
    void theProtocolsOwnLimitIsTheLargestFrameAllowed() {
        assertEquals(WireLimits.MAX_FRAME_PAYLOAD, with("tws.simulator { max-frame-size = 16777215, "
                + "max-buffered-bytes = 32 MiB }").maxFrameSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "tws.simulator.handshake-timeout = 0s; tws.simulator.handshake-timeout must be a positive duration",
        "tws.simulator.handshake-timeout = 2h; tws.simulator.handshake-timeout must be at most 1h",
        "tws.simulator.handshake-timeout = soon; tws.simulator.handshake-timeout",
        "tws.simulator.max-frame-size = 0; tws.simulator.max-frame-size must be 1..16777215",
        "tws.simulator.max-frame-size = 16 MiB; tws.simulator.max-frame-size must be 1..16777215",
        "tws.simulator.max-frame-size = 4 GiB; tws.simulator.max-frame-size",
        "tws.simulator.max-buffered-bytes = 64 KiB; tws.simulator.max-buffered-bytes must hold at least one frame",
        "tws.simulator.max-buffered-bytes = lots; tws.simulator.max-buffered-bytes"})
    void invalidValuesAreRefusedNamingTheKey(String hocon, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(hocon));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
