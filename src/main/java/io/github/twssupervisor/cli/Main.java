package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.github.twssupervisor.config.TwsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The runnable: {@code java -jar tws-supervisor.jar <command>}. Program output goes to stdout, logs to stderr, so that
 * stdout can be parsed.
 */
@Command(name = "tws-supervisor", mixinStandardHelpOptions = true, version = "tws-supervisor 0.1.0",
        description = "A supervised connection to Interactive Brokers TWS / IB Gateway, and a TWS simulator.",
        subcommands = {DemoCommand.class, RunCommand.class, PingCommand.class, SimulatorCommand.class,
                OrderCommand.class, OrdersCommand.class, CancelCommand.class, ExecutionsCommand.class,
                ContractCommand.class, SymbolsCommand.class, AccountCommand.class, PositionsCommand.class,
                PnlCommand.class, BarsCommand.class, ConsoleCommand.class, JsonServerCommand.class,
                JsonClientCommand.class})
public final class Main implements Runnable {

    /** Exit code for invalid arguments or settings. */
    static final int EXIT_USAGE = 2;
    /** Exit code when the command could not do its job (e.g. the port is taken). */
    static final int EXIT_FAILURE = 1;

    /** The settings file read when there is no --config, if it exists. */
    static final Path DEFAULT_CONFIG = Path.of("conf", "application.conf");

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON settings over the built-in defaults; it must "
            + "exist and parse (default: conf/application.conf if present).")
    Path config;

    /**
     * The runnable's configuration, loaded once per command.
     *
     * @param config   conf/application.conf (or --config) over the defaults
     * @param settings the validated settings read from it
     */
    record Setup(Config config, TwsSettings settings) {

        ActorSystem<Void> actorSystem(String name) {
            return ActorSystem.create(Behaviors.empty(), name, config);
        }
    }

    Setup setup() {
        Config loaded = config != null ? TwsSettings.loadConfig(config)
                : Files.isRegularFile(DEFAULT_CONFIG) ? TwsSettings.loadConfig(DEFAULT_CONFIG) : TwsSettings.loadConfig();
        return new Setup(loaded, TwsSettings.from(loaded));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging();
        // Initialise SLF4J on this thread, before Akka's threads race to do it (and SLF4J prints a replay warning).
        LoggerFactory.getLogger(Main.class).debug("starting with {}", String.join(" ", args));
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line, for tests that run commands in-process */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof TwsSession.CommandFailure) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_FAILURE;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof com.typesafe.config.ConfigException) {
                // a setting outside tws (akka.*) that Akka itself refused when the actor system started
                cmd.getErr().println("error: invalid configuration: " + e.getMessage().replace('\n', ' '));
                return EXIT_USAGE;
            }
            throw e;
        });
        return commandLine;
    }

    /**
     * Points logback at conf/logback.xml when present, else at the jar's fallback (INFO to stderr). The jar has no
     * logback.xml of its own, so that a library user's configuration is never shadowed; this must run before the first
     * logger is created.
     */
    private static void configureLogging() {
        String key = "logback.configurationFile";
        if (System.getProperty(key) == null) {
            Path conf = Path.of("conf", "logback.xml");
            System.setProperty(key, Files.isRegularFile(conf) ? conf.toString() : "tws-runnable-logback.xml");
        }
    }
}
