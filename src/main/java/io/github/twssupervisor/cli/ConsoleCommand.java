package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code console}: a line-editing shell (JLine: history, completion) over one supervised connection, kept for the whole
 * session and reconnecting by itself. Commands start with {@code /} ({@link ConsoleCommands}); connection events,
 * ticks and order events print above the prompt without breaking the line being typed.
 *
 * <p>The blocking {@code readLine} loop runs on the command's own thread (the CLI's main thread, not an actor), and so
 * do the commands, which wait for the library's answers there. Whatever streams deliver meanwhile is printed from their
 * callbacks through {@link LineReader#printAbove(String)}, which is thread-safe: it takes the reader's lock, erases the
 * prompt and the line being edited, prints, and draws them again. No thread of our own.
 *
 * <p>When stdin is not a terminal (a script piped in) JLine gives a dumb terminal: no editing and no prompt, one command
 * per line, lines printed plainly, and end of input ends the console as Ctrl-D does.
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"An interactive shell over one supervised connection (it reconnects by itself): market data, "
                + "quotes, bars, orders, positions, the account, raw messages. Line editing, history and Tab "
                + "completion; state changes, notices, ticks and order events print above the prompt. /help lists the "
                + "commands; /quit or Ctrl-D ends it.",
                "", "Examples:", "  console --port 7497", "  printf '/time\\n/quote AAPL\\n/quit\\n' | console --port 7497",
                ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ended with /quit, Ctrl-D or the end of its input", "1:the terminal could not be opened",
                "2:invalid arguments"})
final class ConsoleCommand implements Callable<Integer> {

    private static final String PROMPT = "tws> ";

    @ParentCommand
    private Main main;

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Option(names = "--history", paramLabel = "FILE", description = "Where the command history is kept between "
            + "sessions (default: ~/.tws-supervisor-history; none when stdin is not a terminal).")
    Path history;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "The library's log level while the console "
            + "runs: ERROR, WARN, INFO, DEBUG (default on a terminal: WARN, since the console prints the state changes "
            + "and notices itself; else as configured). On a terminal, log lines print above the prompt too.")
    String logLevel;

    @Override
    public Integer call() {
        Level level = logLevel == null ? null : Level.toLevel(logLevel, null);
        if (logLevel != null && level == null) {
            throw new IllegalArgumentException("--log-level must be ERROR, WARN, INFO or DEBUG, was '" + logLevel + "'");
        }
        Main.Setup setup = main.setup();
        ConnectionSettings connection = target.applyTo(setup.settings().connection());
        try (Terminal terminal = TerminalBuilder.builder().name("tws-supervisor").system(true).dumb(true).build()) {
            boolean dumb = Shell.isDumb(terminal);
            if (!dumb || level != null) {
                setLogLevel(level != null ? level : Level.WARN);
            }
            ConsoleCompleter.Deferred completer = new ConsoleCompleter.Deferred();
            LineReader reader = reader(terminal, dumb, completer);
            PrintStream stderr = System.err;
            if (!dumb) {
                // Log lines (stderr) would break the line being typed: on a terminal they print above it too.
                System.setErr(new PrintStream(new AbovePrompt(reader), true, StandardCharsets.UTF_8));
            }
            Consumer<String> print = Shell.printer(terminal, reader, dumb);
            print.accept("console on " + connection.host() + ":" + connection.port() + " client id "
                    + connection.clientId() + ": /help lists the commands, /quit or Ctrl-D ends");
            ActorSystem<Void> system = setup.actorSystem("tws-console");
            try {
                TwsClient client = TwsClient.create(system, setup.settings().withConnection(connection));
                ConsoleSession session = new ConsoleSession(client, connection, setup.settings().log(), print);
                ConsoleCommands commands = new ConsoleCommands(session, print);
                completer.attach(new ConsoleCompleter(commands.commandLine(), setup.settings().demoWatchlist()));
                try {
                    // Ctrl-C while a command waits interrupts it (ConsoleSession.await ends the wait).
                    Shell.loop(terminal, reader, PROMPT, line -> commands.execute(
                            reader.getParsedLine() != null ? reader.getParsedLine().words() : List.of(line)));
                } finally {
                    session.close();
                }
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
                System.setErr(stderr);
            }
            return 0;
        } catch (IOException e) {
            throw new TwsSession.CommandFailure("cannot open the terminal: " + e.getMessage());
        }
    }

    /** @return a reader with completion, and history in a file on a real terminal */
    private LineReader reader(Terminal terminal, boolean dumb, Completer completer) {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("tws-supervisor")
                .completer(completer)
                // '!' and '^' are ordinary characters in raw fields and order references
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (!dumb) {
            builder.variable(LineReader.HISTORY_FILE, history != null ? history
                    : Path.of(System.getProperty("user.home"), ".tws-supervisor-history"));
        }
        return builder.build();
    }

    /** Sets the level of the library's loggers, when logging is logback (as in the runnable). */
    static void setLogLevel(Level level) {
        if (LoggerFactory.getLogger("io.github.twssupervisor") instanceof Logger logger) {
            logger.setLevel(level);
        }
    }

    /** Bytes written to it (stderr's log lines) go to {@link LineReader#printAbove(String)} a whole line at a time. */
    static final class AbovePrompt extends OutputStream {

        private final LineReader reader;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        AbovePrompt(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                reader.printAbove(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }
    }
}
