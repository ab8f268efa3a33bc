package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void theExampleApplicationConfIsValidAndSetsTheDefaults() {
        TwsSettings example = TwsSettings.from(TwsSettings.loadConfig(Path.of("conf", "application.conf")));
        assertEquals(TwsSettings.defaults(), example);
    }

    @Test
    void withoutAFileTheRunnableUsesTheDefaults() {
        assertEquals(TwsSettings.defaults(), TwsSettings.from(TwsSettings.loadConfig()));
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Path absent = dir.resolve("absent.conf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwsSettings.loadConfig(absent));
        assertEquals(absent + ": no such file", e.getMessage());
        IllegalArgumentException directory = assertThrows(IllegalArgumentException.class,
                () -> TwsSettings.loadConfig(dir));
        assertEquals(dir + ": not a readable file", directory.getMessage());
    }

    @Test
    void aFileThatDoesNotParseIsAnErrorNamingItAndTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, "tws {\n  connection.port = 7497\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwsSettings.loadConfig(file));
        assertTrue(e.getMessage().startsWith(file + ": does not parse as HOCON: line 3: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNamedWithWhereItWasSetAndTheKeyMeant(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "tws {\n  conection.port = 4002\n}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwsSettings.from(TwsSettings.loadConfig(file)));
        assertEquals("invalid configuration: unknown setting tws.conection.port (" + file + ":2); did you mean "
                + "tws.connection.port?", e.getMessage());
    }

    @Test
    void everyUnknownKeyIsNamedInOneMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("tws.connection.pacing.messages-per-sec = 40\ntws.orders.statedir = x"));
        assertTrue(e.getMessage().contains("unknown setting tws.connection.pacing.messages-per-sec (String: 1); did "
                + "you mean tws.connection.pacing.messages-per-second?"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown setting tws.orders.statedir (String: 2); did you mean "
                + "tws.orders.state-dir?"), e.getMessage());
    }

    @Test
    void theLibraryRefusesUnknownKeysToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwsSettings.from(ConfigFactory.parseString("tws.connection.hots = \"gw\"")
                        .withFallback(ConfigFactory.load()).resolve()));
        assertTrue(e.getMessage().contains("did you mean tws.connection.host?"), e.getMessage());
    }

    @Test
    void anUnknownKeyFromASystemPropertyIsRefused() {
        System.setProperty("tws.connection.hots", "gw");
        try {
            ConfigFactory.invalidateCaches();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TwsSettings.from(TwsSettings.loadConfig()));
            assertTrue(e.getMessage().contains("unknown setting tws.connection.hots (system properties); did you mean "
                    + "tws.connection.host?"), e.getMessage());
        } finally {
            System.clearProperty("tws.connection.hots");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void theClientDispatcherSectionTakesAkkasOwnKeys() {
        TwsSettings settings = with("tws.client-dispatcher.thread-pool-executor.fixed-pool-size = 2");
        assertEquals(TwsSettings.defaults(), settings);
    }

    @Test
    void accountsAreMaskedByDefault() {
        assertTrue(TwsSettings.defaults().log().maskAccounts());
        assertEquals(new LogSettings(false), with("tws.log.mask-accounts = off").log());
    }
}
