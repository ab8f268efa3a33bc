package io.github.twssupervisor.cli;

import akka.stream.javadsl.Sink;
import io.github.twssupervisor.account.PnlEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pnl [--account ID] [--conid N] [--count N]}: daily, unrealized and realized P&amp;L (reqPnL, reqPnLSingle). */
@Command(name = "pnl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints an account's daily, unrealized and realized P&L as TWS sends it, about once a second "
                + "(reqPnL), or one position's with its size and value (reqPnLSingle, --conid), then exits.",
            "", "Examples:", "  pnl", "  pnl --account DU123456 --count 5", "  pnl --conid 265598 --json", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed", "1:not connected, an account the session "
                + "does not manage, or TWS did not answer in time", "2:invalid arguments"})
final class PnlCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--account", paramLabel = "ID", description = "The account (default: the session's first managed "
            + "account).")
    String account;

    @Option(names = "--conid", paramLabel = "N", description = "One position's contract id (see `positions`) for its "
            + "own P&L (reqPnLSingle).")
    Integer conId;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "How many updates to print "
            + "(default: ${DEFAULT-VALUE}; TWS sends about one a second).")
    int count;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        if (count < 1 || count > 3600) {
            throw new ParameterException(spec.commandLine(), "--count must be 1..3600, was " + count);
        }
        if (conId != null && conId <= 0) {
            throw new ParameterException(spec.commandLine(), "--conid must be a contract id (> 0), was " + conId);
        }
        try (TwsSession session = connection.open(main.setup())) {
            String id = session.accountOrFirst(account);
            var source = conId == null ? session.account().pnl(id) : session.account().pnl(id, conId);
            Duration wait = connection.parsedTimeout().plusSeconds(count);
            String what = conId == null ? "reqPnL " + id : "reqPnLSingle " + id + " #" + conId;
            List<PnlEvent> updates = TwsSession.await(source
                    .map(e -> {
                        Lifecycle.of(e).filter(s -> s instanceof Lifecycle.Ended).ifPresent(s -> {
                            throw new IllegalStateException(((Lifecycle.Ended) s).message());
                        });
                        return e;
                    })
                    .filter(e -> !(e instanceof PnlEvent.Status))
                    .take(count).completionTimeout(wait).runWith(Sink.seq(), session.system()), what);
            String shown = session.shown(id);
            updates.forEach(e -> System.out.println(connection.json ? json(shown, e) : line(shown, e)));
            return 0;
        }
    }

    private static String line(String account, PnlEvent event) {
        if (event instanceof PnlEvent.Single s) {
            return String.format("%s position %s daily %s unrealized %s realized %s value %s", account,
                    s.position().toPlainString(), AccountCommand.number(s.daily()),
                    AccountCommand.number(s.unrealized()), AccountCommand.number(s.realized()),
                    AccountCommand.number(s.value()));
        }
        PnlEvent.Pnl p = (PnlEvent.Pnl) event;
        return String.format("%s daily %s unrealized %s realized %s", account, AccountCommand.number(p.daily()),
                AccountCommand.number(p.unrealized()), AccountCommand.number(p.realized()));
    }

    private static String json(String account, PnlEvent event) {
        if (event instanceof PnlEvent.Single s) {
            return Json.object("pnlSingle").put("account", account).put("position", s.position())
                    .put("daily", s.daily()).put("unrealized", s.unrealized()).put("realized", s.realized())
                    .put("value", s.value()).toString();
        }
        PnlEvent.Pnl p = (PnlEvent.Pnl) event;
        return Json.object("pnl").put("account", account).put("daily", p.daily()).put("unrealized", p.unrealized())
                .put("realized", p.realized()).toString();
    }
}
