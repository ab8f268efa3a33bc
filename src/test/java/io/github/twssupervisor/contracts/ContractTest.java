package io.github.twssupervisor.contracts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The factories, {@link Contract#displayName()} and the constructor's validation (TWS-WIRE.md §5.5 conventions). */
class ContractTest {

    // ------------------------------------------------------------------ factories

    @Test
    void stockIsRoutedSmartInUsd() {
        Contract c = Contract.stock("AAPL");

        assertAll(
                () -> assertEquals(0, c.conId()),
                () -> assertEquals("AAPL", c.symbol()),
                () -> assertEquals(SecType.STK, c.secType()),
                () -> assertEquals("SMART", c.exchange()),
                () -> assertEquals("USD", c.currency()),
                () -> assertEquals("", c.primaryExchange()),
                () -> assertEquals("", c.lastTradeDateOrContractMonth()),
                () -> assertEquals(0.0, c.strike()),
                () -> assertEquals("", c.right()),
                () -> assertEquals("", c.multiplier()),
                () -> assertEquals("", c.localSymbol()),
                () -> assertEquals("", c.tradingClass()));
    }

    @Test
    void stockWithExchangeAndCurrencyKeepsThem() {
        Contract c = Contract.stock("SAP", "IBIS", "EUR");

        assertAll(
                () -> assertEquals("SAP", c.symbol()),
                () -> assertEquals(SecType.STK, c.secType()),
                () -> assertEquals("IBIS", c.exchange()),
                () -> assertEquals("EUR", c.currency()));
    }

    @Test
    void forexIsTheBaseCurrencyOnIdealproQuotedInTheOther() {
        Contract c = Contract.forex("EUR", "USD");

        assertAll(
                () -> assertEquals("EUR", c.symbol()),
                () -> assertEquals(SecType.CASH, c.secType()),
                () -> assertEquals("IDEALPRO", c.exchange()),
                () -> assertEquals("USD", c.currency()));
    }

    @Test
    void futureCarriesItsMonthAndExchange() {
        Contract c = Contract.future("ES", "202612", "CME");

        assertAll(
                () -> assertEquals("ES", c.symbol()),
                () -> assertEquals(SecType.FUT, c.secType()),
                () -> assertEquals("202612", c.lastTradeDateOrContractMonth()),
                () -> assertEquals("CME", c.exchange()),
                () -> assertEquals("USD", c.currency()));
    }

    @Test
    void optionIsAUsEquityOptionWithMultiplier100() {
        Contract c = Contract.option("AAPL", "20261120", 200, "C");

        assertAll(
                () -> assertEquals("AAPL", c.symbol()),
                () -> assertEquals(SecType.OPT, c.secType()),
                () -> assertEquals("20261120", c.lastTradeDateOrContractMonth()),
                () -> assertEquals(200.0, c.strike()),
                () -> assertEquals("C", c.right()),
                () -> assertEquals("100", c.multiplier()),
                () -> assertEquals("SMART", c.exchange()),
                () -> assertEquals("USD", c.currency()));
    }

    @Test
    void withPrimaryExchangeChangesOnlyThePrimaryExchange() {
        Contract option = Contract.option("AAPL", "20261120", 200, "P");

        Contract c = option.withPrimaryExchange("NASDAQ");

        assertEquals("NASDAQ", c.primaryExchange());
        assertEquals(new Contract(option.conId(), option.symbol(), option.secType(),
                option.lastTradeDateOrContractMonth(), option.strike(), option.right(), option.multiplier(),
                option.exchange(), "NASDAQ", option.currency(), option.localSymbol(), option.tradingClass()), c);
        assertEquals("SMART", c.exchange(), "the routing exchange stays");
        assertEquals("", option.primaryExchange(), "the original is unchanged");
    }

    // ------------------------------------------------------------------ displayName

    static Stream<Arguments> displayNames() {
        return Stream.of(
                Arguments.of(Contract.stock("AAPL"), "AAPL"),
                Arguments.of(Contract.forex("EUR", "USD"), "EUR.USD"),
                Arguments.of(Contract.future("ES", "202612", "CME"), "ES 202612"),
                Arguments.of(Contract.option("AAPL", "20261120", 200, "C"), "AAPL 20261120 200 C"),
                Arguments.of(Contract.option("SPY", "20261218", 412.5, "P"), "SPY 20261218 412.5 P"),
                Arguments.of(new Contract(265598, "", SecType.STK, "", 0, "", "", "", "", "", "", ""),
                        "conId 265598"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("displayNames")
    void displayNameIsShortAndReadable(Contract contract, String expected) {
        assertEquals(expected, contract.displayName());
    }

    // ------------------------------------------------------------------ validation

    /** Each case: the construction, and a fragment that the message must contain to name the problem. */
    static Stream<Arguments> invalidContracts() {
        return Stream.of(
                invalid("no conId, symbol or localSymbol",
                        () -> new Contract(0, "", SecType.STK, "", 0, "", "", "SMART", "", "USD", "", ""),
                        "conId, a symbol or a localSymbol"),
                invalid("blank symbol", () -> Contract.stock("   "), "conId, a symbol or a localSymbol"),
                invalid("null secType",
                        () -> new Contract(0, "AAPL", null, "", 0, "", "", "SMART", "", "USD", "", ""),
                        "secType"),
                invalid("negative conId",
                        () -> new Contract(-1, "AAPL", SecType.STK, "", 0, "", "", "SMART", "", "USD", "", ""),
                        "conId must be >= 0, was -1"),
                invalid("NaN strike", () -> Contract.option("AAPL", "20261120", Double.NaN, "C"), "strike"),
                invalid("negative strike", () -> Contract.option("AAPL", "20261120", -200, "C"), "strike"),
                invalid("infinite strike",
                        () -> Contract.option("AAPL", "20261120", Double.POSITIVE_INFINITY, "C"), "strike"),
                invalid("right X", () -> Contract.option("AAPL", "20261120", 200, "X"), "right must be C or P"),
                invalid("lower-case currency", () -> Contract.stock("AAPL", "SMART", "usd"), "currency"),
                invalid("two-letter currency", () -> Contract.stock("AAPL", "SMART", "US"), "currency"),
                invalid("date with a dash", () -> Contract.future("ES", "2026-12", "CME"),
                        "lastTradeDateOrContractMonth"),
                invalid("non-ASCII symbol", () -> Contract.stock("\u00c9"), "printable ASCII"),
                invalid("option without strike", () -> Contract.option("AAPL", "20261120", 0, "C"),
                        "an option needs an expiry, a strike and a right"),
                invalid("option without right", () -> Contract.option("AAPL", "20261120", 200, ""),
                        "an option needs an expiry, a strike and a right"),
                invalid("option without expiry", () -> Contract.option("AAPL", "", 200, "C"),
                        "an option needs an expiry, a strike and a right"),
                invalid("future option without expiry",
                        () -> new Contract(0, "ES", SecType.FOP, "", 5000, "C", "50", "CME", "", "USD", "", ""),
                        "an option needs an expiry, a strike and a right"),
                invalid("future without month", () -> Contract.future("ES", "", "CME"),
                        "a future needs a contract month"));
    }

    private static Arguments invalid(String label, Executable construction, String problem) {
        return Arguments.of(label, construction, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidContracts")
    void invalidContractIsRejectedWithAMessageNamingTheProblem(String label, Executable construction,
                                                              String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);

        assertTrue(e.getMessage().contains(problem), () -> "message '" + e.getMessage() + "' should contain '"
                + problem + "'");
    }

    @Test
    void theRejectedValueIsQuotedInTheMessage() {
        assertAll(
                () -> assertMessageContains(() -> Contract.option("AAPL", "20261120", 200, "X"), "'X'"),
                () -> assertMessageContains(() -> Contract.stock("AAPL", "SMART", "usd"), "'usd'"),
                () -> assertMessageContains(() -> Contract.future("ES", "2026-12", "CME"), "'2026-12'"),
                () -> assertMessageContains(() -> Contract.stock("\u00c9"), "\u00c9"),
                () -> assertMessageContains(() -> Contract.option("AAPL", "20261120", Double.NaN, "C"), "NaN"));
    }

    @Test
    void aConIdAloneIsEnoughEvenForOptionsAndFutures() {
        assertAll(
                () -> assertEquals(SecType.OPT,
                        new Contract(12345, "", SecType.OPT, "", 0, "", "", "", "", "", "", "").secType()),
                () -> assertEquals(SecType.FUT,
                        new Contract(12345, "", SecType.FUT, "", 0, "", "", "", "", "", "", "").secType()));
    }

    @Test
    void aFutureMayBeNamedByItsLocalSymbolInsteadOfAMonth() {
        Contract c = new Contract(0, "ES", SecType.FUT, "", 0, "", "", "CME", "", "USD", "ESZ6", "");

        assertEquals("ESZ6", c.localSymbol());
    }

    @Test
    void longRightNamesAndBothDateLengthsAreAccepted() {
        assertAll(
                () -> assertEquals("CALL", Contract.option("AAPL", "20261120", 200, "CALL").right()),
                () -> assertEquals("PUT", Contract.option("AAPL", "20261120", 200, "PUT").right()),
                () -> assertEquals("202612", Contract.option("AAPL", "202612", 200, "C")
                        .lastTradeDateOrContractMonth()));
    }

    @Test
    void nullsAreNormalisedToEmptyStrings() {
        Contract c = new Contract(0, "AAPL", SecType.STK, null, 0, null, null, null, null, null, null, null);

        assertAll(
                () -> assertEquals("", c.lastTradeDateOrContractMonth()),
                () -> assertEquals("", c.right()),
                () -> assertEquals("", c.multiplier()),
                () -> assertEquals("", c.exchange()),
                () -> assertEquals("", c.primaryExchange()),
                () -> assertEquals("", c.currency()),
                () -> assertEquals("", c.localSymbol()),
                () -> assertEquals("", c.tradingClass()));
    }

    @Test
    void aNullSymbolIsNormalisedWhenAConIdIdentifiesTheContract() {
        Contract c = new Contract(265598, null, SecType.STK, null, 0, null, null, "SMART", null, "USD", null, null);

        assertEquals("", c.symbol());
    }

    @Test
    void withPrimaryExchangeNullClearsIt() {
        Contract c = Contract.stock("AAPL").withPrimaryExchange("NASDAQ").withPrimaryExchange(null);

        assertEquals("", c.primaryExchange());
    }

    private static void assertMessageContains(Executable construction, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' should contain '"
                + fragment + "'");
    }
}
