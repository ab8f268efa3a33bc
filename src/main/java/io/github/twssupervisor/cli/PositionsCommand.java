package io.github.twssupervisor.cli;

import io.github.twssupervisor.account.PositionEvent;
import io.github.twssupervisor.account.Positions;
import io.github.twssupervisor.contracts.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code positions}: the session's positions (reqPositions), one line or JSON object per holding. */
@Command(name = "positions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the positions of every account of the session once TWS's full set is in "
                + "(reqPositions): account, conId, symbol, type, currency, position, average cost.",
            "", "Examples:", "  positions", "  positions --json", "  positions --port 4002 --client-id 9", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed (also when there are none)", "1:not "
                + "connected, or TWS did not answer in time", "2:invalid arguments"})
final class PositionsCommand implements Callable<Integer> {

    private static final String ROW = "%-12s %10s %-10s %-4s %-4s %14s %14s";

    @ParentCommand
    private Main main;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        try (TwsSession session = connection.open(main.setup())) {
            Positions positions = TwsSession.await(session.account().currentPositions(), "reqPositions");
            if (connection.json) {
                positions.positions().forEach(p -> System.out.println(json(p, session.shown(p.account()))));
            } else {
                text(positions, session::shown).forEach(System.out::println);
            }
            return 0;
        }
    }

    /**
     * @param positions the positions
     * @param shown     an account as it is printed (masked or not)
     * @return a header and a line per position, or a line saying there are none
     */
    static List<String> text(Positions positions, UnaryOperator<String> shown) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(ROW, "ACCOUNT", "CONID", "SYMBOL", "TYPE", "CCY", "POSITION", "AVG COST"));
        if (positions.positions().isEmpty()) {
            lines.add("(no positions)");
        }
        positions.positions().forEach(p -> lines.add(line(p, shown.apply(p.account()))));
        return lines;
    }

    private static String line(PositionEvent.Position p, String shownAccount) {
        Contract c = p.contract();
        return String.format(ROW, shownAccount, c.conId(), c.displayName(), c.secType(), c.currency(),
                p.position().toPlainString(), AccountCommand.number(p.averageCost()));
    }

    private static String json(PositionEvent.Position p, String shownAccount) {
        Contract c = p.contract();
        return Json.object("position").put("account", shownAccount).put("conId", c.conId())
                .put("symbol", c.symbol()).put("secType", c.secType().name()).put("currency", c.currency())
                .put("position", p.position()).put("averageCost", p.averageCost()).toString();
    }
}
