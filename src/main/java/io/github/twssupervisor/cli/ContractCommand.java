package io.github.twssupervisor.cli;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractDetails;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code contract SYMBOL}: TWS's details of a contract (reqContractDetails), one line or JSON object per match. */
@Command(name = "contract", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Looks a contract up at TWS (reqContractDetails) and prints every match: conId, symbol, type, "
                + "exchange, primary exchange, currency, local symbol, trading class, min tick, long name, time zone.",
            "", "Examples:", "  contract AAPL", "  contract EUR.USD --json", "  contract ES/202612@CME",
            "  contract AAPL@NASDAQ",
            "  contract #265598", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:found", "1:no such contract, not connected or TWS "
                + "refused", "2:invalid arguments"})
final class ContractCommand implements Callable<Integer> {

    private static final String ROW = "%-10s %-8s %-4s %-8s %-8s %-4s %-12s %-8s %8s  %s (%s)";

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = Symbols.HELP)
    String symbol;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        Contract contract;
        try {
            contract = Symbols.parse(symbol);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "SYMBOL: " + e.getMessage(), e);
        }
        try (TwsSession session = connection.open(main.setup())) {
            List<ContractDetails> rows = TwsSession.await(session.contracts().details(contract),
                    "reqContractDetails " + contract.displayName());
            if (!connection.json) {
                System.out.println(String.format(ROW, "CONID", "SYMBOL", "TYPE", "EXCHANGE", "PRIMARY", "CCY",
                        "LOCAL", "CLASS", "MINTICK", "NAME", "TIME ZONE"));
            }
            rows.forEach(d -> System.out.println(connection.json ? json(d) : line(d)));
            return 0;
        }
    }

    private static String line(ContractDetails d) {
        Contract c = d.contract();
        return String.format(ROW, c.conId(), c.symbol(), c.secType(), c.exchange(), c.primaryExchange(),
                c.currency(), c.localSymbol(), c.tradingClass(), d.minTick(), d.longName(), d.timeZoneId());
    }

    private static String json(ContractDetails d) {
        Contract c = d.contract();
        return Json.object("contract").put("conId", c.conId()).put("symbol", c.symbol())
                .put("secType", c.secType().name()).put("exchange", c.exchange())
                .put("primaryExchange", c.primaryExchange()).put("currency", c.currency())
                .put("localSymbol", c.localSymbol()).put("tradingClass", c.tradingClass())
                .put("minTick", d.minTick()).put("longName", d.longName()).put("timeZoneId", d.timeZoneId())
                .put("tradingHours", d.tradingHours()).toString();
    }
}
