package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.PnlEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Execution;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated account's bookkeeping, without actors: average cost, realized P&amp;L on a sale, crossing zero, a
 * future's multiplier, the values and summary rows, and the P&amp;L. Each fill costs {@link ExecutionLog#COMMISSION}.
 */
class SimulatedAccountTest {

    private static final double CASH = 100_000;
    private static final Instrument AAPL = InstrumentUniverse.byConId(265598).orElseThrow();
    private static final Instrument ES = InstrumentUniverse.byConId(495512563).orElseThrow();

    private final SimulatedAccount account = new SimulatedAccount("DU1", 42, CASH);

    private static Execution fill(Instrument i, String side, int quantity, double price) {
        return new Execution(1, Contract.stock(i.symbol()), "e", "t", "DU1", i.exchange(), side,
                BigDecimal.valueOf(quantity), price, 1, 7, 0, BigDecimal.valueOf(quantity), price, "", 2);
    }

    @Test
    void buysAverageAndASaleRealizesAgainstTheAverage() {
        account.apply(fill(AAPL, "BOT", 10, 100), AAPL);
        SimulatedAccount.Holding h = account.apply(fill(AAPL, "BOT", 10, 110), AAPL);
        assertEquals(0, BigDecimal.valueOf(20).compareTo(h.position));
        assertEquals(105, h.averageCost, 1e-9);
        account.apply(fill(AAPL, "SLD", 5, 120), AAPL);
        assertEquals(75, h.realized, 1e-9); // 5 × (120 − 105)
        assertEquals(105, h.averageCost, 1e-9, "a sale leaves the average");
        Map<String, String> v = account.values();
        double cash = CASH - 10 * 100 - 10 * 110 + 5 * 120 - 3 * ExecutionLog.COMMISSION;
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", cash), v.get("TotalCashValue"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", cash + 15 * 120), v.get("NetLiquidation"),
                "marked at the last fill's price");
        assertEquals("225.00", v.get("UnrealizedPnL")); // 15 × (120 − 105)
        assertEquals("75.00", v.get("RealizedPnL"));
        assertEquals(new PnlEvent.Pnl(300 - 3 * ExecutionLog.COMMISSION, 225, 75), account.pnl());
        assertEquals(new PnlEvent.Single(BigDecimal.valueOf(15), 300, 225, 75, 1800), account.pnl(h));
    }

    @Test
    void crossingZeroOpensTheRestAtTheFillPriceAndClosedHoldingsStay() {
        account.apply(fill(AAPL, "BOT", 10, 100), AAPL);
        SimulatedAccount.Holding h = account.apply(fill(AAPL, "SLD", 15, 90), AAPL);
        assertEquals(0, BigDecimal.valueOf(-5).compareTo(h.position));
        assertEquals(-100, h.realized, 1e-9);
        assertEquals(90, h.averageCost, 1e-9);
        account.apply(fill(AAPL, "BOT", 5, 80), AAPL);
        assertEquals(0, h.position.signum());
        assertEquals(-50, h.realized, 1e-9);
        assertEquals(1, account.holdings().size(), "kept for the day at 0");
    }

    @Test
    void aFuturesCostAndValueCarryItsMultiplier() {
        SimulatedAccount.Holding h = account.apply(fill(ES, "BOT", 1, 5000), ES);
        assertEquals(250_000, h.averageCost, 1e-9);
        assertEquals("", account.position(h).contract().exchange(), "TWS leaves a future's exchange empty");
        assertEquals("250000.00", account.values().get("GrossPositionValue"));
    }

    @Test
    void summaryRowsFollowTheTagsAndMarksMoveWithTheWalk() {
        assertEquals(List.of(new AccountSummaryEvent.Row("DU1", "NetLiquidation", "100000.00", "USD"),
                new AccountSummaryEvent.Row("DU1", "AccountType", "INDIVIDUAL", "")),
                account.summary("NetLiquidation,Unknown,AccountType"));
        assertEquals(SimulatedAccount.LEDGER, account.summary("$LEDGER:ALL").stream()
                .map(AccountSummaryEvent.Row::tag).toList());
        SimulatedAccount.Holding h = account.apply(fill(AAPL, "BOT", 10, 190), AAPL);
        PriceWalk walk = new SimulatedMarket(42, 7).walk(AAPL);
        account.mark();
        walk.stepFor(1);
        assertEquals(AAPL.price(walk.last()), h.mark, 1e-9, "the walk of the client that filled, same seed");
    }
}
