package io.github.twssupervisor.testutil;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as a user runs it, against a simulator started in the test's JVM: the shaded jar as a process, with
 * a configuration that keeps order-id state in the test's directory. One per command IT class.
 *
 * <pre>{@code
 * @TempDir static Path stateDir;
 * static SimulatorCommands commands;
 * @BeforeAll static void start() { commands = SimulatorCommands.start(stateDir); }
 * @AfterAll static void stop() { commands.close(); }
 * ... Result r = commands.run(41, "positions", "--json"); assertEquals(0, r.exit(), r.all());
 * }</pre>
 */
public final class SimulatorCommands implements AutoCloseable {

    /**
     * The output and exit code of one finished command.
     *
     * @param exit its exit code
     * @param out  its standard output, a line each
     * @param err  its standard error, a line each
     */
    public record Result(int exit, List<String> out, List<String> err) {

        /** @return both outputs, for an assertion's message */
        public String all() {
            return String.join("\n", out) + "\n--- stderr:\n" + String.join("\n", err);
        }
    }

    private final ActorTestKit testKit;
    private final TwsSimulator simulator;
    private final Path config;

    private SimulatorCommands(ActorTestKit testKit, TwsSimulator simulator, Path config) {
        this.testKit = testKit;
        this.simulator = simulator;
        this.config = config;
    }

    /**
     * @param stateDir the test's directory for the configuration and order-id state
     * @return a started simulator on a free loopback port, and a configuration for the commands
     */
    public static SimulatorCommands start(Path stateDir) {
        ActorTestKit testKit = ActorTestKit.create();
        TwsSimulator simulator = TwsSimulator.start(testKit.system(), TwsSettings.defaults().simulator()
                .withAddress("127.0.0.1", 0)).toCompletableFuture().join();
        Path config = stateDir.resolve("application.conf");
        try {
            Files.writeString(config, "tws.orders.state-dir = \"" + stateDir.toString().replace("\\", "/") + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SimulatorCommands(testKit, simulator, config);
    }

    /** @return the simulator */
    public TwsSimulator simulator() {
        return simulator;
    }

    /**
     * @param clientId the client id the command connects with, or 0 for a command that takes no target
     * @param args     the command and its arguments
     * @return the whole command line: the configuration, the arguments, and the simulator as target
     */
    public String[] commandLine(int clientId, String... args) {
        List<String> command = new ArrayList<>(List.of("--config", config.toString()));
        command.addAll(List.of(args));
        if (clientId > 0) {
            command.addAll(List.of("--port", String.valueOf(simulator.address().getPort()), "--client-id",
                    String.valueOf(clientId)));
        }
        return command.toArray(String[]::new);
    }

    /**
     * @param clientId the client id the command connects with, or 0 for a command that takes no target
     * @param args     the command and its arguments
     * @return its output and exit code once it ended
     */
    public Result run(int clientId, String... args) {
        try (JarProcess process = JarProcess.start(commandLine(clientId, args))) {
            List<String> out = process.readRemaining();
            int exit = process.awaitExit();
            return new Result(exit, out, process.stderr());
        }
    }

    @Override
    public void close() {
        simulator.stop().toCompletableFuture().join();
        testKit.shutdownTestKit();
    }
}
