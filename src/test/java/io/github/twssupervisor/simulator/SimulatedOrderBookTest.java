package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.orders.OrderStatusReport;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The matching engine without sockets or actors: fill rules, brackets, OCA, cancel, modify, ids, repeated statuses. */
class SimulatedOrderBookTest {

    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-13T19:27:04Z"), ZoneId.of("US/Eastern"));
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final Instrument AAPL_INSTRUMENT = InstrumentUniverse.resolve(AAPL).orElseThrow();
    private static final int CLIENT = 7;
    private static final int OTHER_CLIENT = 8;

    private final ScriptedQuotes quotes = new ScriptedQuotes();
    private final SimulatorMetrics metrics = new SimulatorMetrics();
    private final SimulatedOrderBook book = new SimulatedOrderBook(quotes, SETTINGS, 0, CLOCK, metrics);

    private List<SimulatedOrderBook.Out> place(int orderId, Order order) {
        return book.place(CLIENT, orderId, AAPL, AAPL_INSTRUMENT, order);
    }

    private static List<OrderEvent> events(List<SimulatedOrderBook.Out> outs) {
        outs.forEach(o -> assertEquals(CLIENT, o.clientId(), o.toString()));
        return outs.stream().map(SimulatedOrderBook.Out::event).toList();
    }

    /** @return each event as a short word: open, status, fill, commission, error CODE */
    private static List<String> kinds(List<SimulatedOrderBook.Out> outs) {
        return outs.stream().map(o -> kind(o.event())).toList();
    }

    private static String kind(OrderEvent e) {
        if (e instanceof OrderEvent.Open open) {
            return "open " + open.order().orderId() + " " + open.order().status().wireName();
        } else if (e instanceof OrderEvent.Status s) {
            return "status " + s.report().orderId() + " " + s.report().status().wireName() + " "
                    + s.report().filled().toPlainString() + "/" + s.report().remaining().toPlainString();
        } else if (e instanceof OrderEvent.Fill f) {
            return "fill " + f.execution().orderId() + " " + f.execution().side() + " " + f.execution().shares()
                    + "@" + f.execution().price();
        } else if (e instanceof OrderEvent.Commission) {
            return "commission";
        } else if (e instanceof OrderEvent.OrderError err) {
            return "error " + err.orderId() + " " + err.code();
        }
        return e.getClass().getSimpleName();
    }

    private static List<Execution> fills(List<SimulatedOrderBook.Out> outs) {
        return outs.stream().map(SimulatedOrderBook.Out::event).filter(e -> e instanceof OrderEvent.Fill)
                .map(e -> ((OrderEvent.Fill) e).execution()).toList();
    }

    private OrderStatus statusOf(int orderId) {
        return book.snapshot().orders(CLIENT).stream().filter(e -> e.orderId() == orderId).findFirst().orElseThrow()
                .status();
    }

    @Test
    void aMarketBuyIsAcceptedAndFilledAtOnceAtTheAsk() {
        List<SimulatedOrderBook.Out> out = place(1, Order.market(OrderAction.BUY, 100));
        assertEquals(List.of("open 1 PreSubmitted", "status 1 PreSubmitted 0/100", "status 1 Submitted 0/100",
                "fill 1 BOT 100@100.01", "status 1 Filled 100/0", "commission"), kinds(out));
        Execution fill = fills(out).get(0);
        assertEquals(CLIENT, fill.clientId());
        assertEquals(new BigDecimal("100"), fill.cumQty());
        assertEquals(100.01, fill.avgPrice());
        assertTrue(fill.execId().matches("0000e0d5\\.[0-9a-f]{8}\\.01\\.01"), fill.execId());
        assertEquals("20260413 15:27:04 US/Eastern", fill.time());
        assertEquals(SETTINGS.accounts().get(0), fill.account());
        OrderEvent.Commission commission = (OrderEvent.Commission) events(out).get(5);
        assertEquals(fill.execId(), commission.report().execId());
        assertEquals(1.0, commission.report().commission());
        assertEquals("USD", commission.report().currency());
        assertTrue(commission.report().realizedPnl().isEmpty());
        OrderStatusReport filled = ((OrderEvent.Status) events(out).get(4)).report();
        assertEquals(100.01, filled.avgFillPrice());
        assertEquals(100.01, filled.lastFillPrice());
        assertEquals(fill.permId(), filled.permId());
        assertFalse(book.hasWorkingOrders());
    }

    @Test
    void aMarketSellFillsAtTheBid() {
        assertEquals("fill 1 SLD 100@99.99", kinds(place(1, Order.market(OrderAction.SELL, 100))).get(3));
    }

    @Test
    void aLimitOrderFillsOnlyOnceTheQuoteReachesItsLimit() {
        quotes.set(100.50, 100.52);
        assertEquals(List.of("open 1 PreSubmitted", "status 1 PreSubmitted 0/10", "status 1 Submitted 0/10"),
                kinds(place(1, Order.limit(OrderAction.BUY, 10, 100.00))));
        assertEquals(List.of("open 2 PreSubmitted", "status 2 PreSubmitted 0/10", "status 2 Submitted 0/10"),
                kinds(place(2, Order.limit(OrderAction.SELL, 10, 101.00))));
        assertTrue(book.hasWorkingOrders());
        quotes.set(100.00, 100.01);
        assertEquals(List.of(), kinds(book.onRound()), "ask 100.01 is above the buy limit 100.00");
        quotes.set(99.99, 100.00);
        assertEquals(List.of("fill 1 BOT 10@100.0", "status 1 Filled 10/0", "commission"), kinds(book.onRound()));
        quotes.set(101.00, 101.02);
        assertEquals(List.of("fill 2 SLD 10@101.0", "status 2 Filled 10/0", "commission"), kinds(book.onRound()));
        assertEquals(3, quotes.rounds);
    }

    @Test
    void aStopTriggersOnTheStopAndThenFillsAtTheMarket() {
        quotes.set(99.00, 99.02);
        place(1, Order.stop(OrderAction.BUY, 10, 100.00));
        place(2, Order.stop(OrderAction.SELL, 10, 98.00));
        quotes.set(99.97, 99.99);
        assertEquals(List.of(), kinds(book.onRound()));
        quotes.set(100.00, 100.03);
        assertEquals(List.of("fill 1 BOT 10@100.03", "status 1 Filled 10/0", "commission"), kinds(book.onRound()));
        quotes.set(98.00, 98.01);
        assertEquals(List.of("fill 2 SLD 10@98.0", "status 2 Filled 10/0", "commission"), kinds(book.onRound()));
    }

    @Test
    void aStopLimitTriggersOnTheStopAndThenWaitsForItsLimit() {
        quotes.set(99.00, 99.02);
        place(1, Order.stopLimit(OrderAction.BUY, 10, 100.00, 100.50));
        quotes.set(100.98, 101.00);
        assertEquals(List.of(), kinds(book.onRound()), "triggered, but the ask is above the limit");
        quotes.set(99.50, 99.52);
        assertEquals(List.of("fill 1 BOT 10@99.52", "status 1 Filled 10/0", "commission"), kinds(book.onRound()),
                "once triggered it stays triggered, below the stop too");
    }

    @Test
    void aTrailingStopByAmountFollowsTheBestBidAndTriggers() {
        quotes.set(100.00, 100.02);
        place(1, Order.trailingAmount(OrderAction.SELL, 10, 1.00)); // stop 99.00
        quotes.set(102.00, 102.02); // stop 101.00
        assertEquals(List.of(), kinds(book.onRound()));
        quotes.set(101.50, 101.52);
        assertEquals(List.of(), kinds(book.onRound()), "the stop does not follow the bid down");
        quotes.set(101.00, 101.02);
        assertEquals(List.of("fill 1 SLD 10@101.0", "status 1 Filled 10/0", "commission"), kinds(book.onRound()));
    }

    @Test
    void aTrailingStopByPercentFollowsTheLowestAskAndTriggers() {
        quotes.set(99.98, 100.00);
        place(1, Order.trailingPercent(OrderAction.BUY, 10, 2)); // stop 102.00
        quotes.set(94.98, 95.00); // stop 96.90
        assertEquals(List.of(), kinds(book.onRound()));
        quotes.set(96.80, 96.85);
        assertEquals(List.of(), kinds(book.onRound()));
        quotes.set(96.90, 96.95);
        assertEquals(List.of("fill 1 BOT 10@96.95", "status 1 Filled 10/0", "commission"), kinds(book.onRound()));
    }

    @Test
    void marketAndLimitOnCloseFillAtTheNextRoundNotAtAcceptance() {
        assertEquals(3, place(1, Order.marketOnClose(OrderAction.BUY, 10)).size());
        assertEquals(3, place(2, Order.limitOnClose(OrderAction.SELL, 10, 100.50)).size());
        assertEquals(List.of("fill 1 BOT 10@100.01", "status 1 Filled 10/0", "commission"), kinds(book.onRound()),
                "LOC's limit 100.50 is above the bid");
        quotes.set(100.50, 100.52);
        assertEquals(List.of("fill 2 SLD 10@100.5", "status 2 Filled 10/0", "commission"), kinds(book.onRound()));
    }

    @Test
    void aLargeOrderFillsInStepsOfAtMostOneHundred() {
        List<String> first = kinds(place(1, Order.market(OrderAction.BUY, 250)));
        assertEquals(List.of("fill 1 BOT 100@100.01", "status 1 Submitted 100/150", "commission"), first.subList(3, 6));
        quotes.set(100.01, 100.03);
        List<SimulatedOrderBook.Out> second = book.onRound();
        assertEquals(List.of("fill 1 BOT 100@100.03", "status 1 Submitted 200/50", "commission"), kinds(second));
        assertEquals(100.02, fills(second).get(0).avgPrice(), 1e-9);
        List<SimulatedOrderBook.Out> third = book.onRound();
        assertEquals(List.of("fill 1 BOT 50@100.03", "status 1 Filled 250/0", "commission"), kinds(third));
        assertEquals(new BigDecimal("250"), fills(third).get(0).cumQty());
        OrderBookSnapshot.Entry entry = book.snapshot().orders(CLIENT).get(0);
        assertEquals(3, entry.execIds().stream().distinct().count());
        assertEquals(3, book.snapshot().executions());
    }

    @Test
    void aBracketIsHeldUntilTransmittedAndItsExitsUntilTheParentFills() {
        quotes.set(100.50, 100.52);
        assertEquals(List.of("open 1 PreSubmitted", "status 1 PreSubmitted 0/10"),
                kinds(place(1, Order.limit(OrderAction.BUY, 10, 100.00).withTransmit(false))));
        assertEquals(List.of("open 2 PreSubmitted", "status 2 PreSubmitted 0/10"), kinds(place(2,
                Order.limit(OrderAction.SELL, 10, 102.00).withParentId(1).withTransmit(false))));
        quotes.set(99.99, 100.00); // the parent would fill now, but it is not transmitted
        assertEquals(List.of(), kinds(book.onRound()));
        quotes.set(100.50, 100.52);
        assertEquals(List.of("open 3 PreSubmitted", "status 3 PreSubmitted 0/10", "status 1 Submitted 0/10"),
                kinds(place(3, Order.stop(OrderAction.SELL, 10, 99.00).withParentId(1))),
                "the last order transmits the group; the exits wait for the parent");
        quotes.set(99.99, 100.00);
        assertEquals(List.of("fill 1 BOT 10@100.0", "status 1 Filled 10/0", "commission", "status 2 Submitted 0/10",
                "status 3 Submitted 0/10"), kinds(book.onRound()));
        quotes.set(102.00, 102.02);
        assertEquals(List.of("fill 2 SLD 10@102.0", "status 2 Filled 10/0", "commission",
                "status 3 Cancelled 0/10", "error 3 " + TwsErrorCode.ORDER_CANCELLED), kinds(book.onRound()),
                "the exits of a bracket cancel each other");
        assertFalse(book.hasWorkingOrders());
    }

    @Test
    void cancellingAParentCancelsItsHeldChildren() {
        quotes.set(100.50, 100.52);
        place(1, Order.limit(OrderAction.BUY, 10, 100.00));
        place(2, Order.limit(OrderAction.SELL, 10, 102.00).withParentId(1));
        assertEquals(List.of("status 1 Cancelled 0/10", "error 1 202", "status 2 Cancelled 0/10", "error 2 202"),
                kinds(book.cancel(CLIENT, 1)));
        assertEquals(List.of("error 3 " + TwsErrorCode.ORDER_REJECTED),
                kinds(place(3, Order.limit(OrderAction.SELL, 10, 102.00).withParentId(1))));
    }

    @Test
    void theFirstFillOfAnOcaMemberCancelsTheOthers() {
        quotes.set(100.50, 100.52);
        place(1, Order.limit(OrderAction.BUY, 10, 100.00).withOcaGroup("g", 1));
        place(2, Order.limit(OrderAction.BUY, 10, 99.00).withOcaGroup("g", 1));
        place(3, Order.limit(OrderAction.BUY, 10, 99.00).withOcaGroup("other", 1));
        quotes.set(99.98, 100.00);
        assertEquals(List.of("fill 1 BOT 10@100.0", "status 1 Filled 10/0", "commission", "status 2 Cancelled 0/10",
                "error 2 202"), kinds(book.onRound()));
        assertEquals(OrderStatus.SUBMITTED, statusOf(3));
    }

    @Test
    void cancelAnswersCancelledAnd202AndUnknownOrDoneIdsWithTheirErrors() {
        quotes.set(100.50, 100.52);
        place(5, Order.limit(OrderAction.BUY, 10, 100.00));
        List<SimulatedOrderBook.Out> out = book.cancel(CLIENT, 5);
        assertEquals(List.of("status 5 Cancelled 0/10", "error 5 202"), kinds(out));
        assertEquals(SimulatorErrors.ORDER_CANCELLED, ((OrderEvent.OrderError) events(out).get(1)).message());
        assertEquals(List.of("error 6 " + TwsErrorCode.CANCEL_ORDER_NOT_FOUND), kinds(book.cancel(CLIENT, 6)));
        assertEquals(List.of("error 5 " + TwsErrorCode.CANCEL_ORDER_NOT_CANCELLABLE), kinds(book.cancel(CLIENT, 5)));
        assertEquals(List.of("error 5 " + TwsErrorCode.CANCEL_ORDER_NOT_FOUND),
                kinds(book.cancel(OTHER_CLIENT, 5).stream().map(o -> new SimulatedOrderBook.Out(CLIENT, o.event()))
                        .toList()), "another client's ids are its own");
        assertFalse(book.hasWorkingOrders());
    }

    @Test
    void placingTheIdOfAWorkingOrderModifiesIt() {
        quotes.set(100.50, 100.52);
        place(1, Order.limit(OrderAction.BUY, 10, 100.00));
        assertEquals(List.of("open 1 Submitted", "status 1 Submitted 0/20"),
                kinds(place(1, Order.limit(OrderAction.BUY, 20, 100.00))));
        assertEquals(List.of("open 1 Submitted", "status 1 Submitted 0/20", "fill 1 BOT 20@100.52",
                "status 1 Filled 20/0", "commission"), kinds(place(1, Order.limit(OrderAction.BUY, 20, 101.00))),
                "a limit moved through the quote fills at once");
        assertEquals(1, book.snapshot().ordersPlaced());
        assertEquals(0, book.snapshot().duplicateOrderIds());
    }

    @Test
    void reusedIdsAreRefusedWith103Or104AndNotPlaced() {
        quotes.set(100.50, 100.52);
        place(10, Order.limit(OrderAction.BUY, 10, 100.00));
        book.cancel(CLIENT, 10);
        place(11, Order.market(OrderAction.BUY, 10));
        assertEquals(List.of("error 10 " + TwsErrorCode.DUPLICATE_ORDER_ID),
                kinds(place(10, Order.market(OrderAction.BUY, 10))), "a cancelled order's id");
        assertEquals(List.of("error 11 " + TwsErrorCode.CANNOT_MODIFY_FILLED_ORDER),
                kinds(place(11, Order.market(OrderAction.BUY, 10))), "a filled order's id");
        assertEquals(List.of("error 9 " + TwsErrorCode.DUPLICATE_ORDER_ID),
                kinds(place(9, Order.market(OrderAction.BUY, 10))), "an id below the highest used");
        assertEquals(2, book.snapshot().ordersPlaced());
        assertEquals(2, book.snapshot().duplicateOrderIds(), "9 was never placed");
        assertEquals(List.of(10, 11), book.snapshot().orders(CLIENT).stream().map(OrderBookSnapshot.Entry::orderId)
                .toList());
        assertEquals(3, kinds(book.place(OTHER_CLIENT, 9, AAPL, AAPL_INSTRUMENT,
                Order.limit(OrderAction.BUY, 10, 100.00))).size(), "ids are per client");
    }

    @Test
    void theSameOrderSentAgainCountsAsADuplicateId() {
        quotes.set(100.50, 100.52);
        Order order = Order.limit(OrderAction.BUY, 10, 100.00);
        place(1, order);
        assertEquals(List.of("open 1 Submitted", "status 1 Submitted 0/10"), kinds(place(1, order)));
        assertEquals(1, book.snapshot().duplicateOrderIds());
        assertEquals(1, book.snapshot().ordersPlaced());
    }

    @Test
    void theNextValidIdIsAboveEveryIdTheClientUsed() {
        assertEquals(SETTINGS.nextOrderId(), book.nextValidId(CLIENT));
        place(41, Order.market(OrderAction.BUY, 1));
        place(40, Order.market(OrderAction.BUY, 1)); // refused: still "used" below the highest
        assertEquals(42, book.nextValidId(CLIENT));
        assertEquals(SETTINGS.nextOrderId(), book.nextValidId(OTHER_CLIENT));
        SimulatedOrderBook high = new SimulatedOrderBook(quotes, SETTINGS.withAccounts(List.of("DU1"), 500), 0, CLOCK,
                new SimulatorMetrics());
        high.place(CLIENT, 600, AAPL, AAPL_INSTRUMENT, Order.market(OrderAction.BUY, 1));
        assertEquals(601, high.nextValidId(CLIENT));
        assertEquals(500, high.nextValidId(OTHER_CLIENT), "at least the configured first id");
    }

    @Test
    void globalCancelCancelsEveryLiveOrderOfEveryClient() {
        quotes.set(100.50, 100.52);
        place(1, Order.limit(OrderAction.BUY, 10, 100.00));
        book.place(OTHER_CLIENT, 1, AAPL, AAPL_INSTRUMENT, Order.limit(OrderAction.BUY, 10, 100.00));
        List<SimulatedOrderBook.Out> out = book.cancelAll();
        assertEquals(List.of(CLIENT, CLIENT, OTHER_CLIENT, OTHER_CLIENT),
                out.stream().map(SimulatedOrderBook.Out::clientId).toList());
        assertEquals(List.of("status 1 Cancelled 0/10", "error 1 202", "status 1 Cancelled 0/10", "error 1 202"),
                kinds(out));
        assertFalse(book.hasWorkingOrders());
    }

    @Test
    void requestsAreAnsweredFromTheBook() {
        quotes.set(100.50, 100.52);
        place(1, Order.limit(OrderAction.BUY, 10, 100.00));
        place(2, Order.market(OrderAction.SELL, 5));
        place(3, Order.market(OrderAction.BUY, 7));
        book.place(OTHER_CLIENT, 1, AAPL, AAPL_INSTRUMENT, Order.limit(OrderAction.SELL, 10, 105.00));
        book.place(OTHER_CLIENT, 2, AAPL, AAPL_INSTRUMENT, Order.market(OrderAction.SELL, 3));
        assertEquals(List.of("open 1 Submitted", "status 1 Submitted 0/10", "OpenEnd"),
                book.openOrders(CLIENT, false).stream().map(SimulatedOrderBookTest::kind).toList());
        assertEquals(List.of("open 1 Submitted", "status 1 Submitted 0/10", "open 1 Submitted",
                "status 1 Submitted 0/10", "OpenEnd"),
                book.openOrders(CLIENT, true).stream().map(SimulatedOrderBookTest::kind).toList());
        List<OrderEvent> completed = book.completedOrders(CLIENT, true);
        assertEquals(List.of("Completed", "Completed", "CompletedEnd"), completed.stream()
                .map(SimulatedOrderBookTest::kind).toList());
        assertEquals("Filled Size: 5", ((OrderEvent.Completed) completed.get(0)).order().completedStatus());
        assertEquals(4, book.completedOrders(CLIENT, false).size(), "every client's without apiOnly");
        List<String> mine = book.executions(CLIENT, 77, ExecutionFilter.all()).stream()
                .map(SimulatedOrderBookTest::kind).toList();
        assertEquals(List.of("fill 2 SLD 5@100.5", "commission", "fill 3 BOT 7@100.52", "commission", "FillsEnd"),
                mine, "its own fills only");
        List<OrderEvent> sells = book.executions(CLIENT, 78, new ExecutionFilter(0, "", "", "AAPL", "STK", "",
                "SELL"));
        assertEquals(3, sells.size());
        assertEquals(78, ((OrderEvent.Fill) sells.get(0)).requestId());
        assertEquals(78, ((OrderEvent.FillsEnd) sells.get(2)).requestId());
        assertEquals(1, book.executions(CLIENT, 79, new ExecutionFilter(0, "", "20260413-19:28:00", "", "", "", ""))
                .size(), "none after a later time");
        assertEquals(5, book.executions(CLIENT, 80, new ExecutionFilter(0, "", "20260413 15:00:00 US/Eastern", "",
                "", "", "")).size());
    }

    @Test
    void orderStatusIsRepeatedNowAndThenAsSeeded() {
        assertEquals(repeats(0.5, 1), repeats(0.5, 1), "the same seed repeats the same statuses");
        assertTrue(repeats(0.5, 1) > 0);
        assertNotEquals(repeatPattern(0.5, 1), repeatPattern(0.5, 2));
        assertEquals(0, repeats(0, 1));
    }

    private static int repeats(double chance, long seed) {
        return (int) repeatPattern(chance, seed).chars().filter(c -> c == 'x').count();
    }

    /** @return for each status event of 20 fills: 'x' if it repeats the one before, '.' if not */
    private static String repeatPattern(double chance, long seed) {
        SimulatedOrderBook seeded = new SimulatedOrderBook(new ScriptedQuotes(), SETTINGS.withSeed(seed), chance,
                CLOCK, new SimulatorMetrics());
        List<OrderEvent> events = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            seeded.place(CLIENT, id, AAPL, AAPL_INSTRUMENT, Order.market(OrderAction.BUY, 1))
                    .forEach(o -> events.add(o.event()));
        }
        StringBuilder pattern = new StringBuilder();
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i) instanceof OrderEvent.Status) {
                pattern.append(events.get(i).equals(events.get(i - 1)) ? 'x' : '.');
            }
        }
        return pattern.toString();
    }

    @Test
    void permIdsAndExecIdsAreUniqueAcrossClients() {
        for (int id = 1; id <= 5; id++) {
            place(id, Order.market(OrderAction.BUY, 150));
            book.place(OTHER_CLIENT, id, AAPL, AAPL_INSTRUMENT, Order.market(OrderAction.SELL, 150));
        }
        book.onRound();
        OrderBookSnapshot snapshot = book.snapshot();
        List<OrderBookSnapshot.Entry> all = new ArrayList<>(snapshot.orders(CLIENT));
        all.addAll(snapshot.orders(OTHER_CLIENT));
        assertEquals(10, all.stream().map(OrderBookSnapshot.Entry::permId).collect(Collectors.toSet()).size());
        assertEquals(20, all.stream().flatMap(e -> e.execIds().stream()).collect(Collectors.toSet()).size());
        assertEquals(20, snapshot.executions());
        assertTrue(all.stream().allMatch(e -> e.status() == OrderStatus.FILLED));
    }
}
