package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The instruments the simulator quotes, and how a request's contract is resolved to one of them: by conId when it is
 * given, else by symbol and security type, with the optional fields checked only when they are filled in (as TWS
 * does). A contract that matches nothing gets error 200.
 */
final class InstrumentUniverse {

    private static final String SMART = "SMART";

    /** AAPL, MSFT, SPY on SMART/USD, EUR.USD on IDEALPRO and the December 2026 E-mini S&amp;P 500 future on CME. */
    static final List<Instrument> BUILT_IN = List.of(
            stock(265598, "AAPL", "NASDAQ", "190.00"),
            stock(272093, "MSFT", "NASDAQ", "420.00"),
            stock(756733, "SPY", "ARCA", "520.00"),
            new Instrument(12087792, "EUR", SecType.CASH, "IDEALPRO", "USD", "EUR.USD", "", "", "",
                    new BigDecimal("0.00005"), new BigDecimal("1.08500"), 2, 100_000),
            new Instrument(495512563, "ES", SecType.FUT, "CME", "USD", "ESZ6", "202612", "20261218", "50",
                    new BigDecimal("0.25"), new BigDecimal("6000.00"), 1, 1));

    /**
     * Listings that only contract details know (no quotes, no orders): MSFT also on IBIS in EUR, so that a
     * reqContractDetails for MSFT STK naming neither currency nor a listing exchange is ambiguous and gets two rows.
     * The conId is the simulator's own.
     */
    static final List<Instrument> ALSO_LISTED = List.of(new Instrument(38708990, "MSFT", SecType.STK, "IBIS", "EUR",
            "MSFT", "", "", "", new BigDecimal("0.01"), new BigDecimal("385.00"), 3, 1));

    private InstrumentUniverse() {
    }

    /**
     * @param contract a reqContractDetails' contract
     * @return every listing it names, {@link #BUILT_IN} then {@link #ALSO_LISTED}: by conId when it has one, else by
     *     the same rule as {@link #resolve} (empty fields match anything, SMART matches every exchange)
     */
    static List<Instrument> matching(Contract contract) {
        return Stream.concat(BUILT_IN.stream(), ALSO_LISTED.stream())
                .filter(i -> contract.conId() > 0 ? i.conId() == contract.conId() : matches(i, contract))
                .toList();
    }

    /**
     * @param pattern a reqMatchingSymbols' pattern
     * @param limit   the most listings to return
     * @return the listings whose symbol starts with the pattern, ignoring case ({@link #BUILT_IN} then
     *     {@link #ALSO_LISTED}), at most {@code limit}; none for a blank pattern
     */
    static List<Instrument> withSymbolPrefix(String pattern, int limit) {
        String prefix = pattern.strip().toUpperCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            return List.of();
        }
        return Stream.concat(BUILT_IN.stream(), ALSO_LISTED.stream())
                .filter(i -> i.symbol().toUpperCase(Locale.ROOT).startsWith(prefix))
                .limit(limit)
                .toList();
    }

    /**
     * @param contract a request's contract
     * @return the instrument it names, or empty (TWS error 200)
     */
    static Optional<Instrument> resolve(Contract contract) {
        if (contract.conId() > 0) {
            return BUILT_IN.stream().filter(i -> i.conId() == contract.conId()).findFirst();
        }
        return BUILT_IN.stream().filter(i -> matches(i, contract)).findFirst();
    }

    /**
     * @param conId a contract id
     * @return the instrument, of {@link #BUILT_IN} or {@link #ALSO_LISTED}, with that conId
     */
    static Optional<Instrument> byConId(int conId) {
        return Stream.concat(BUILT_IN.stream(), ALSO_LISTED.stream()).filter(i -> i.conId() == conId).findFirst();
    }

    private static boolean matches(Instrument i, Contract c) {
        boolean named = c.symbol().isEmpty() ? c.localSymbol().equalsIgnoreCase(i.localSymbol())
                : c.symbol().equalsIgnoreCase(i.symbol());
        return named && c.secType() == i.secType()
                && optional(c.currency(), i.currency())
                && (c.exchange().isEmpty() || c.exchange().equalsIgnoreCase(SMART)
                        || c.exchange().equalsIgnoreCase(i.exchange()))
                && (c.primaryExchange().isEmpty() || c.primaryExchange().equalsIgnoreCase(i.exchange()))
                && optional(c.localSymbol(), i.localSymbol())
                && expiryMatches(i, c.lastTradeDateOrContractMonth())
                && (i.secType() != SecType.FUT || optional(c.multiplier(), i.multiplier()))
                && c.strike() == 0 && c.right().isEmpty();
    }

    private static boolean expiryMatches(Instrument i, String expiry) {
        return expiry.isEmpty() || expiry.equals(i.contractMonth()) || expiry.equals(i.lastTradeDate());
    }

    private static boolean optional(String given, String actual) {
        return given.isEmpty() || given.equalsIgnoreCase(actual);
    }

    private static Instrument stock(int conId, String symbol, String listing, String price) {
        return new Instrument(conId, symbol, SecType.STK, listing, "USD", symbol, "", "", "", new BigDecimal("0.01"),
                new BigDecimal(price), 3, 100);
    }
}
