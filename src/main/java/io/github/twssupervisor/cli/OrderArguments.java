package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Order;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What describes an order on a command line, {@code buy|sell QTY SYMBOL [TYPE PRICES...]} and its options: one syntax
 * for the {@code order} command and the console's {@code /order}.
 */
final class OrderArguments {

    @Parameters(index = "0", paramLabel = "buy|sell", completionCandidates = Sides.class, description = "The side.")
    String side;

    @Parameters(index = "1", paramLabel = "QTY", description = "The quantity, > 0 (e.g. 100; 0.5 where fractions are "
            + "allowed).")
    double quantity;

    @Parameters(index = "2", paramLabel = "SYMBOL", description = Symbols.HELP)
    String symbol;

    @Parameters(index = "3..*", paramLabel = "TYPE", arity = "0..*", completionCandidates = Types.class,
            description = {"The order type and its prices "
            + "(default: mkt): mkt | lmt PRICE | stp PRICE | stp-lmt STOP LIMIT | trail AMOUNT | trail-pct PERCENT | "
            + "moc | loc PRICE. E.g. 'lmt 150.25', 'stp-lmt 149 148.5', 'trail-pct 1.5'."})
    List<String> type = new ArrayList<>();

    @Option(names = "--tif", paramLabel = "TIF", description = "Time in force: DAY (default), GTC, IOC, OPG, GTD "
            + "(with --good-till). E.g. --tif GTC.")
    String tif;

    @Option(names = "--good-till", paramLabel = "TIME", description = "For GTD: \"yyyyMMdd HH:mm:ss\" with an optional "
            + "zone, e.g. --good-till \"20261231 16:00:00 US/Eastern\" (implies --tif GTD).")
    String goodTill;

    @Option(names = "--outside-rth", description = "May fill outside regular trading hours.")
    boolean outsideRth;

    @Option(names = "--account", paramLabel = "A", description = "The account, for logins with several (e.g. "
            + "--account DU111111).")
    String account;

    @Option(names = "--ref", paramLabel = "R", description = "Your reference, shown by TWS and in executions (e.g. "
            + "--ref strategy-7).")
    String ref;

    @Option(names = "--bracket", arity = "2", paramLabel = "PRICE", description = "With lmt: also a take-profit limit "
            + "and a stop-loss stop on the other side, e.g. 'lmt 190 --bracket 195 185'; follows all three.")
    List<Double> bracket;

    /** The sides, for completion. */
    static final class Sides extends ArrayList<String> {

        private static final long serialVersionUID = 1L;

        Sides() {
            super(List.of("buy", "sell"));
        }
    }

    /** The order type words, for completion. */
    static final class Types extends ArrayList<String> {

        private static final long serialVersionUID = 1L;

        Types() {
            super(List.of("mkt", "lmt", "stp", "stp-lmt", "trail", "trail-pct", "moc", "loc"));
        }
    }

    /**
     * @return one order, or a bracket's three (entry, take-profit, stop-loss)
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    List<Order> orders() {
        return OrderCommand.orders(side, quantity, type, tif, goodTill, outsideRth, account, ref, bracket);
    }

    /**
     * @return the contract SYMBOL names
     * @throws IllegalArgumentException when it is no symbol
     */
    Contract contract() {
        return Symbols.parse(symbol);
    }
}
