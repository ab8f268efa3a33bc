package io.github.twssupervisor.cli;

import io.github.twssupervisor.account.AccountSummary;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountSummaryRequest;
import io.github.twssupervisor.account.AccountUpdateEvent;
import io.github.twssupervisor.account.AccountView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code account [--account ID]}: one account's summary values and portfolio (reqAccountSummary, reqAccountUpdates). */
@Command(name = "account", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints one account's summary (net liquidation, cash, buying power, gross position value, "
                + "unrealized and realized P&L; reqAccountSummary) and its portfolio (position, market price and "
                + "value, average cost, unrealized and realized P&L; reqAccountUpdates), once TWS's full sets are in.",
            "", "Examples:", "  account", "  account --account DU123456 --json", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed", "1:not connected, an account the session "
                + "does not manage, or TWS did not answer in time", "2:invalid arguments"})
final class AccountCommand implements Callable<Integer> {

    /** The summary's tags: what a person looks at first. */
    static final List<String> TAGS = List.of("NetLiquidation", "TotalCashValue", "BuyingPower", "GrossPositionValue",
            "UnrealizedPnL", "RealizedPnL");
    private static final String ITEM = "%-10s %10s %12s %12s %14s %12s %12s %12s";

    @ParentCommand
    private Main main;

    @Option(names = "--account", paramLabel = "ID", description = "The account (default: the session's first managed "
            + "account).")
    String account;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        try (TwsSession session = connection.open(main.setup())) {
            String id = session.accountOrFirst(account);
            AccountView view = TwsSession.await(session.account().account(id), "reqAccountUpdates " + id);
            AccountSummaryRequest request = new AccountSummaryRequest(AccountSummaryRequest.ALL, TAGS);
            AccountSummary summary = TwsSession.await(session.account().currentSummary(request),
                    request.description());
            List<AccountSummaryEvent.Row> rows = summary.rows().stream().filter(r -> r.account().equals(id)).toList();
            if (connection.json) {
                rows.forEach(r -> System.out.println(Json.object("summary").put("account", session.shown(r.account()))
                        .put("tag", r.tag()).put("value", r.value()).put("currency", r.currency())));
                view.portfolio().forEach(p -> System.out.println(json(p, session.shown(p.account()))));
                return 0;
            }
            text(session.shown(id), view, rows).forEach(System.out::println);
            return 0;
        }
    }

    /** @return the account's summary rows, a blank line, and its portfolio as a table */
    static List<String> text(String id, AccountView view, List<AccountSummaryEvent.Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("Account " + id + (view.updateTime().map(t -> " (TWS time " + t + ")").orElse("")));
        rows.forEach(r -> lines.add(String.format("  %-20s %16s %s", r.tag(), r.value(), r.currency())));
        lines.add("");
        lines.add(String.format(ITEM, "SYMBOL", "CONID", "POSITION", "PRICE", "VALUE", "AVG COST", "UNREAL PNL",
                "REAL PNL"));
        if (view.portfolio().isEmpty()) {
            lines.add("(no portfolio items)");
        }
        view.portfolio().forEach(p -> lines.add(String.format(ITEM, p.contract().displayName(), p.contract().conId(),
                p.position().toPlainString(), number(p.marketPrice()), number(p.marketValue()),
                number(p.averageCost()), number(p.unrealizedPnl()), number(p.realizedPnl()))));
        return lines;
    }

    /** @return the number with two decimals, or {@code -} when TWS sent none (NaN) */
    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }

    private static Json json(AccountUpdateEvent.Portfolio p, String shownAccount) {
        return Json.object("portfolio").put("account", shownAccount).put("conId", p.contract().conId())
                .put("symbol", p.contract().symbol()).put("position", p.position())
                .put("marketPrice", p.marketPrice()).put("marketValue", p.marketValue())
                .put("averageCost", p.averageCost()).put("unrealizedPnl", p.unrealizedPnl())
                .put("realizedPnl", p.realizedPnl());
    }
}
