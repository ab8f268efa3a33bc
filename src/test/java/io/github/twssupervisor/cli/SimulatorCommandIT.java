package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.VersionRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as a user runs it: {@code java -jar target/tws-supervisor.jar simulator ...}. Proves that the merged
 * Akka reference.conf files let it start, and that its stdout contract holds.
 */
class SimulatorCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final long TIMEOUT_SECONDS = 60;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Running start(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("shaded.jar", "target/tws-supervisor.jar"));
        assertTrue(Files.isRegularFile(jar), "run 'mvn package' first: no " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return new Running(process);
    }

    /** A started process with line access to its stdout and a writer to its stdin. */
    private static final class Running {
        final Process process;
        final BufferedReader out;
        final Writer in;

        Running(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        String readLine() throws Exception {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("stdout closed");
            }
            return line;
        }

        void command(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "process did not exit");
            return process.exitValue();
        }

        int port() throws Exception {
            String first = readLine();
            Matcher m = LISTENING.matcher(first);
            assertTrue(m.matches(), "first line was '" + first + "'");
            return Integer.parseInt(m.group(1));
        }
    }

    @Test
    void startsPrintsItsAddressServesAHandshakeAnswersTheConsoleAndQuits() throws Exception {
        Running simulator = start("simulator", "--port", "0", "--accounts", "DU1,DU2", "--next-order-id", "42");
        int port = simulator.port();
        try (PlainTwsClient client = PlainTwsClient.started(new InetSocketAddress("127.0.0.1", port),
                new VersionRange(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, ""), 3)) {
            assertEquals(List.of(String.valueOf(IncomingMessageId.MANAGED_ACCOUNTS.code()), "1", "DU1,DU2"),
                    client.readFields());
            assertEquals(List.of(String.valueOf(IncomingMessageId.NEXT_VALID_ID.code()), "1", "42"), client.readFields());

            simulator.command("stats");
            assertTrue(simulator.readLine().startsWith("connections=1 open=1 clients=1 "));
            simulator.command("clients");
            assertTrue(simulator.readLine().startsWith("client 3 from 127.0.0.1:"));
            simulator.command("bogus");
            assertEquals("unknown command 'bogus'; " + SimulatorConsole.HELP, simulator.readLine());
            simulator.command("quit");
            assertEquals("stopping", simulator.readLine());
            assertEquals(0, simulator.awaitExit());
        }
    }

    @Test
    void keepsRunningWhenStdinIsClosedAndStopsGracefullyOnSigterm() throws Exception {
        Running simulator = start("simulator", "--port", "0");
        int port = simulator.port();
        simulator.in.close();
        try (PlainTwsClient client = PlainTwsClient.started(new InetSocketAddress("127.0.0.1", port),
                new VersionRange(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, ""), 4)) {
            assertEquals(String.valueOf(IncomingMessageId.MANAGED_ACCOUNTS.code()), client.readFields().get(0));
        }
        simulator.process.destroy();
        int exit = simulator.awaitExit();
        // 143 = terminated by SIGTERM after the shutdown hook ran CoordinatedShutdown.
        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
    }

    @Test
    void rejectsAnInvalidSettingWithExitCode2() throws Exception {
        Running simulator = start("simulator", "--port", "0", "--max-version", "300");
        assertEquals(Main.EXIT_USAGE, simulator.awaitExit());
    }

    @Test
    void failsWithExitCode1WhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Running simulator = start("simulator", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(Main.EXIT_FAILURE, simulator.awaitExit());
        }
    }

    @Test
    void helpListsTheSimulatorCommand() throws Exception {
        Running help = start("--help");
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = help.out.readLine()) != null) {
            text.append(line).append('\n');
        }
        assertEquals(0, help.awaitExit());
        assertTrue(text.toString().contains("simulator"), text.toString());
    }
}
