package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.SimulatorCommands;
import io.github.twssupervisor.testutil.SimulatorCommands.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code order}, {@code orders}, {@code cancel}, {@code executions} and {@code contract} from the shaded jar, as a user
 * runs them,
 * against a simulator started in this JVM. Each test has its own client id (the simulator's book is per client id).
 */
class OrderCommandsIT {

    private static final Pattern PLACED = Pattern.compile("placed order (\\d+): ");

    @RegisterExtension
    static final SimulatorCommands COMMANDS = new SimulatorCommands();

    private static Result run(int clientId, String... args) {
        return COMMANDS.run(clientId, args);
    }

    @Test
    void aMarketBuyFillsAndExecutionsListsTheFill() {
        Result order = run(41, "order", "buy", "100", "AAPL", "mkt");
        assertEquals(0, order.exit(), order.all());
        Matcher placed = PLACED.matcher(order.out().get(0));
        assertTrue(placed.find(), order.all());
        String id = placed.group(1);
        assertTrue(order.out().get(0).endsWith("BUY 100 MKT DAY AAPL"), order.all());
        assertTrue(order.out().stream().anyMatch(l -> l.startsWith("order " + id + " fill BOT 100 AAPL @ ")),
                order.all());
        assertEquals("order " + id + " closed: Filled filled 100", order.out().get(order.out().size() - 1),
                order.all());

        Result executions = run(41, "executions");
        assertEquals(0, executions.exit(), executions.all());
        assertTrue(executions.out().get(0).startsWith("ID     SYMBOL       SIDE"), executions.all());
        assertTrue(executions.out().stream().anyMatch(l -> l.matches(id + "\\s+AAPL\\s+BOT\\s+100\\s+.*")),
                executions.all());

        Result json = run(41, "executions", "--symbol", "AAPL", "--json");
        assertEquals(0, json.exit(), json.all());
        assertTrue(json.out().stream().anyMatch(l -> l.startsWith("{\"event\":\"execution\",\"orderId\":" + id
                + ",\"symbol\":\"AAPL\",\"side\":\"BOT\",\"shares\":100,")), json.all());
        assertEquals(0, run(41, "executions", "--symbol", "MSFT", "--json").out().size());
    }

    @Test
    void aLimitFarFromTheMarketStaysWorkingIsListedAndCancels() {
        Result order = run(42, "order", "buy", "10", "AAPL", "lmt", "1.00", "--wait", "2s");
        assertEquals(0, order.exit(), order.all());
        Matcher placed = PLACED.matcher(order.out().get(0));
        assertTrue(placed.find(), order.all());
        String id = placed.group(1);
        String last = order.out().get(order.out().size() - 1);
        assertTrue(last.startsWith("order " + id + " still working (Submitted)"), order.all());

        Result orders = run(42, "orders");
        assertEquals(0, orders.exit(), orders.all());
        assertTrue(orders.out().stream().anyMatch(l -> l.matches(id + "\\s+AAPL\\s+BUY\\s+10\\s+LMT\\s+1\\.0\\s+"
                + "Submitted")), orders.all());

        Result cancel = run(42, "cancel", id);
        assertEquals(0, cancel.exit(), cancel.all());
        assertTrue(cancel.out().contains("order " + id + " Cancelled filled 0 remaining 10"), cancel.all());
        assertEquals("order " + id + " closed: Cancelled filled 0", cancel.out().get(cancel.out().size() - 1),
                cancel.all());

        Result after = run(42, "orders", "--json");
        assertEquals(0, after.exit(), after.all());
        assertTrue(after.out().stream().noneMatch(l -> l.startsWith("{\"event\":\"open\"")), after.all());
        assertTrue(after.out().stream().anyMatch(l -> l.startsWith("{\"event\":\"completed\"")
                && l.contains("\"status\":\"Cancelled\"")), after.all());
    }

    @Test
    void aBracketFillsItsEntryAndLeavesItsExitsWorkingUntilCancelAll() {
        Result order = run(43, "order", "buy", "100", "AAPL", "lmt", "1000", "--bracket", "2000", "1", "--wait",
                "3s", "--json");
        assertEquals(0, order.exit(), order.all());
        assertTrue(order.out().get(0).startsWith("{\"event\":\"placed\",\"orderIds\":["), order.all());
        assertTrue(order.out().stream().anyMatch(l -> l.startsWith("{\"event\":\"fill\"")
                && l.contains("\"side\":\"BOT\",\"shares\":100")), order.all());
        assertEquals(2, order.out().stream().filter(l -> l.startsWith("{\"event\":\"working\"")).count(),
                order.all());

        Result cancel = run(43, "cancel", "--all");
        assertEquals(0, cancel.exit(), cancel.all());
        Result orders = run(43, "orders", "--json");
        assertTrue(orders.out().stream().noneMatch(l -> l.startsWith("{\"event\":\"open\"")), orders.all());
    }

    @Test
    void invalidOrdersExitWithUsageErrorsNamingTheProblem() {
        Result zero = run(0, "order", "buy", "0", "AAPL");
        assertEquals(Main.EXIT_USAGE, zero.exit(), zero.all());
        assertTrue(zero.err().stream().anyMatch(l -> l.contains("QTY must be a number > 0, was 0.0")), zero.all());

        Result noPrice = run(0, "order", "sell", "5", "AAPL", "lmt");
        assertEquals(Main.EXIT_USAGE, noPrice.exit(), noPrice.all());
        assertTrue(noPrice.err().stream().anyMatch(l -> l.contains("lmt takes a PRICE, none was given")),
                noPrice.all());
    }

    @Test
    void cancellingAnUnknownOrderExits1WithAClearMessage() {
        Result cancel = run(44, "cancel", "987654");
        assertEquals(Main.EXIT_FAILURE, cancel.exit(), cancel.all());
        assertTrue(cancel.err().stream().anyMatch(l -> l.startsWith("error: no open order 987654 of 127.0.0.1:")
                && l.contains("client id 44")), cancel.all());
    }

    @Test
    void contractPrintsTheDetailsOfASymbolAndANotFoundExitsOne() {
        Result found = run(46, "contract", "AAPL");
        assertEquals(0, found.exit(), found.all());
        assertTrue(found.out().get(0).startsWith("CONID"), found.all());
        assertTrue(found.out().get(1).matches("265598\\s+AAPL\\s+STK\\s+.*"), found.all());

        Result json = run(46, "contract", "AAPL", "--json");
        assertTrue(json.out().get(0).startsWith("{\"event\":\"contract\",\"conId\":265598,"), json.all());

        Result missing = run(46, "contract", "ZZZZ");
        assertEquals(1, missing.exit(), missing.all());
        assertTrue(missing.err().stream().anyMatch(l -> l.contains("no contract matches ZZZZ")), missing.all());
    }
}
