package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.simulator.Fault;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.SimulatorCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code console} from the shaded jar with a script on stdin (not a terminal: JLine's dumb terminal, a command per
 * line), against a simulator started in this JVM. Connection events and ticks arrive between the answers, so each step
 * reads on until the line it expects.
 */
class ConsoleCommandIT {

    /** Lines read while looking for one: ticks flow all along, so this is generous, but bounded. */
    private static final int MAX_LINES = 2_000;

    @RegisterExtension
    static final SimulatorCommands COMMANDS = new SimulatorCommands();

    private static JarProcess console(int clientId) {
        return JarProcess.start(COMMANDS.commandLine(clientId, "console"));
    }

    /** @return the first line that matches, after any number (bounded) of others, which {@code seen} collects */
    private static String readUntil(JarProcess console, List<String> seen, Predicate<String> wanted) {
        for (int i = 0; i < MAX_LINES; i++) {
            String line = console.readLine();
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such line in " + MAX_LINES + " lines; all but the ticks: " + seen.stream()
                .filter(l -> !l.matches("[A-Z]+ [A-Z_]+ [-0-9.]+( x \\d+)?")).toList());
    }

    @Test
    void aScriptRunsLineByLineWithEventsAndTicksBetweenAcrossAReconnectAndQuitExitsZero() {
        try (JarProcess console = console(61)) {
            List<String> seen = new ArrayList<>();
            int port = COMMANDS.simulator().address().getPort();
            assertEquals("console on 127.0.0.1:" + port + " client id 61: /help lists the commands, /quit or Ctrl-D "
                    + "ends", console.readLine());

            console.command("/time");
            readUntil(console, seen, l -> l.matches("TWS time \\d{4}-\\d\\d-\\d\\dT.*Z \\(\\d+ us\\)"));
            assertTrue(seen.stream().anyMatch(l -> l.matches(".* READY \\(attempt 1\\) serverVersion=\\d+ "
                    + "clientId=61 .*")), String.valueOf(seen));

            console.command("/subscribe AAPL");
            readUntil(console, seen, "subscribed to AAPL (/unsubscribe AAPL stops it)"::equals);
            readUntil(console, seen, l -> l.matches("AAPL (BID|ASK|LAST) \\d+\\.\\d+ x \\d+"));

            // The connection is the console's for the whole session: it reconnects by itself, the ticks resume.
            COMMANDS.simulator().inject(new Fault.Drop(), Target.client(61)).toCompletableFuture().join();
            readUntil(console, seen, l -> l.startsWith("AAPL INTERRUPTED: "));
            readUntil(console, seen, l -> l.matches(".* READY \\(attempt \\d+\\) serverVersion=.*"));
            readUntil(console, seen, "AAPL RESUMED"::equals);
            assertTrue(seen.stream().anyMatch(l -> l.matches(".* RECONNECTING in \\d+ ms .*")), String.valueOf(seen));

            console.command("/quote MSFT");
            readUntil(console, seen, l -> l.matches("MSFT bid \\d+\\.\\d+ x \\d+ ask \\d+\\.\\d+ x \\d+ last .* "
                    + "volume \\d+"));

            console.command("/order buy 100 SPY");
            readUntil(console, seen, l -> l.matches("placed order \\d+: BUY 100 MKT DAY SPY"));
            readUntil(console, seen, l -> l.matches("order \\d+ closed: Filled filled 100"));

            console.command("/positions");
            readUntil(console, seen, l -> l.startsWith("ACCOUNT ") && l.contains("POSITION"));
            readUntil(console, seen, l -> l.matches("DU\\*{4}11\\s+\\d+ SPY\\s+STK\\s+USD\\s+100\\s+\\d+\\.\\d\\d"));

            console.command("/frobnicate");
            readUntil(console, seen, "unknown command '/frobnicate': /help lists the commands"::equals);
            console.command("/quote");
            readUntil(console, seen, "/quote: Missing required parameter: 'SYMBOL' (usage: /quote SYMBOL)"::equals);

            // Output is plain lines: no echo of a script line, not even of one half read when a tick came.
            assertTrue(seen.stream().noneMatch(l -> l.isBlank() || l.startsWith("/") && !l.startsWith("/quote: ")),
                    String.valueOf(seen.stream().filter(l -> l.isBlank() || l.startsWith("/")).toList()));

            console.command("/quit");
            List<String> rest = console.readRemaining();
            assertEquals(0, console.awaitExit(), String.join("\n", rest));
            assertTrue(rest.stream().anyMatch(l -> l.matches(".* CLOSED \\(attempt \\d+\\)")), String.join("\n", rest));
        }
    }

    @Test
    void theEndOfTheScriptEndsTheConsoleAsCtrlDDoes() {
        try (JarProcess console = console(62)) {
            List<String> seen = new ArrayList<>();
            console.command("/help");
            readUntil(console, seen, l -> l.startsWith("  /subscribe SYMBOL "));
            console.command("/state");
            readUntil(console, seen, l -> l.startsWith("state "));
            console.closeStdin();
            seen.addAll(console.readRemaining());
            assertEquals(0, console.awaitExit(), String.join("\n", seen));
            assertTrue(seen.stream().anyMatch(l -> l.endsWith(" CLOSED (attempt 1)")), String.join("\n", seen));
        }
    }
}
