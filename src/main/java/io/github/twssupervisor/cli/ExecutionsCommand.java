package io.github.twssupervisor.cli;

import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.ExecutionFilter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code executions}: today's executions of this client id (reqExecutions), as a table or JSON lines. */
@Command(name = "executions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists today's executions of this client id (reqExecutions): order id, symbol, side, qty, "
                + "price, time, execution id.", "", "Examples:", "  executions --client-id 3",
                "  executions --symbol AAPL --json", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:listed", "1:not connected or TWS refused",
                "2:invalid arguments"})
final class ExecutionsCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Only this symbol's executions, e.g. --symbol "
            + "AAPL (the underlying symbol: EUR for EUR.USD, ES for ES/202612@CME, AAPL for AAPL@NASDAQ; a conId "
            + "form (#265598) has no symbol and matches nothing).")
    String symbol;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        String filterSymbol;
        try {
            filterSymbol = symbol == null ? "" : Symbols.parse(symbol).symbol();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--symbol: " + e.getMessage(), e);
        }
        Main.Setup setup = main.setup();
        try (TwsSession session = connection.open(setup)) {
            ExecutionFilter filter = new ExecutionFilter(session.ready().clientId(), "", "", filterSymbol, "", "", "");
            List<Execution> executions = TwsSession.await(session.orders().executions(filter), "reqExecutions");
            new OrderFormat(connection.json, setup.settings().log()).executions(executions).forEach(System.out::println);
            return 0;
        }
    }
}
