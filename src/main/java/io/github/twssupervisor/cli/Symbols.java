package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's short names for contracts: {@code AAPL} (US stock, SMART, USD), {@code EUR.USD} (forex pair on
 * IDEALPRO), {@code ES/202612@CME} (future: symbol, contract month, exchange).
 */
final class Symbols {

    private static final Pattern STOCK = Pattern.compile("[A-Z][A-Z0-9.]{0,11}");
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
        if (STOCK.matcher(upper).matches()) {
            return Contract.stock(upper);
        }
        throw new IllegalArgumentException("'" + name + "' is not a symbol: use AAPL (stock), EUR.USD (forex) or "
                + "ES/202612@CME (future)");
    }
}
