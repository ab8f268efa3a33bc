package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.wire.ServerVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwsSettingsTest {

    private static TwsSettings with(String hocon) {
        return TwsSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    @Test
    void defaultsComeFromReferenceConf() {
        Config reference = ConfigFactory.defaultReference();
        SimulatorSettings simulator = TwsSettings.defaults().simulator();
        assertEquals(reference.getString("tws.simulator.host"), simulator.host());
        assertEquals(reference.getInt("tws.simulator.port"), simulator.port());
        assertEquals(reference.getInt("tws.simulator.max-version"), simulator.maxVersion());
        assertEquals(reference.getStringList("tws.simulator.accounts"), simulator.accounts());
        assertEquals(ZoneId.of(reference.getString("tws.simulator.time-zone")), simulator.timeZone());
    }

    @Test
    void aMistypedValueNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("tws.simulator.port = seven"));
        assertTrue(e.getMessage().contains("tws.simulator.port"), e.getMessage());
    }

    @Test
    void anOutOfRangeValueNamesTheKeyAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("tws.simulator.max-version = " + (ServerVersion.MAX_SUPPORTED + 1)));
        assertTrue(e.getMessage().contains("tws.simulator.max-version must be " + ServerVersion.MIN_SUPPORTED + ".."
                + ServerVersion.MAX_SUPPORTED), e.getMessage());
    }

    @Test
    void theHistoricalPacingWindowsAreSettingsOnBothSidesAndNameTheKey() {
        TwsSettings scaled = with("tws.history.pacing.rolling-window = 12s\ntws.simulator.historical-pacing"
                + ".rolling-window = 10s");
        assertEquals(java.time.Duration.ofSeconds(12), scaled.history().pacing().rollingWindow());
        assertEquals(java.time.Duration.ofSeconds(10), scaled.simulator().historicalPacing().rollingWindow());
        assertEquals(HistoricalPacingRules.TWS, TwsSettings.defaults().simulator().historicalPacing());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("tws.history.pacing.rolling-max = 1"));
        assertTrue(e.getMessage().contains("tws.history.pacing.rolling-max must be >= 2"), e.getMessage());
    }

    @Test
    void anUnknownTimeZoneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("tws.simulator.time-zone = \"Mars/Olympus\""));
        assertTrue(e.getMessage().contains("time-zone"), e.getMessage());
    }

    @Test
    void settingsValidateWhateverTheirSource() {
        SimulatorSettings valid = TwsSettings.defaults().simulator();
        assertThrows(IllegalArgumentException.class, () -> valid.withAddress("127.0.0.1", 70000));
        assertThrows(IllegalArgumentException.class, () -> valid.withAccounts(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> valid.withAccounts(List.of("DU 1"), 1));
        assertThrows(IllegalArgumentException.class, () -> valid.withAccounts(valid.accounts(), 0));
        assertThrows(IllegalArgumentException.class, () -> valid.withMaxClients(0));
    }

    @Test
    void theRunnableReadsItsFileOverTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "tws.simulator.accounts = [\"U123\"]\n");
        TwsSettings settings = TwsSettings.from(TwsSettings.loadConfig(file));
        assertEquals(List.of("U123"), settings.simulator().accounts());
        assertEquals("akka.event.slf4j.Slf4jLogger", TwsSettings.loadConfig(file).getStringList("akka.loggers").get(0));
    }

    @Test
    void aMissingRunnableFileMeansDefaults(@TempDir Path dir) {
        TwsSettings settings = TwsSettings.from(TwsSettings.loadConfig(dir.resolve("absent.conf")));
        assertEquals(TwsSettings.defaults(), settings);
    }
}
