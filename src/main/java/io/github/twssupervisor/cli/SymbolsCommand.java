package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractDescription;
import io.github.twssupervisor.contracts.ContractsFacade;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code symbols PATTERN}: TWS's symbol search (reqMatchingSymbols), one line or JSON object per match. */
@Command(name = "symbols", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches TWS for contracts (reqMatchingSymbols) whose symbol starts with PATTERN or, for "
                + "longer patterns, whose company name holds it as a word, and prints every match (TWS sends at most "
                + "16): conId, symbol, type, primary exchange, currency, derivative types, description.",
            "IB allows one search per second; the library keeps that pacing.",
            "", "Examples:", "  symbols AA", "  symbols \"Interactive Brokers\" --json", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:found", "1:no match, not connected or TWS refused",
            "2:invalid arguments"})
final class SymbolsCommand implements Callable<Integer> {

    private static final String ROW = "%-10s %-8s %-5s %-8s %-4s %-16s %s";

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "The start of a symbol (AA) or a word of a company "
            + "name (Apple): printable ASCII, at most " + ContractsFacade.MAX_PATTERN_LENGTH + " characters.")
    String pattern;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        ContractsFacade.invalidPattern(pattern).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "PATTERN: " + problem);
        });
        try (TwsSession session = connection.open(main.setup())) {
            List<ContractDescription> rows = TwsSession.await(session.contracts().search(pattern),
                    "reqMatchingSymbols " + pattern);
            if (rows.isEmpty()) {
                System.err.println("no symbol matches " + pattern);
                return Main.EXIT_FAILURE;
            }
            if (!connection.json) {
                System.out.println(String.format(ROW, "CONID", "SYMBOL", "TYPE", "PRIMARY", "CCY", "DERIVATIVES",
                        "DESCRIPTION"));
            }
            rows.forEach(d -> System.out.println(connection.json ? json(d) : line(d)));
            return 0;
        }
    }

    private static String line(ContractDescription d) {
        Contract c = d.contract();
        return String.format(ROW, c.conId(), c.symbol(), c.secType(), c.primaryExchange(), c.currency(),
                String.join(",", d.derivativeSecTypes()), d.description()).stripTrailing();
    }

    private static String json(ContractDescription d) {
        Contract c = d.contract();
        return Json.object("symbol").put("conId", c.conId()).put("symbol", c.symbol())
                .put("secType", c.secType().name()).put("primaryExchange", c.primaryExchange())
                .put("currency", c.currency()).put("derivativeSecTypes", d.derivativeSecTypes())
                .put("description", d.description()).put("issuerId", d.issuerId()).toString();
    }
}
