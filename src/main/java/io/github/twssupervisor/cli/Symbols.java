package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's short names for contracts:
 *
 * <pre>
 *   AAPL            US stock or ETF, routed SMART, in USD
 *   AAPL@NASDAQ     the same, with its primary exchange (to tell apart symbols listed on several exchanges)
 *   EUR.USD         forex pair on IDEALPRO
 *   ES/202612@CME   future: symbol, contract month (or expiry date), exchange
 *   #265598         a conId: TWS finds the contract by its id (sent as SMART, type STK: the id decides)
 * </pre>
 */
final class Symbols {

    /** One line for every command's --help that takes a symbol. */
    static final String HELP = "AAPL (US stock, SMART), AAPL@NASDAQ (with its primary exchange), EUR.USD (forex), "
            + "ES/202612@CME (future), #265598 (a conId).";

    private static final Pattern STOCK = Pattern.compile("[A-Z][A-Z0-9.]{0,11}");
    private static final Pattern LISTED_STOCK = Pattern.compile("([A-Z][A-Z0-9.]{0,11})@([A-Z][A-Z0-9.]{1,15})");
    private static final Pattern CON_ID = Pattern.compile("#([1-9]\\d{0,9})");
    private static final Pattern FOREX = Pattern.compile("([A-Z]{3})\\.([A-Z]{3})");
    private static final Pattern FUTURE = Pattern.compile("([A-Z0-9]{1,10})/(\\d{6}|\\d{8})@([A-Z]{2,10})");

    private Symbols() {
    }

    /**
     * @param list comma-separated names
     * @return the contracts, in order
     * @throws IllegalArgumentException naming the first name that is none of the forms
     */
    static List<Contract> parseList(String list) {
        List<Contract> contracts = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                contracts.add(parse(name.trim()));
            }
        }
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("no symbols in '" + list + "'");
        }
        return contracts;
    }

    static Contract parse(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        Matcher forex = FOREX.matcher(upper);
        if (forex.matches()) {
            return Contract.forex(forex.group(1), forex.group(2));
        }
        Matcher future = FUTURE.matcher(upper);
        if (future.matches()) {
            return Contract.future(future.group(1), future.group(2), future.group(3));
        }
        Matcher listed = LISTED_STOCK.matcher(upper);
        if (listed.matches()) {
            return Contract.stock(listed.group(1)).withPrimaryExchange(listed.group(2));
        }
        Matcher conId = CON_ID.matcher(upper);
        if (conId.matches() && Long.parseLong(conId.group(1)) <= Integer.MAX_VALUE) {
            return new Contract(Integer.parseInt(conId.group(1)), "", SecType.STK, "", 0, "", "", "SMART", "", "", "",
                    "");
        }
        if (STOCK.matcher(upper).matches()) {
            return Contract.stock(upper);
        }
        throw new IllegalArgumentException("'" + name + "' is not a symbol: use " + HELP);
    }
}
