package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

    private static final KnownKeys KEYS = KnownKeys.of(ConfigFactory.defaultReferenceUnresolved().resolve(),
            TwsSettings.ROOT);

    @Test
    void aTypoIsMatchedToTheKeyMeant() {
        assertEquals(Optional.of("tws.connection.port"), KEYS.closest("tws.conection.port"));
        assertEquals(Optional.of("tws.connection.client-id"), KEYS.closest("tws.connection.clientid"));
        assertEquals(Optional.of("tws.connection.backoff.max"), KEYS.closest("tws.connection.backof.max"));
        assertEquals(Optional.of("tws.log.mask-accounts"), KEYS.closest("tws.log.mask-account"));
    }

    @Test
    void aKeyInTheWrongSectionIsMatchedByItsLastSegment() {
        assertEquals(Optional.of("tws.orders.state-dir"), KEYS.closest("tws.state-dir"));
        assertEquals(Optional.of("tws.demo.watchlist"), KEYS.closest("tws.symbols-to-show.watchlist"));
    }

    @Test
    void nothingIsSuggestedForAKeyLikeNoOther() {
        assertEquals(Optional.empty(), KEYS.closest("tws.completely.different.thing"));
    }

    @Test
    void knownKeysAndTheDispatcherSectionPass() {
        assertEquals(List.of(), KEYS.unknownKeys(ConfigFactory.parseString(
                "tws.connection.port = 4002\ntws.client-dispatcher.executor = thread-pool-executor")));
    }

    @Test
    void eachUnknownKeyIsOneProblemInKeyOrder() {
        List<String> problems = KEYS.unknownKeys(ConfigFactory.parseString("tws.zzz = 1\ntws.conection.port = 1"));
        assertEquals(2, problems.size());
        assertEquals("unknown setting tws.conection.port (String: 2); did you mean tws.connection.port?",
                problems.get(0));
        assertTrue(problems.get(1).startsWith("unknown setting tws.zzz (String: 1); see reference.conf"),
                problems.get(1));
    }

    @Test
    void aPoolPurposeTakesTheConnectionsKeys() {
        assertEquals(List.of(), KEYS.unknownKeys(ConfigFactory.parseString(
                "tws.pool.purposes.orders { client-id = 11, backoff.max = 5s }")));
        assertEquals(List.of("unknown setting tws.pool.purposes.orders.clientid (String: 1); did you mean "
                + "tws.pool.purposes.orders.client-id?"), KEYS.unknownKeys(ConfigFactory.parseString(
                "tws.pool.purposes.orders.clientid = 11")));
        assertEquals(List.of("unknown setting tws.pool.purposes.orders.zzz (String: 1); its keys are those of "
                + "tws.connection"), KEYS.unknownKeys(ConfigFactory.parseString("tws.pool.purposes.orders.zzz = 1")));
    }

    @Test
    void distanceCountsEdits() {
        assertEquals(0, KnownKeys.distance("port", "port"));
        assertEquals(1, KnownKeys.distance("prt", "port"));
        assertEquals(1, KnownKeys.distance("pprt", "port"));
        assertEquals(4, KnownKeys.distance("", "port"));
        assertEquals(3, KnownKeys.distance("kitten", "sitting"));
    }
}
