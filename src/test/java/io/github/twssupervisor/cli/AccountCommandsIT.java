package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.SimulatorCommands;
import io.github.twssupervisor.testutil.SimulatorCommands.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code positions}, {@code account} and {@code pnl} from the shaded jar, as a user runs them, against a simulator
 * started in this JVM whose account bought AAPL first (through the {@code order} command).
 */
class AccountCommandsIT {

    @RegisterExtension
    static final SimulatorCommands COMMANDS = new SimulatorCommands();

    @BeforeAll
    static void start() {
        Result bought = run(71, "order", "buy", "30", "AAPL", "mkt");
        assertEquals(0, bought.exit(), bought.all());
    }

    private static Result run(int clientId, String... args) {
        return COMMANDS.run(clientId, args);
    }

    @Test
    void positionsListsTheFilledBuy() {
        Result table = run(72, "positions");
        assertEquals(0, table.exit(), table.all());
        assertTrue(table.out().get(0).startsWith("ACCOUNT"), table.all());
        // DU111111 as printed with tws.log.mask-accounts on (the default)
        assertTrue(table.out().stream().anyMatch(l -> l.matches(
                "DU\\*\\*\\*\\*11\\s+265598\\s+AAPL\\s+STK\\s+USD\\s+30\\s+.*")), table.all());

        Result json = run(72, "positions", "--json");
        assertEquals(0, json.exit(), json.all());
        assertTrue(json.out().stream().anyMatch(l -> l.startsWith("{\"event\":\"position\",\"account\":\"DU****11\","
                + "\"conId\":265598,\"symbol\":\"AAPL\"") && l.contains("\"position\":30")), json.all());
    }

    @Test
    void accountPrintsTheSummaryAndThePortfolio() {
        Result account = run(73, "account");
        assertEquals(0, account.exit(), account.all());
        assertTrue(account.out().get(0).startsWith("Account DU****11"), account.all());
        assertTrue(account.out().stream().anyMatch(l -> l.trim().startsWith("NetLiquidation")), account.all());
        assertTrue(account.out().stream().anyMatch(l -> l.startsWith("AAPL") && l.contains("265598")
                && l.contains(" 30 ")), account.all());

        Result stranger = run(73, "account", "--account", "DU999999");
        assertEquals(1, stranger.exit(), stranger.all());
        assertTrue(stranger.err().stream().anyMatch(l -> l.contains("account DU999999 is not managed by this session")),
                stranger.all());
    }

    @Test
    void pnlPrintsTheRequestedNumberOfUpdates() {
        Result pnl = run(74, "pnl", "--count", "2");
        assertEquals(0, pnl.exit(), pnl.all());
        assertEquals(2, pnl.out().stream().filter(l -> l.startsWith("DU****11 daily ")).count(), pnl.all());

        Result single = run(74, "pnl", "--conid", "265598", "--json");
        assertEquals(0, single.exit(), single.all());
        assertTrue(single.out().get(0).startsWith("{\"event\":\"pnlSingle\",\"account\":\"DU****11\",\"position\":30"),
                single.all());

        Result bad = run(74, "pnl", "--count", "0");
        assertEquals(2, bad.exit(), bad.all());
        assertTrue(bad.err().stream().anyMatch(l -> l.contains("--count must be 1..3600")), bad.all());
    }
}
