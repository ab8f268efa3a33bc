package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.orders.Order;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console's command lines: what each dispatches to, and the one line a bad one prints. No connection. */
class ConsoleCommandsTest {

    /** Records each call as a line of text. */
    private static final class Recorder implements ConsoleCommands.Actions {

        final List<String> calls = new ArrayList<>();

        @Override
        public void subscribe(Contract contract) {
            calls.add("subscribe " + contract.displayName());
        }

        @Override
        public void unsubscribe(Contract contract) {
            calls.add("unsubscribe " + contract.displayName());
        }

        @Override
        public void quote(Contract contract) {
            calls.add("quote " + contract.displayName());
        }

        @Override
        public void time() {
            calls.add("time");
        }

        @Override
        public void ping(int count) {
            calls.add("ping " + count);
        }

        @Override
        public void state() {
            calls.add("state");
        }

        @Override
        public void stats() {
            calls.add("stats");
        }

        @Override
        public void raw(List<String> fields) {
            calls.add("raw " + fields);
        }

        @Override
        public void order(Contract contract, List<Order> orders) {
            calls.add("order " + contract.displayName() + " " + orders.stream().map(Order::describe).toList());
        }

        @Override
        public void orders() {
            calls.add("orders");
        }

        @Override
        public void cancel(int orderId) {
            calls.add("cancel " + orderId);
        }

        @Override
        public void positions() {
            calls.add("positions");
        }

        @Override
        public void account(String account) {
            calls.add("account " + account);
        }

        @Override
        public void bars(HistoricalRequest request) {
            calls.add("bars " + request.contract().displayName() + " '" + request.duration() + "' '"
                    + request.barSize() + "' " + request.whatToShow());
        }
    }

    private final Recorder actions = new Recorder();
    private final List<String> out = new ArrayList<>();
    private final ConsoleCommands commands = new ConsoleCommands(actions, out::add);

    private boolean run(String line) {
        return commands.execute(new DefaultParser().parse(line, line.length()).words());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/subscribe AAPL|subscribe AAPL",
        "/subscribe eur.usd|subscribe EUR.USD",
        "/unsubscribe ES/202612@CME|unsubscribe ES 202612",
        "/quote MSFT|quote MSFT",
        "/time|time",
        "/ping|ping 5",
        "/ping 20|ping 20",
        "/state|state",
        "/STATS|stats",
        "/raw 49 1|raw [49, 1]",
        "/orders|orders",
        "/cancel 17|cancel 17",
        "/positions|positions",
        "/account|account null",
        "/account DU222222|account DU222222",
        "/bars AAPL|bars AAPL '1 D' '1 hour' TRADES",
        "/bars AAPL 2w 5mins|bars AAPL '2 W' '5 mins' TRADES",
        "/bars EUR.USD '3 D' '1 day' --what midpoint|bars EUR.USD '3 D' '1 day' MIDPOINT",
        "/order buy 100 AAPL|order AAPL [BUY 100 MKT DAY]",
        "/order sell 10 AAPL lmt 195.50 --tif GTC|order AAPL [SELL 10 LMT lmt 195.5 GTC]",
    })
    void eachCommandDispatchesItsTypedArguments(String line, String call) {
        assertTrue(run(line));
        assertEquals(List.of(call), actions.calls, String.valueOf(out));
        assertEquals(List.of(), out);
    }

    @Test
    void aBracketOrderIsThreeOrders() {
        run("/order buy 100 AAPL lmt 190 --bracket 195 185");
        assertEquals(1, actions.calls.size());
        assertTrue(actions.calls.get(0).startsWith("order AAPL [BUY 100 LMT lmt 190.0 DAY, SELL 100 LMT lmt 195.0"),
                actions.calls.get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/frobnicate|unknown command '/frobnicate': /help lists the commands",
        "/quotes MSFT|unknown command '/quotes' (did you mean /quote?): /help lists the commands",
        "time|unknown command 'time': commands start with '/', e.g. /help",
        "/quote|/quote: Missing required parameter: 'SYMBOL' (usage: /quote SYMBOL)",
        "/quote 123|error: '123' is not a symbol: use AAPL (US stock, SMART), AAPL@NASDAQ (with its primary "
                + "exchange), EUR.USD (forex), ES/202612@CME (future), #265598 (a conId).",
        "/time now|/time: Unmatched argument at index 1: 'now' (usage: /time)",
        "/ping 0|error: /ping N must be between 1 and 1000, was 0",
        "/ping x|/ping: Invalid value for positional parameter at index 0 (N): 'x' is not an int (usage: /ping [N])",
        "/cancel -3|error: /cancel ID must be an order id > 0, was -3",
        "/raw|/raw: Missing required parameter: 'FIELDS' (usage: /raw FIELDS...)",
        "/order buy 0 AAPL|error: QTY must be a number > 0, was 0.0",
        "/order hold 1 AAPL|error: the side must be buy or sell, was 'hold'",
        "/order buy 1 AAPL lmt|error: lmt takes a PRICE, none was given",
        "/bars AAPL 1X|error: duration '1 X' must be a whole number above 0, a space and one of [S (seconds), "
                + "D (days), W (weeks), M (months), Y (years)] (e.g. '1 D', '3600 S')",
    })
    void aBadLinePrintsOneLineAndTheConsoleGoesOn(String line, String message) {
        assertTrue(run(line));
        assertEquals(List.of(), actions.calls);
        assertEquals(List.of(message), out);
    }

    @Test
    void emptyLinesDoNothing() {
        assertTrue(run(""));
        assertTrue(run("   "));
        assertEquals(List.of(), out);
        assertEquals(List.of(), actions.calls);
    }

    @Test
    void quitAndExitEndTheConsole() {
        assertTrue(run("/time"));
        assertFalse(run("/quit"));
        assertFalse(new ConsoleCommands(actions, out::add).execute(List.of("/exit")));
    }

    @Test
    void helpListsEveryCommandWithItsSynopsis() {
        run("/help");
        assertEquals(ConsoleCommands.NAMES.size() + 1, out.size(), String.join("\n", out));
        for (int i = 0; i < ConsoleCommands.NAMES.size(); i++) {
            assertTrue(out.get(i).startsWith("  " + ConsoleCommands.NAMES.get(i)), out.get(i));
        }
        assertTrue(out.stream().anyMatch(l -> l.startsWith("  /bars SYMBOL [DURATION] [BAR] [--what W]")),
                String.join("\n", out));
        assertEquals(ConsoleCommands.NAMES.size(), commands.commandLine().getSubcommands().values().stream()
                .distinct().count(), "every command is listed");
    }

    @Test
    void helpOfOneCommandShowsItsOptions() {
        run("/help order");
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("--bracket=PRICE PRICE"), out.get(0));
        assertTrue(out.get(0).contains("--tif=TIF"), out.get(0));
        out.clear();
        run("/help /nothing");
        assertEquals(List.of("unknown command '/nothing': /help lists the commands"), out);
    }

    @Test
    void compactSpansGetTheirSpace() {
        assertEquals("1 D", ConsoleCommands.span("1D"));
        assertEquals("5 mins", ConsoleCommands.span("5mins"));
        assertEquals("1 hour", ConsoleCommands.span(" 1 hour "));
        assertEquals("x", ConsoleCommands.span("x"));
    }
}
