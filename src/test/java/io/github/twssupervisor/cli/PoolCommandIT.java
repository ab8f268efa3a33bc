package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --pool} from the shaded jar, against a simulator. */
class PoolCommandIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @TempDir
    static Path stateDir;

    private static TwsSimulator simulator;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        // It runs the jar that package builds: only failsafe (which names it) runs it; skipped under surefire.
        assumeTrue(System.getProperty("shaded.jar") != null, "runs in the integration-test phase, after package");
        simulator = TwsSimulator.start(TEST_KIT.system(), TwsSettings.defaults().simulator()
                .withAddress("127.0.0.1", 0)).toCompletableFuture().join();
        config = stateDir.resolve("application.conf");
        Files.writeString(config, """
                tws.orders.state-dir = "%s"
                tws.pool {
                  default = market-data
                  purposes { orders.client-id = 71, market-data.client-id = 72, history.client-id = 73 }
                }
                """.formatted(stateDir.toString().replace("\\", "/")));
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.stop().toCompletableFuture().join();
        }
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void eachPurposeReachesReadyOnItsOwnClientIdAndPrintsItsOwnLines() {
        try (JarProcess run = JarProcess.start("--config", config.toString(), "run", "--pool", "--port",
                String.valueOf(simulator.address().getPort()), "--json", "--duration", "3s")) {
            List<String> lines = run.readRemaining();
            assertEquals(0, run.awaitExit());
            String all = String.join("\n", lines);
            List<String> purposes = List.of("orders", "market-data", "history");
            for (int i = 0; i < purposes.size(); i++) {
                String prefix = "{\"purpose\":\"" + purposes.get(i) + "\",";
                int clientId = 71 + i;
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix + "\"event\":\"state\"")
                        && l.contains("\"state\":\"READY\"") && l.contains("\"clientId\":" + clientId)), all);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix + "\"event\":\"state\"")
                        && l.contains("\"state\":\"CLOSED\"")), all);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix + "\"event\":\"summary\"")), all);
            }
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"purpose\":\"")), all);
        }
    }

    @Test
    void aClientIdOptionIsAUsageError() {
        try (JarProcess run = JarProcess.start("--config", config.toString(), "run", "--pool", "--client-id", "5",
                "--duration", "1s")) {
            assertEquals(Main.EXIT_USAGE, run.awaitExit());
            assertTrue(run.stderr().stream().anyMatch(l -> l.contains("--client-id does not apply to --pool")),
                    String.join("\n", run.stderr()));
        }
    }

    @Test
    void aPurposeThatWasNeverReadyFailsTheRunNamingItsReason() throws IOException {
        int closed;
        try (java.net.ServerSocket holder = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = holder.getLocalPort();
        }
        Path split = stateDir.resolve("split.conf");
        Files.writeString(split, """
                tws.orders.state-dir = "%s"
                tws.pool {
                  default = market-data
                  purposes { market-data { client-id = 74, port = %d }, history { client-id = 75, port = %d } }
                }
                """.formatted(stateDir.toString().replace("\\", "/"), simulator.address().getPort(), closed));
        // No --port: it would apply to every purpose.
        try (JarProcess run = JarProcess.start("--config", split.toString(), "run", "--pool", "--duration", "3s")) {
            run.readRemaining();
            assertEquals(Main.EXIT_FAILURE, run.awaitExit());
            assertTrue(run.stderr().stream().anyMatch(l -> l.startsWith("error: purpose history was never READY: "
                    + "CONNECT_REFUSED")), String.join("\n", run.stderr()));
        }
    }
}
