package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.JsonClientSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code json-client interactive}: a line-editing shell (JLine: history, completion of the commands) over one
 * {@code JsonClient}, kept for the session and reconnecting by itself. Lines are {@link JsonConsoleCommands}; state
 * changes and other clients' broadcasts print above the prompt ({@link LineReader#printAbove(String)}, thread-safe)
 * without breaking the line being typed, as in {@code console}.
 *
 * <p>When stdin is not a terminal (a script piped in) JLine gives a dumb terminal: no prompt, one command per line,
 * lines printed plainly, and the end of input ends the session as Ctrl-D does.
 */
@Command(name = "interactive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A shell over one connection to a JSON server (it reconnects by itself): /ping, /echo TEXT, "
                + "/broadcast TEXT, /stats, /custom TYPE [JSON], /help, /exit; any other text is sent as an echo. "
                + "Line editing, history and Tab completion; state changes and other clients' broadcasts print above "
                + "the prompt.", "", "Examples:", "  json-client interactive --port 9999",
                "  printf '/ping\\n/echo hi\\n/exit\\n' | json-client interactive", ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ended with /exit, Ctrl-D or the end of its input", "1:the terminal could not be opened",
                "2:invalid arguments or settings"})
final class JsonInteractiveCommand implements Callable<Integer> {

    private static final String PROMPT = "json> ";

    @ParentCommand
    private JsonClientCommand parent;

    @Mixin
    private JsonClientOptions options = new JsonClientOptions();

    @Option(names = "--history", paramLabel = "FILE", description = "Where the history is kept between sessions "
            + "(default: ~/.tws-supervisor-json-history; none when stdin is not a terminal).")
    Path history;

    @Override
    public Integer call() {
        Main.Setup setup = options.setup(parent.main);
        JsonClientSettings settings = options.settings(setup);
        try (Terminal terminal = TerminalBuilder.builder().name("tws-supervisor").system(true).dumb(true).build()) {
            boolean dumb = Shell.isDumb(terminal);
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("tws-supervisor")
                    .completer(new StringsCompleter(JsonConsoleCommands.COMMANDS))
                    // '!' and '^' are ordinary characters in a text to echo
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
            if (!dumb) {
                builder.variable(LineReader.HISTORY_FILE, history != null ? history
                        : Path.of(System.getProperty("user.home"), ".tws-supervisor-json-history"));
            }
            LineReader reader = builder.build();
            PrintStream stderr = System.err;
            if (!dumb) {
                // Log lines (stderr) would break the line being typed: on a terminal they print above it too.
                System.setErr(new PrintStream(new ConsoleCommand.AbovePrompt(reader), true, StandardCharsets.UTF_8));
            }
            try {
                run(setup, settings, terminal, reader, dumb);
            } finally {
                System.setErr(stderr);
            }
            return 0;
        } catch (IOException e) {
            throw new TwsSession.CommandFailure("cannot open the terminal: " + e.getMessage());
        }
    }

    private void run(Main.Setup setup, JsonClientSettings settings, Terminal terminal, LineReader reader,
                     boolean dumb) {
        Consumer<String> print = Shell.printer(terminal, reader, dumb);
        print.accept("json-client interactive on " + JsonDemoCommand.describe(settings) + ": /help lists the "
                + "commands, /exit or Ctrl-D ends");
        try (JsonClientSession session = JsonClientSession.open(setup, settings, print, true)) {
            try {
                session.awaitReady(options.parsedReadyTimeout());
            } catch (TwsSession.CommandFailure e) {
                print.accept("warning: " + e.getMessage() + "; it keeps trying, requests wait for it");
            }
            JsonConsoleCommands commands = new JsonConsoleCommands(print, request -> {
                try {
                    session.exchange(request);
                } catch (TwsSession.CommandFailure e) {
                    print.accept("error: " + e.getMessage());
                }
            });
            // Ctrl-C while a request waits interrupts it (JsonClientSession.await ends the wait).
            Shell.loop(terminal, reader, PROMPT, commands::execute);
        }
    }
}
