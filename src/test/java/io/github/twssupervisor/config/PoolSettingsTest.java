package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tws.pool}: purposes over {@code tws.connection}, and every way to get it wrong. */
class PoolSettingsTest {

    private static final String THREE = """
            tws.pool {
              default = market-data
              purposes {
                orders { client-id = 1 }
                market-data { client-id = 2 }
                history { client-id = 3, pacing.messages-per-second = 40 }
              }
            }
            """;

    private static TwsSettings with(String hocon) {
        return TwsSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    private static PoolSettings pool(String hocon) {
        return with(hocon).pool().orElseThrow();
    }

    private static String error(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> with(hocon)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    @Test
    void noPoolIsConfiguredByDefault() {
        assertTrue(TwsSettings.defaults().pool().isEmpty());
    }

    @Test
    void purposesInheritEveryConnectionKeyTheyDoNotOverride() {
        ConnectionSettings connection = TwsSettings.defaults().connection();
        PoolSettings pool = pool(THREE + "tws.connection.host = \"10.0.0.5\"");
        assertEquals("market-data", pool.defaultPurpose());
        assertEquals(List.of("orders", "market-data", "history"), List.copyOf(pool.purposes().keySet()));
        assertEquals(1, pool.connection("orders").clientId());
        assertEquals(3, pool.connection("history").clientId());
        assertEquals(40, pool.connection("history").pacing().messagesPerSecond());
        assertEquals(connection.pacing().messagesPerSecond(), pool.connection("orders").pacing().messagesPerSecond());
        assertEquals(connection.pacing().queueSize(), pool.connection("history").pacing().queueSize());
        pool.purposes().values().forEach(c -> {
            assertEquals("10.0.0.5", c.host());
            assertEquals(connection.port(), c.port());
            assertEquals(connection.backoff(), c.backoff());
            assertEquals(connection.clientIdPolicy(), c.clientIdPolicy());
        });
    }

    @Test
    void aPurposeMayOverrideAnyConnectionKey() {
        PoolSettings pool = pool(THREE + """
                tws.pool.purposes.scanner {
                  client-id = 4
                  port = 4002
                  disconnected-behavior = fail
                  backoff.min = 1s
                  request-timeout = 5s
                }
                """);
        ConnectionSettings scanner = pool.connection("scanner");
        assertEquals(4002, scanner.port());
        assertEquals(ConnectionSettings.DisconnectedBehavior.FAIL, scanner.disconnectedBehavior());
        assertEquals(Duration.ofSeconds(1), scanner.backoff().min());
        assertEquals(TwsSettings.defaults().connection().backoff().max(), scanner.backoff().max());
        assertEquals(Duration.ofSeconds(5), scanner.requestTimeout());
        assertEquals(ConnectionSettings.DisconnectedBehavior.QUEUE, pool.connection("orders").disconnectedBehavior());
    }

    @Test
    void theSingleConnectionIsUnchangedByAPool() {
        assertEquals(TwsSettings.defaults().connection(), with(THREE).connection());
    }

    @Test
    void anUnknownPurposeNamesTheConfiguredOnes() {
        String message = assertThrows(IllegalArgumentException.class, () -> pool(THREE).connection("scanner"))
                .getMessage();
        assertContains(message, "scanner", "[orders, market-data, history]");
    }

    @Test
    void anEmptyPoolIsRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> new PoolSettings("orders", Map.of()))
                .getMessage();
        assertContains(message, "tws.pool.purposes is empty");
    }

    @Test
    void theDefaultMustBeAPurpose() {
        assertContains(error(THREE.replace("default = market-data", "default = scanner")),
                "tws.pool.default = 'scanner'", "[orders, market-data, history]");
        assertContains(error(THREE.replace("default = market-data", "")), "tws.pool.default = ''");
    }

    @Test
    void aRepeatedClientIdIsRefusedNamingBothPurposes() {
        assertContains(error(THREE.replace("client-id = 3", "client-id = 1")),
                "tws.pool.purposes.history and tws.pool.purposes.orders both use client id 1");
    }

    @Test
    void aRotationIntoAnotherPurposesIdIsRefused() {
        String message = error(THREE + """
                tws.pool.purposes.history { client-id-policy = rotate, client-id-rotation = [3, 7, 2] }
                """);
        assertContains(message, "tws.pool.purposes.history.client-id-rotation includes client id 2",
                "tws.pool.purposes.market-data");
        String twoRotations = error(THREE + """
                tws.pool.purposes.history { client-id-policy = rotate, client-id-rotation = [8, 9] }
                tws.pool.purposes.market-data { client-id-policy = rotate, client-id-rotation = [9, 10] }
                """);
        assertContains(twoRotations, "includes client id 9");
        assertEquals(List.of(3, 8, 9), pool(THREE + """
                tws.pool.purposes.history { client-id-policy = rotate, client-id-rotation = [8, 9] }
                """).connection("history").clientIdsToTry());
    }

    @Test
    void everyPurposeNeedsItsOwnClientId() {
        assertContains(error(THREE + "tws.pool.purposes.scanner { port = 4002 }"),
                "tws.pool.purposes.scanner.client-id is missing");
    }

    @Test
    void anUnknownOverrideIsRefusedWithItsPath() {
        assertContains(error(THREE + "tws.pool.purposes.history.pacing.messages-per-secnd = 10"),
                "unknown setting tws.pool.purposes.history.pacing.messages-per-secnd",
                "did you mean tws.pool.purposes.history.pacing.messages-per-second?");
    }

    @Test
    void aMistypedOverrideNamesThePurposesKey() {
        assertContains(error(THREE + "tws.pool.purposes.history.pacing.messages-per-second = lots"),
                "tws.pool.purposes.history.pacing.messages-per-second");
        assertContains(error(THREE + "tws.pool.purposes.history.disconnected-behavior = drop"),
                "tws.pool.purposes.history.disconnected-behavior", "'drop' is not one of");
    }

    @Test
    void anOutOfRangeOverrideNamesThePurposesKeyAndTheRange() {
        assertContains(error(THREE + "tws.pool.purposes.history.pacing.messages-per-second = 60"),
                "tws.pool.purposes.history.pacing.messages-per-second must be 1..50, was 60");
        assertContains(error(THREE + "tws.pool.purposes.orders.client-id = -1"),
                "tws.pool.purposes.orders.client-id must be 0..2147483646, was -1");
    }

    @Test
    void aPurposeMustBeAnObjectWithAUsableName() {
        assertContains(error(THREE + "tws.pool.purposes.scanner = 4"),
                "tws.pool.purposes.scanner must be an object of tws.connection keys");
        assertContains(error(THREE + "tws.pool.purposes.\"bad name\" { client-id = 9 }"),
                "'bad name' is not a purpose name");
    }

    @Test
    void changingEveryPurposeKeepsTheirIdsAndValidatesAgain() {
        PoolSettings moved = pool(THREE).withEach(c -> c.withTarget("127.0.0.1", 4002, c.clientId()));
        assertEquals(List.of(1, 2, 3), moved.purposes().values().stream().map(ConnectionSettings::clientId).toList());
        assertTrue(moved.purposes().values().stream().allMatch(c -> c.port() == 4002));
        assertThrows(IllegalArgumentException.class,
                () -> pool(THREE).withEach(c -> c.withTarget(c.host(), c.port(), 5)));
    }
}
