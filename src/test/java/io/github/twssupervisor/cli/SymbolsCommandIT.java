package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.twssupervisor.testutil.SimulatorCommands;
import io.github.twssupervisor.testutil.SimulatorCommands.Result;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code symbols PATTERN} from the shaded jar, as a user runs it, against a simulator started in this JVM: the table,
 * {@code --json}, no match (exit 1), an invalid pattern refused before connecting (exit 2), and {@code --help}.
 */
class SymbolsCommandIT {

    @RegisterExtension
    static final SimulatorCommands COMMANDS = new SimulatorCommands();

    @BeforeAll
    static void start() {
        // It runs the jar that package builds: only failsafe (which names it) runs it. A -Dtest pattern such as
        // 'Symbol*' also selects it for surefire, before package, where it is skipped rather than run on a stale jar.
        assumeTrue(System.getProperty("shaded.jar") != null, "runs in the integration-test phase, after package");
    }

    private static Result run(int clientId, String... args) {
        return COMMANDS.run(clientId, args);
    }

    @Test
    void aPatternListsEveryMatchingSymbolAsATable() {
        Result found = run(61, "symbols", "ms");
        assertEquals(0, found.exit(), found.all());
        assertEquals(3, found.out().size(), found.all());
        assertTrue(found.out().get(0).matches("CONID\\s+SYMBOL\\s+TYPE\\s+PRIMARY\\s+CCY\\s+DERIVATIVES\\s+"
                + "DESCRIPTION"), found.all());
        assertTrue(found.out().get(1).matches("272093\\s+MSFT\\s+STK\\s+NASDAQ\\s+USD\\s+CFD,OPT,WAR\\s+"
                + "MICROSOFT CORP"), found.all());
        assertTrue(found.out().get(2).matches("38708990\\s+MSFT\\s+STK\\s+IBIS\\s+EUR\\s+.*"), found.all());
    }

    @Test
    void jsonIsOneObjectPerMatch() {
        Result json = run(62, "symbols", "AAPL", "--json");
        assertEquals(0, json.exit(), json.all());
        assertEquals(List.of("{\"event\":\"symbol\",\"conId\":265598,\"symbol\":\"AAPL\",\"secType\":\"STK\","
                + "\"primaryExchange\":\"NASDAQ\",\"currency\":\"USD\",\"derivativeSecTypes\":[\"CFD\",\"OPT\","
                + "\"WAR\"],\"description\":\"APPLE INC\",\"issuerId\":\"\"}"), json.out(), json.all());
    }

    @Test
    void noMatchExitsOneAndAnInvalidPatternTwoWithoutConnecting() {
        Result missing = run(63, "symbols", "ZZZZ");
        assertEquals(Main.EXIT_FAILURE, missing.exit(), missing.all());
        assertTrue(missing.err().stream().anyMatch(l -> l.contains("no symbol matches ZZZZ")), missing.all());

        Result blank = run(0, "symbols", " ", "--port", "1");
        assertEquals(Main.EXIT_USAGE, blank.exit(), blank.all());
        assertTrue(blank.err().stream().anyMatch(l -> l.contains("PATTERN: search pattern must not be blank")),
                blank.all());
    }

    @Test
    void helpDescribesTheCommand() {
        Result help = run(0, "symbols", "--help");
        assertEquals(0, help.exit(), help.all());
        String text = String.join("\n", help.out());
        assertTrue(text.contains("Usage: tws-supervisor symbols") && text.contains("reqMatchingSymbols")
                && text.contains("--json") && text.contains("one search per second"), help.all());
    }
}
