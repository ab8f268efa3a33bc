package io.github.twssupervisor.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** An invalid order is refused when it is built, with a message naming the field; a valid one keeps its terms. */
class OrderTest {

    private static void refused(String field, Supplier<Object> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().startsWith("invalid order") && e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void eachTypeNeedsItsPricesAndNoOthers() {
        refused("totalQuantity", () -> Order.market(OrderAction.BUY, 0));
        refused("totalQuantity", () -> Order.market(OrderAction.BUY, -5));
        refused("totalQuantity", () -> Order.market(OrderAction.BUY, Double.NaN));
        refused("limitPrice", () -> Order.limit(OrderAction.BUY, 1, 0));
        refused("limitPrice", () -> Order.limit(OrderAction.BUY, 1, Double.POSITIVE_INFINITY));
        refused("auxPrice", () -> Order.stop(OrderAction.SELL, 1, -1));
        refused("limitPrice", () -> Order.stopLimit(OrderAction.SELL, 1, 10, 0));
        refused("trailingPercent", () -> Order.trailingPercent(OrderAction.SELL, 1, 100));
        refused("limitPrice", () -> Order.limitOnClose(OrderAction.BUY, 1, 0));
        refused("limitPrice is not used by MKT", () -> new Order(OrderAction.BUY, BigDecimal.ONE, OrderType.MKT,
                OptionalDouble.of(1), OptionalDouble.empty(), OptionalDouble.empty(), TimeInForce.DAY, "", false, "",
                "", "", 0, 0, true));
        refused("exactly one of auxPrice", () -> new Order(OrderAction.BUY, BigDecimal.ONE, OrderType.TRAIL,
                OptionalDouble.empty(), OptionalDouble.of(1), OptionalDouble.of(2), TimeInForce.DAY, "", false, "",
                "", "", 0, 0, true));
        refused("action", () -> new Order(null, BigDecimal.ONE, OrderType.MKT, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), TimeInForce.DAY, "", false, "", "", "", 0, 0, true));
    }

    @Test
    void timeInForceOcaAndParentAreChecked() {
        Order lmt = Order.limit(OrderAction.BUY, 100, 150);
        refused("tif GTD needs a goodTillDate", () -> lmt.withTif(TimeInForce.GTD));
        refused("goodTillDate must be", () -> lmt.withGoodTillDate("tomorrow"));
        refused("ocaType needs an ocaGroup", () -> lmt.withOcaGroup("", 1));
        refused("ocaType must be 0..3", () -> lmt.withOcaGroup("g", 4));
        refused("parentId", () -> lmt.withParentId(-1));
        refused("printable ASCII", () -> lmt.withOrderRef("caf\u00e9"));
        Order gtd = lmt.withGoodTillDate("20261231 16:00:00 US/Eastern").withOutsideRth(true).withOrderRef("r1");
        assertEquals(TimeInForce.GTD, gtd.tif());
        assertEquals("BUY 100 LMT lmt 150.0 GTD", gtd.describe());
        assertEquals(0, new BigDecimal("100").compareTo(gtd.totalQuantity()));
    }

    @Test
    void aBracketsExitsMustBeOnTheOtherSideWithTheParentsQuantity() {
        Bracket bracket = Bracket.of(OrderAction.BUY, 100, 150, 155, 147.5);
        assertEquals(OrderType.LMT, bracket.takeProfit().type());
        assertEquals(OrderType.STP, bracket.stopLoss().type());
        assertEquals(OrderAction.SELL, bracket.stopLoss().action());
        IllegalArgumentException side = assertThrows(IllegalArgumentException.class, () -> new Bracket(
                Order.limit(OrderAction.BUY, 100, 150), Order.limit(OrderAction.BUY, 100, 155),
                Order.stop(OrderAction.SELL, 100, 147)));
        assertTrue(side.getMessage().contains("exits must SELL"), side.getMessage());
        IllegalArgumentException quantity = assertThrows(IllegalArgumentException.class, () -> new Bracket(
                Order.limit(OrderAction.BUY, 100, 150), Order.limit(OrderAction.SELL, 50, 155),
                Order.stop(OrderAction.SELL, 100, 147)));
        assertTrue(quantity.getMessage().contains("quantity"), quantity.getMessage());
    }
}
