package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run --pool}'s options and lines, without a connection. */
class PoolRunTest {

    private static final TwsSettings POOLED = TwsSettings.from(ConfigFactory.parseString("""
            tws.pool { default = orders, purposes { orders.client-id = 1, history.client-id = 3 } }
            """).withFallback(ConfigFactory.load()).resolve());

    @Test
    void everyLineStartsWithItsPurpose() {
        assertEquals("[history] 10:00:00.000 READY (attempt 1)",
                PoolRun.prefixed(false, "history", "10:00:00.000 READY (attempt 1)"));
        assertEquals("{\"purpose\":\"market-data\",\"event\":\"state\",\"state\":\"READY\"}",
                PoolRun.prefixed(true, "market-data", "{\"event\":\"state\",\"state\":\"READY\"}"));
    }

    @Test
    void hostAndPortApplyToEveryPurposeAndClientIdsStayTheirs() {
        TargetOptions target = new TargetOptions();
        target.host = "10.0.0.9";
        target.port = 4002;
        TwsSettings targeted = PoolRun.targeted(POOLED, target);
        List<ConnectionSettings> purposes = List.copyOf(targeted.pool().orElseThrow().purposes().values());
        assertEquals(List.of(1, 3), purposes.stream().map(ConnectionSettings::clientId).toList());
        assertTrue(purposes.stream().allMatch(c -> c.host().equals("10.0.0.9") && c.port() == 4002));
    }

    @Test
    void aClientIdOptionOrAMissingPoolIsRefused() {
        TargetOptions target = new TargetOptions();
        target.clientId = 5L;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PoolRun.targeted(POOLED, target)).getMessage()
                .contains("--client-id does not apply to --pool"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PoolRun.targeted(TwsSettings.defaults(), new TargetOptions())).getMessage()
                .contains("tws.pool.purposes is empty"));
    }
}
