package io.github.twssupervisor.testutil;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The command line as a user runs it, against a simulator started in the test's JVM: the shaded jar as a process, with
 * a configuration that keeps order-id state in a directory of its own. One per command IT class, started before its
 * tests and stopped after them:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SimulatorCommands COMMANDS = new SimulatorCommands();
 * ... Result r = COMMANDS.run(41, "positions", "--json"); assertEquals(0, r.exit(), r.all());
 * }</pre>
 */
public final class SimulatorCommands implements BeforeAllCallback, AfterAllCallback {

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

    private ActorTestKit testKit;
    private TwsSimulator simulator;
    private Path stateDir;
    private Path config;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        testKit = ActorTestKit.create();
        simulator = TwsSimulator.start(testKit.system(), TwsSettings.defaults().simulator()
                .withAddress("127.0.0.1", 0)).toCompletableFuture().join();
        stateDir = Files.createTempDirectory("tws-commands-");
        config = stateDir.resolve("application.conf");
        Files.writeString(config, "tws.orders.state-dir = \"" + stateDir.toString().replace("\\", "/") + "\"\n");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        simulator.stop().toCompletableFuture().join();
        testKit.shutdownTestKit();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
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
}
