package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's market and pacing settings: read from reference.conf, validated with the key's name. */
class MarketSettingsTest {

    @Test
    void defaultsComeFromTheReference() {
        SimulatorSettings settings = TwsSettings.defaults().simulator();
        var reference = ConfigFactory.defaultReference();
        assertEquals(reference.getLong("tws.simulator.seed"), settings.seed());
        assertEquals(reference.getInt("tws.simulator.ticks-per-second"), settings.ticksPerSecond());
        assertEquals(reference.getInt("tws.simulator.max-messages-per-second"), settings.maxMessagesPerSecond());
        assertEquals(Duration.ofMillis(1000 / settings.ticksPerSecond()), settings.tickInterval());
    }

    @Test
    void outOfRangeValuesNameTheirKey() {
        SimulatorSettings valid = TwsSettings.defaults().simulator();
        IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
                () -> valid.withTicksPerSecond(SimulatorSettings.MAX_TICKS_PER_SECOND + 1));
        assertTrue(tooFast.getMessage().contains("tws.simulator.ticks-per-second"), tooFast.getMessage());
        IllegalArgumentException noRate = assertThrows(IllegalArgumentException.class,
                () -> valid.withMaxMessagesPerSecond(0));
        assertTrue(noRate.getMessage().contains("tws.simulator.max-messages-per-second"), noRate.getMessage());
        IllegalArgumentException fromConfig = assertThrows(IllegalArgumentException.class, () -> TwsSettings.from(
                ConfigFactory.parseString("tws.simulator.seed = lots").withFallback(ConfigFactory.load()).resolve()));
        assertTrue(fromConfig.getMessage().contains("seed"), fromConfig.getMessage());
    }
}
