package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.SimulatorCommands;
import io.github.twssupervisor.testutil.SimulatorCommands.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bars} from the shaded jar, as a user runs it, against a simulator started in this JVM: a day of hour bars
 * as text and as JSON, by symbol, with a primary exchange and by conId; bad arguments refused with the allowed values
 * (exit 2); an unknown contract (exit 1); and {@code --follow} across an outage, printing {@code interrupted} and
 * {@code resumed}, stopped by SIGTERM.
 */
class BarsCommandIT {

    private static final Duration AWAIT = Duration.ofSeconds(40);

    @RegisterExtension
    static final SimulatorCommands COMMANDS = new SimulatorCommands();

    private static Result run(int clientId, String... args) {
        return COMMANDS.run(clientId, args);
    }

    @Test
    void aDayOfHourBarsAsTextAndJsonBySymbolPrimaryExchangeAndConId() {
        Result text = run(51, "bars", "AAPL", "--duration", "1 D", "--bar", "1 hour");
        assertEquals(0, text.exit(), text.all());
        assertTrue(text.out().get(0).startsWith("TIME"), text.all());
        assertEquals(1 + 24, text.out().size(), text.all());

        Result json = run(52, "bars", "AAPL@NASDAQ", "--duration", "2 D", "--bar", "1 hour", "--what", "MIDPOINT",
                "--json");
        assertEquals(0, json.exit(), json.all());
        assertEquals(48, json.out().size(), json.all());
        assertTrue(json.out().stream().allMatch(l -> l.startsWith("{\"event\":\"bar\",\"symbol\":\"AAPL@NASDAQ\","
                + "\"time\":")), json.all());

        Result byId = run(53, "bars", "#265598", "--duration", "1 D", "--bar", "1 hour", "--json");
        assertEquals(0, byId.exit(), byId.all());
        assertEquals(json.out().size() / 2, byId.out().size(), byId.all());
    }

    @Test
    void badArgumentsAreRefusedNamingTheAllowedValuesAndAnUnknownContractIsATwsError() {
        Result bar = run(54, "bars", "AAPL", "--bar", "5 min");
        assertEquals(2, bar.exit(), bar.all());
        assertTrue(String.join("\n", bar.err()).contains("did you mean '5 mins'?"), bar.all());
        Result duration = run(54, "bars", "AAPL", "--duration", "1 day");
        assertEquals(2, duration.exit(), duration.all());
        assertTrue(String.join("\n", duration.err()).contains("S (seconds), D (days)"), duration.all());
        Result follow = run(54, "bars", "AAPL", "--what", "BID_ASK", "--follow");
        assertEquals(2, follow.exit(), follow.all());
        Result unknown = run(55, "bars", "ZZZZ");
        assertEquals(1, unknown.exit(), unknown.all());
        assertTrue(String.join("\n", unknown.err()).contains("200"), unknown.all());
    }

    @Test
    void followPrintsUpdatesAndMarksAnOutageUntilStopped() {
        try (JarProcess process = JarProcess.start(COMMANDS.commandLine(56, "bars", "AAPL", "--duration", "60 S", "--bar", "5 secs",
                "--follow"))) {
            List<String> seen = new ArrayList<>();
            String line;
            while (!(line = process.readLine(AWAIT)).startsWith("-- following")) {
                seen.add(line);
            }
            assertEquals(1 + 12, seen.size(), String.join("\n", seen));
            assertEquals(1, COMMANDS.simulator().refuse(Duration.ofSeconds(8)).toCompletableFuture().join());
            List<String> after = new ArrayList<>();
            while (!(line = process.readLine(AWAIT)).startsWith("resumed")) {
                after.add(line);
            }
            assertTrue(after.stream().anyMatch(l -> l.startsWith("interrupted: ")), String.join("\n", after));
            assertTrue(after.stream().anyMatch(l -> l.endsWith("(update)")), String.join("\n", after));
            process.terminate();
            assertTrue(process.exitsWithin(AWAIT), "stops on SIGTERM");
        }
    }
}
