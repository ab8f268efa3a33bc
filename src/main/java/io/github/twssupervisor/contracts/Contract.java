package io.github.twssupervisor.contracts;

import io.github.twssupervisor.wire.Frames;
import java.util.regex.Pattern;

/**
 * What to trade or quote, as TWS identifies it (TWS-WIRE.md §5.5 contract block). Either a conId or a symbol with its
 * security type, exchange and currency; the factories build the usual shapes. Empty strings mean "not given", as on
 * the wire; a strike of 0 means none.
 *
 * @param conId                        IB's contract id, 0 if unknown
 * @param symbol                       underlying symbol, e.g. {@code AAPL}, {@code EUR}, {@code ES}
 * @param secType                      security type
 * @param lastTradeDateOrContractMonth {@code yyyyMMdd} or {@code yyyyMM} for futures and options
 * @param strike                       option strike, 0 for none
 * @param right                        {@code C} or {@code P} for options, else empty
 * @param multiplier                   contract multiplier, e.g. {@code 100}
 * @param exchange                     routing exchange, e.g. {@code SMART}, {@code IDEALPRO}, {@code CME}
 * @param primaryExchange              listing exchange to disambiguate SMART, e.g. {@code NASDAQ}
 * @param currency                     ISO currency, e.g. {@code USD}
 * @param localSymbol                  the exchange's symbol, e.g. {@code ESZ6}
 * @param tradingClass                 trading class, e.g. {@code NMS}
 */
public record Contract(int conId, String symbol, SecType secType, String lastTradeDateOrContractMonth, double strike,
                       String right, String multiplier, String exchange, String primaryExchange, String currency,
                       String localSymbol, String tradingClass) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DATE = Pattern.compile("\\d{6}|\\d{8}");
    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7E]*");

    /** Normalises nulls to empty strings and validates; every message names the field. */
    public Contract {
        symbol = orEmpty(symbol);
        lastTradeDateOrContractMonth = orEmpty(lastTradeDateOrContractMonth);
        right = orEmpty(right);
        multiplier = orEmpty(multiplier);
        exchange = orEmpty(exchange);
        primaryExchange = orEmpty(primaryExchange);
        currency = orEmpty(currency);
        localSymbol = orEmpty(localSymbol);
        tradingClass = orEmpty(tradingClass);
        require(secType != null, "secType is required");
        require(conId >= 0, "conId must be >= 0, was " + conId);
        require(conId > 0 || !symbol.isBlank() || !localSymbol.isBlank(),
                "a contract needs a conId, a symbol or a localSymbol");
        for (String text : new String[] {symbol, lastTradeDateOrContractMonth, right, multiplier, exchange,
            primaryExchange, currency, localSymbol, tradingClass}) {
            require(TEXT.matcher(text).matches(), "contract fields must be printable ASCII, was '"
                    + Frames.abbreviate(text) + "'");
        }
        require(Double.isFinite(strike) && strike >= 0, "strike must be a finite number >= 0, was " + strike);
        require(right.isEmpty() || right.equals("C") || right.equals("P") || right.equals("CALL")
                || right.equals("PUT"), "right must be C or P, was '" + Frames.abbreviate(right) + "'");
        require(currency.isEmpty() || CURRENCY.matcher(currency).matches(),
                "currency must be a 3-letter ISO code such as USD, was '" + Frames.abbreviate(currency) + "'");
        require(lastTradeDateOrContractMonth.isEmpty() || DATE.matcher(lastTradeDateOrContractMonth).matches(),
                "lastTradeDateOrContractMonth must be yyyyMM or yyyyMMdd, was '"
                        + Frames.abbreviate(lastTradeDateOrContractMonth) + "'");
        if (secType == SecType.OPT || secType == SecType.FOP) {
            require(conId > 0 || (!lastTradeDateOrContractMonth.isEmpty() && strike > 0 && !right.isEmpty()),
                    "an option needs an expiry, a strike and a right (or a conId)");
        }
        if (secType == SecType.FUT) {
            require(conId > 0 || !lastTradeDateOrContractMonth.isEmpty() || !localSymbol.isEmpty(),
                    "a future needs a contract month, a local symbol or a conId");
        }
    }

    /**
     * @param symbol a US stock or ETF symbol
     * @return the stock routed SMART in USD
     */
    public static Contract stock(String symbol) {
        return stock(symbol, "SMART", "USD");
    }

    /**
     * @param symbol   the symbol
     * @param exchange the routing exchange
     * @param currency the currency
     * @return the stock
     */
    public static Contract stock(String symbol, String exchange, String currency) {
        return new Contract(0, symbol, SecType.STK, "", 0, "", "", exchange, "", currency, "", "");
    }

    /**
     * @param base  the base currency, e.g. EUR
     * @param quote the quote currency, e.g. USD
     * @return the pair on IDEALPRO, e.g. EUR.USD
     */
    public static Contract forex(String base, String quote) {
        return new Contract(0, base, SecType.CASH, "", 0, "", "", "IDEALPRO", "", quote, "", "");
    }

    /**
     * @param symbol        the underlying, e.g. ES
     * @param contractMonth {@code yyyyMM} (or the last trade date {@code yyyyMMdd})
     * @param exchange      e.g. CME
     * @return the future in USD
     */
    public static Contract future(String symbol, String contractMonth, String exchange) {
        return new Contract(0, symbol, SecType.FUT, contractMonth, 0, "", "", exchange, "", "USD", "", "");
    }

    /**
     * @param symbol the underlying, e.g. AAPL
     * @param expiry {@code yyyyMMdd}
     * @param strike the strike
     * @param right  {@code C} or {@code P}
     * @return the US equity option (SMART, USD, multiplier 100)
     */
    public static Contract option(String symbol, String expiry, double strike, String right) {
        return new Contract(0, symbol, SecType.OPT, expiry, strike, right, "100", "SMART", "", "USD", "", "");
    }

    /**
     * @param exchange the listing exchange, e.g. NASDAQ
     * @return a copy that names its primary exchange (disambiguates SMART routing)
     */
    public Contract withPrimaryExchange(String exchange) {
        return new Contract(conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier,
                this.exchange, exchange, currency, localSymbol, tradingClass);
    }

    /** @return a short name for people: {@code AAPL}, {@code EUR.USD}, {@code ES 202612}, {@code AAPL 20261120 200 C} */
    public String displayName() {
        String name = !symbol.isEmpty() ? symbol : !localSymbol.isEmpty() ? localSymbol : "conId " + conId;
        switch (secType) {
            case CASH:
                return name + "." + currency;
            case FUT:
                return (name + " " + lastTradeDateOrContractMonth).trim();
            case OPT:
            case FOP:
                return (name + " " + lastTradeDateOrContractMonth + " " + strikeText() + " " + right).trim();
            default:
                return name;
        }
    }

    private String strikeText() {
        return strike == Math.rint(strike) ? String.valueOf((long) strike) : String.valueOf(strike);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid contract: " + message);
        }
    }
}
