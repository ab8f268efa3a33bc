package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.CompletedOrder;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderException;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.orders.OrderStatusReport;
import io.github.twssupervisor.orders.OrderType;
import io.github.twssupervisor.orders.TimeInForce;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order commands' arguments, validated before any connection, and their output formats. */
class OrderCommandTest {

    private static List<Order> orders(String side, double qty, String type) {
        return OrderCommand.orders(side, qty, List.of(type.split(" ")), null, null, false, null, null, null);
    }

    @Test
    void eachTypeWordBuildsItsOrder() {
        assertEquals("BUY 100 MKT DAY", OrderCommand.orders("buy", 100, List.of(), null, null, false, null, null, null)
                .get(0).describe());
        assertEquals("SELL 10 LMT lmt 195.5 DAY", orders("SELL", 10, "lmt 195.50").get(0).describe());
        assertEquals("BUY 1 STP stop 6010.0 DAY", orders("buy", 1, "stp 6010").get(0).describe());
        assertEquals("BUY 1 STP LMT lmt 148.5 stop 149.0 DAY", orders("buy", 1, "stp-lmt 149 148.5").get(0).describe());
        assertEquals("SELL 5 TRAIL trail 0.5 DAY", orders("sell", 5, "trail 0.5").get(0).describe());
        assertEquals("SELL 5 TRAIL trail 1.5% DAY", orders("sell", 5, "trail-pct 1.5").get(0).describe());
        assertEquals(OrderType.MOC, orders("buy", 5, "moc").get(0).type());
        assertEquals(OrderType.LOC, orders("buy", 5, "loc 190").get(0).type());
    }

    @Test
    void optionsDecorateTheOrderAndGoodTillImpliesGtd() {
        Order order = OrderCommand.orders("buy", 100, List.of("lmt", "150"), null, "20261231 16:00:00", true, "DU1",
                "r-7", null).get(0);
        assertEquals(TimeInForce.GTD, order.tif());
        assertEquals("20261231 16:00:00", order.goodTillDate());
        assertTrue(order.outsideRth());
        assertEquals("DU1", order.account());
        assertEquals("r-7", order.orderRef());
        assertEquals(TimeInForce.GTC, OrderCommand.orders("buy", 1, List.of(), "gtc", null, false, null, null, null)
                .get(0).tif());
    }

    @Test
    void aBracketIsEntryTakeProfitAndStopLoss() {
        List<Order> legs = OrderCommand.orders("buy", 100, List.of("lmt", "190"), null, null, false, null, null,
                List.of(195.0, 185.0));
        assertEquals(List.of("BUY 100 LMT lmt 190.0 DAY", "SELL 100 LMT lmt 195.0 DAY", "SELL 100 STP stop 185.0 DAY"),
                legs.stream().map(Order::describe).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "buy|0|mkt|QTY must be a number > 0, was 0.0",
        "hold|1|mkt|the side must be buy or sell, was 'hold'",
        "buy|1|lmt|lmt takes a PRICE, none was given",
        "buy|1|lmt abc|lmt takes a PRICE, 'abc' is not a number",
        "buy|1|mkt 5|mkt takes no price, got '5'",
        "buy|1|stp-lmt 149|stp-lmt takes a STOP and a LIMIT price, got '149'",
        "buy|1|lmt -3|invalid order: limitPrice must be a finite number > 0, was -3.0",
        "buy|1|trail-pct 120|invalid order: trailingPercent must be > 0 and < 100, was 120.0",
        "buy|1|peg|unknown order type 'peg'"})
    void invalidArgumentsNameTheProblem(String side, double qty, String type, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> orders(side, qty, type));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void invalidOptionsNameTheProblem() {
        assertThrows(IllegalArgumentException.class, () -> OrderCommand.orders("buy", 1, List.of(), "GTD", null, false,
                null, null, null), "--tif GTD needs --good-till");
        IllegalArgumentException bracket = assertThrows(IllegalArgumentException.class, () -> OrderCommand.orders(
                "buy", 1, List.of(), null, null, false, null, null, List.of(2.0, 1.0)));
        assertTrue(bracket.getMessage().startsWith("--bracket needs an lmt entry"), bracket.getMessage());
        IllegalArgumentException tif = assertThrows(IllegalArgumentException.class, () -> OrderCommand.orders("buy",
                1, List.of(), "week", null, false, null, null, null));
        assertEquals("--tif must be DAY, GTC, IOC, OPG or GTD, was 'week'", tif.getMessage());
    }

    @Test
    void theCommandLineRefusesInvalidArgumentsWithExitCode2BeforeConnecting() {
        for (String[] args : List.of(new String[] {"order", "buy", "0", "AAPL"},
                new String[] {"order", "buy", "10", "AAPL", "lmt"}, new String[] {"order", "buy", "10", "$$$"},
                new String[] {"order", "buy", "10", "AAPL", "--wait", "soon"}, new String[] {"cancel"},
                new String[] {"cancel", "0"}, new String[] {"cancel", "5", "--all"})) {
            StringWriter err = new StringWriter();
            int exit = Main.commandLine().setErr(new PrintWriter(err)).execute(args);
            assertEquals(Main.EXIT_USAGE, exit, String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains("Usage: tws-supervisor " + args[0]), err.toString());
        }
    }

    @Test
    void helpExplainsEachOptionWithAnExample() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.commandLine().setOut(new PrintWriter(out)).execute("order", "--help"));
        for (String text : List.of("--tif", "--good-till", "--outside-rth", "--account", "--ref", "--bracket",
                "--wait", "--json", "--port", "--client-id", "order buy 100 AAPL lmt 190 --bracket 195 185")) {
            assertTrue(out.toString().contains(text), text + " in\n" + out);
        }
    }

    @Test
    void eventsAreOneLineEachOrOneJsonObject() {
        OrderFormat text = new OrderFormat(false);
        OrderFormat json = new OrderFormat(true);
        OrderEvent status = new OrderEvent.StatusChanged(7, new OrderStatusReport(7, OrderStatus.SUBMITTED,
                BigDecimal.ZERO, BigDecimal.valueOf(100), 0, 1, 0, 0, 3, "", 0));
        assertEquals("order 7 Submitted filled 0 remaining 100", text.event(status));
        assertEquals("{\"event\":\"status\",\"orderId\":7,\"status\":\"Submitted\",\"filled\":0,\"remaining\":100,"
                + "\"avgFillPrice\":0.0}", json.event(status));
        OrderEvent fill = new OrderEvent.Filled(7, execution());
        assertEquals("order 7 fill BOT 100 AAPL @ 190.01 (0001.01)", text.event(fill));
        OrderEvent rejected = new OrderEvent.Closed(7, OrderStatus.INACTIVE, BigDecimal.ZERO, Optional.of(
                new OrderException(OrderException.Reason.REJECTED, 7, 201, "Order rejected - reason: margin")));
        assertEquals("order 7 closed: Inactive filled 0 (TWS error 201: Order rejected - reason: margin)",
                text.event(rejected));
        assertEquals("{\"event\":\"closed\",\"orderId\":7,\"status\":\"Inactive\",\"filled\":0,\"code\":201,"
                + "\"error\":\"TWS error 201: Order rejected - reason: margin\"}", json.event(rejected));
        assertEquals("{\"event\":\"working\",\"orderId\":7,\"status\":\"Submitted\"}", json.stillWorking(7,
                "Submitted"));
    }

    @Test
    void ordersAndExecutionsAreTables() {
        OpenOrder open = new OpenOrder(7, Contract.stock("AAPL"), OrderAction.BUY, BigDecimal.TEN, "LMT",
                OptionalDouble.of(1.0), OptionalDouble.empty(), "DAY", "", "DU1", "", 3, 11, 0, OrderStatus.SUBMITTED,
                "");
        CompletedOrder done = new CompletedOrder(Contract.stock("AAPL"), OrderAction.SELL, BigDecimal.TEN, "MKT",
                OptionalDouble.empty(), OptionalDouble.empty(), "DAY", "DU1", "", 12, 0, OrderStatus.FILLED,
                BigDecimal.TEN, "20260413 15:27:04", "Filled Size: 10");
        List<String> table = new OrderFormat(false).orders(List.of(open), List.of(done));
        assertEquals(List.of("ID     SYMBOL       SIDE        QTY TYPE          PRICE STATUS            FILLED",
                "7      AAPL         BUY          10 LMT             1.0 Submitted",
                "-      AAPL         SELL         10 MKT               - Filled                10"), table);
        List<String> executions = new OrderFormat(false).executions(List.of(execution()));
        assertEquals("7      AAPL         BOT         100     190.01 20260413 15:27:04 US/Eastern 0001.01",
                executions.get(1));
    }

    private static Execution execution() {
        return new Execution(7, Contract.stock("AAPL"), "0001.01", "20260413 15:27:04 US/Eastern", "DU1", "NASDAQ",
                "BOT", BigDecimal.valueOf(100), 190.01, 11, 3, 0, BigDecimal.valueOf(100), 190.01, "", 1);
    }
}
