package io.github.twssupervisor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code json-client}: a client of a JSON server (the JSON profile, {@code json-server}) on the supervised connection,
 * in one of three modes. Each mode is a subcommand; all print the connection's state changes as they happen.
 */
@Command(name = "json-client", mixinStandardHelpOptions = true,
        description = {"A client of a JSON server (4-byte length + UTF-8 JSON: json-server) on the same supervised "
                + "connection as TWS: it reconnects with backoff and prints its state changes. The token, if the "
                + "server wants one, comes from tws.json.client.token or the TWS_JSON_TOKEN environment variable.",
                "", "Examples:", "  json-client demo --port 9999", "  json-client interactive",
                "  json-client performance --count 1000 --window 256 --duration 5s", ""},
        subcommands = {JsonDemoCommand.class, JsonInteractiveCommand.class, JsonPerformanceCommand.class})
final class JsonClientCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a mode: demo, interactive or "
                + "performance");
    }
}
