package io.github.twssupervisor.simulator;

import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountUpdateEvent;
import io.github.twssupervisor.account.PnlEvent;
import io.github.twssupervisor.account.PositionEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.orders.Execution;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated account, in USD: cash, and a holding per contract made by the simulator's fills, marked to the same
 * seeded {@link PriceWalk}s that market data streams (the walk of the client whose order made the holding's latest
 * fill). Plain Java, owned by the {@link AccountDesk}.
 *
 * <pre>
 * a fill        cash -= signed quantity × price × multiplier + 1 USD commission; the holding's average cost moves (a
 *               buy adds at its price, a sale closes at the average and realizes the difference, crossing zero opens
 *               the rest at the fill price); the mark becomes the fill price
 * mark()        every holding's walk steps once; the mark is the walk's last price
 * values        NetLiquidation = cash + Σ position × mark × multiplier; GrossPositionValue = Σ |…|;
 *               UnrealizedPnL = Σ (position × mark × multiplier − position × average cost); RealizedPnL = Σ realized;
 *               margin as Reg T: InitMarginReq = 50 % and MaintMarginReq = 25 % of GrossPositionValue,
 *               AvailableFunds = NetLiquidation − InitMarginReq, BuyingPower = 4 × AvailableFunds (at least 0)
 * daily P&amp;L  since the run started (the simulator's day does not end): NetLiquidation − starting cash
 * </pre>
 *
 * No FX: instruments in other currencies are counted at their own prices as if in USD. A holding closed to zero is
 * kept (position 0, its realized P&amp;L), as TWS keeps it for the day.
 */
final class SimulatedAccount {

    /** The summary tags the simulator knows, in the order it sends them; other tags are ignored, as TWS does. */
    static final List<String> TAGS = List.of("AccountType", "NetLiquidation", "TotalCashValue", "SettledCash",
            "BuyingPower", "EquityWithLoanValue", "GrossPositionValue", "InitMarginReq", "MaintMarginReq",
            "AvailableFunds", "ExcessLiquidity", "Cushion", "Leverage", "UnrealizedPnL", "RealizedPnL");
    /** What $LEDGER (and $LEDGER:USD, $LEDGER:ALL) is answered with: a minimal ledger in USD only. */
    static final List<String> LEDGER = List.of("CashBalance", "TotalCashBalance", "NetLiquidationByCurrency",
            "UnrealizedPnL", "RealizedPnL", "ExchangeRate");
    static final String USD = "USD";
    private static final double INIT_MARGIN = 0.5;
    private static final double MAINT_MARGIN = 0.25;
    private static final double BUYING_POWER_FACTOR = 4;

    /** One contract the account holds or held today. */
    static final class Holding {
        final Instrument instrument;
        final Contract contract;
        final double multiplier;
        BigDecimal position = BigDecimal.ZERO;
        /** Per unit, the multiplier included. */
        double averageCost;
        double realized;
        double mark;
        int walkClientId;

        Holding(Instrument instrument, Contract contract) {
            this.instrument = instrument;
            this.contract = contract;
            this.multiplier = instrument.multiplier().isEmpty() ? 1 : Double.parseDouble(instrument.multiplier());
        }

        double marketValue() {
            return position.doubleValue() * mark * multiplier;
        }

        double unrealized() {
            return position.signum() == 0 ? 0 : marketValue() - position.doubleValue() * averageCost;
        }
    }

    private final String id;
    private final long seed;
    private final double startingCash;
    private double cash;
    private final Map<Integer, Holding> holdings = new LinkedHashMap<>();
    private final Map<Integer, SimulatedMarket> markets = new HashMap<>();
    private long round;

    /**
     * @param id           the account id
     * @param seed         the simulator's seed (of the walks that mark the holdings)
     * @param startingCash the cash at the start
     */
    SimulatedAccount(String id, long seed, double startingCash) {
        this.id = id;
        this.seed = seed;
        this.startingCash = startingCash;
        this.cash = startingCash;
    }

    /** @return the account id */
    String id() {
        return id;
    }

    /**
     * @param fill       a fill of this account
     * @param instrument what it traded
     * @return the holding it changed
     */
    Holding apply(Execution fill, Instrument instrument) {
        Holding h = holdings.computeIfAbsent(instrument.conId(), conId -> new Holding(instrument,
                reported(instrument, fill.contract())));
        BigDecimal signed = fill.side().equals("BOT") ? fill.shares() : fill.shares().negate();
        double unitCost = fill.price() * h.multiplier;
        cash -= signed.doubleValue() * unitCost + ExecutionLog.COMMISSION;
        BigDecimal before = h.position;
        BigDecimal after = before.add(signed);
        if (before.signum() == 0 || before.signum() == signed.signum()) {
            h.averageCost = (before.doubleValue() * h.averageCost + signed.doubleValue() * unitCost)
                    / after.doubleValue();
        } else {
            BigDecimal closed = signed.abs().min(before.abs());
            h.realized += closed.doubleValue() * (unitCost - h.averageCost) * before.signum();
            if (after.signum() == 0) {
                h.averageCost = 0;
            } else if (after.signum() != before.signum()) {
                h.averageCost = unitCost; // crossed zero: the rest opens at the fill price
            }
        }
        h.position = after;
        h.mark = fill.price();
        h.walkClientId = fill.clientId();
        return h;
    }

    /** Every holding's walk steps once; its mark becomes the walk's last price. */
    void mark() {
        round++;
        for (Holding h : holdings.values()) {
            PriceWalk walk = markets.computeIfAbsent(h.walkClientId, c -> new SimulatedMarket(seed, c))
                    .walk(h.instrument);
            walk.stepFor(round);
            h.mark = h.instrument.price(walk.last());
        }
    }

    /** @return the holdings, in the order they were first made */
    Collection<Holding> holdings() {
        return holdings.values();
    }

    /**
     * @param conId a contract id
     * @return its holding, if the account holds or held it
     */
    Optional<Holding> holding(int conId) {
        return Optional.ofNullable(holdings.get(conId));
    }

    /** @return every known value by tag: text as TWS writes it, in USD except AccountType */
    Map<String, String> values() {
        double gross = 0;
        double net = cash;
        double unrealized = 0;
        double realized = 0;
        for (Holding h : holdings.values()) {
            gross += Math.abs(h.marketValue());
            net += h.marketValue();
            unrealized += h.unrealized();
            realized += h.realized;
        }
        double init = gross * INIT_MARGIN;
        double available = net - init;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("AccountType", "INDIVIDUAL");
        v.put("NetLiquidation", money(net));
        v.put("TotalCashValue", money(cash));
        v.put("SettledCash", money(cash));
        v.put("BuyingPower", money(Math.max(0, available * BUYING_POWER_FACTOR)));
        v.put("EquityWithLoanValue", money(net));
        v.put("GrossPositionValue", money(gross));
        v.put("InitMarginReq", money(init));
        v.put("MaintMarginReq", money(gross * MAINT_MARGIN));
        v.put("AvailableFunds", money(available));
        v.put("ExcessLiquidity", money(net - gross * MAINT_MARGIN));
        v.put("Cushion", ratio(net == 0 ? 0 : (net - gross * MAINT_MARGIN) / net));
        v.put("Leverage", ratio(net == 0 ? 0 : gross / net));
        v.put("UnrealizedPnL", money(unrealized));
        v.put("RealizedPnL", money(realized));
        v.put("CashBalance", money(cash));
        v.put("TotalCashBalance", money(cash));
        v.put("NetLiquidationByCurrency", money(net));
        v.put("ExchangeRate", "1.00");
        return v;
    }

    /**
     * @param tags a reqAccountSummary's tags, comma-separated
     * @return this account's rows for them: known tags in the order asked, $LEDGER (any form) as {@link #LEDGER}
     */
    List<AccountSummaryEvent.Row> summary(String tags) {
        Map<String, String> values = values();
        List<AccountSummaryEvent.Row> rows = new ArrayList<>();
        for (String raw : tags.split(",")) {
            String tag = raw.trim();
            List<String> names = tag.startsWith("$LEDGER") ? LEDGER : List.of(tag);
            for (String name : names) {
                if (values.containsKey(name) && rows.stream().noneMatch(r -> r.tag().equals(name))) {
                    rows.add(new AccountSummaryEvent.Row(id, name, values.get(name), currency(name)));
                }
            }
        }
        return rows;
    }

    /** @return the account's values as reqAccountUpdates sends them: AccountCode, AccountReady, then every value */
    List<AccountUpdateEvent.Value> accountValues() {
        List<AccountUpdateEvent.Value> rows = new ArrayList<>();
        rows.add(new AccountUpdateEvent.Value("AccountCode", id, "", id));
        rows.add(new AccountUpdateEvent.Value("AccountReady", "true", "", id));
        values().forEach((key, value) -> rows.add(new AccountUpdateEvent.Value(key, value, currency(key), id)));
        return rows;
    }

    /** @return the holding as portfolioValue sends it */
    AccountUpdateEvent.Portfolio portfolio(Holding h) {
        return new AccountUpdateEvent.Portfolio(h.contract, h.position, h.mark, round2(h.marketValue()),
                h.averageCost, round2(h.unrealized()), round2(h.realized), id);
    }

    /** @return the holding as position sends it */
    PositionEvent.Position position(Holding h) {
        return new PositionEvent.Position(id, h.contract, h.position, h.averageCost);
    }

    /** @return the account's P&amp;L */
    PnlEvent.Pnl pnl() {
        double unrealized = 0;
        double realized = 0;
        double net = cash;
        for (Holding h : holdings.values()) {
            unrealized += h.unrealized();
            realized += h.realized;
            net += h.marketValue();
        }
        return new PnlEvent.Pnl(round2(net - startingCash), round2(unrealized), round2(realized));
    }

    /** @return one holding's P&amp;L */
    PnlEvent.Single pnl(Holding h) {
        return new PnlEvent.Single(h.position, round2(h.unrealized() + h.realized), round2(h.unrealized()),
                round2(h.realized), round2(h.marketValue()));
    }

    private static String currency(String tag) {
        return switch (tag) {
            case "AccountType", "Cushion", "Leverage" -> "";
            default -> USD;
        };
    }

    /** The contract as position and portfolioValue report it: the listing exchange for stocks, none for futures. */
    private static Contract reported(Instrument i, Contract traded) {
        boolean future = i.secType() == SecType.FUT;
        return new Contract(i.conId(), i.symbol(), i.secType(), future ? i.lastTradeDate() : "", 0, "",
                i.multiplier(), future ? "" : i.exchange(), "", i.currency(), i.localSymbol(),
                traded.tradingClass());
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
