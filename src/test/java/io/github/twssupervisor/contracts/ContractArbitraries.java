package io.github.twssupervisor.contracts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of valid contracts, one shape per security type, for the codec round trips. Every field stays
 * inside what {@link Contract} accepts (printable ASCII, ISO currency, {@code yyyyMM[dd]} dates, C/P rights); the
 * strike never takes {@link Double#MAX_VALUE}, which the wire reads as "unset".
 */
public final class ContractArbitraries {

    private ContractArbitraries() {
    }

    /** @return any valid contract of any security type */
    public static Arbitrary<Contract> contracts() {
        return Arbitraries.oneOf(stocksAndOthers(), futures(), options(), byConId());
    }

    /** @return any valid contract that market data requests accept (no BAG) */
    public static Arbitrary<Contract> marketDataContracts() {
        return contracts().filter(c -> c.secType() != SecType.BAG);
    }

    private static Arbitrary<Contract> stocksAndOthers() {
        Arbitrary<SecType> types = Arbitraries.of(SecType.class)
                .filter(t -> t != SecType.OPT && t != SecType.FOP && t != SecType.FUT);
        return Combinators.combine(conIds(), symbols(), types, optionalDates(), strikes(), text(), currencies(),
                text()).as((conId, symbol, type, date, strike, exchange, currency, primary) ->
                new Contract(conId, symbol, type, date, strike, "", "", exchange, primary, currency, "", ""));
    }

    private static Arbitrary<Contract> futures() {
        return Combinators.combine(conIds(), symbols(), dates(), text(), currencies(), text(), text())
                .as((conId, symbol, month, exchange, currency, localSymbol, multiplier) ->
                        new Contract(conId, symbol, SecType.FUT, month, 0, "", multiplier, exchange, "", currency,
                                localSymbol, ""));
    }

    private static Arbitrary<Contract> options() {
        Arbitrary<SecType> types = Arbitraries.of(SecType.OPT, SecType.FOP);
        return Combinators.combine(conIds(), symbols(), types, dates(), positiveStrikes(), rights(), text(),
                text()).as((conId, symbol, type, expiry, strike, right, exchange, tradingClass) ->
                new Contract(conId, symbol, type, expiry, strike, right, "100", exchange, "", "USD", "",
                        tradingClass));
    }

    /** Only a conId: everything else empty, as for a contract looked up by id. */
    private static Arbitrary<Contract> byConId() {
        Arbitrary<SecType> types = Arbitraries.of(SecType.class);
        return Combinators.combine(Arbitraries.integers().between(1, Integer.MAX_VALUE), types)
                .as((conId, type) -> new Contract(conId, "", type, "", 0, "", "", "", "", "", "", ""));
    }

    private static Arbitrary<Integer> conIds() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    /** At least one non-blank character, so a contract without conId still has a symbol. */
    private static Arbitrary<String> symbols() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
    }

    /** Printable ASCII, possibly empty, without leading or trailing blanks (the constructor trims). */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12).map(String::trim);
    }

    private static Arbitrary<String> currencies() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(3));
    }

    private static Arbitrary<String> dates() {
        return Arbitraries.oneOf(Arbitraries.strings().numeric().ofLength(6),
                Arbitraries.strings().numeric().ofLength(8));
    }

    private static Arbitrary<String> optionalDates() {
        return Arbitraries.oneOf(Arbitraries.just(""), dates());
    }

    private static Arbitrary<String> rights() {
        return Arbitraries.of("C", "P", "CALL", "PUT");
    }

    private static Arbitrary<Double> strikes() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), positiveStrikes());
    }

    private static Arbitrary<Double> positiveStrikes() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.0001, 1e6).ofScale(4).filter(d -> d > 0),
                // any positive finite double below the sentinel, uniformly over its bit patterns
                Arbitraries.longs().between(1, Double.doubleToLongBits(Double.MAX_VALUE) - 1)
                        .map(Double::longBitsToDouble),
                Arbitraries.of(0.5, 200.0, 1e-7, 1e16, 1e23, Double.MIN_VALUE, Math.nextDown(Double.MAX_VALUE)));
    }
}
