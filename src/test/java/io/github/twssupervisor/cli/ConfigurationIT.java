package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.testutil.JarProcess;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable refuses mistakes and says why: bad configuration files, unknown keys, durations without a unit, client
 * ids out of range (exit 2, one {@code error:} line, no stack trace), and a connection that never became READY (exit 1
 * with the connection's typed reason), each from the shaded jar as a user runs it.
 */
class ConfigurationIT {

    /** A log line of the runnable's logback pattern; everything else on stderr is the command's own. */
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");

    /** What the process wrote to stderr that is not a log line: its error lines, and any stack trace. */
    private static List<String> errors(JarProcess process) {
        return process.stderr().stream().filter(l -> !LOG_LINE.matcher(l).matches()).toList();
    }

    /** Runs the command to its end and returns its one error line, checking the exit code. */
    private static String refused(int exitCode, String... args) {
        try (JarProcess process = JarProcess.start(args)) {
            process.readRemaining();
            assertEquals(exitCode, process.awaitExit(), String.join("\n", process.stderr()));
            List<String> errors = errors(process);
            assertEquals(1, errors.size(), "one line, no stack trace: " + String.join("\n", process.stderr()));
            return errors.get(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return holder.getLocalPort();
        }
    }

    @Test
    void aConfigFileThatDoesNotExistIsNamed(@TempDir Path dir) {
        Path absent = dir.resolve("absent.conf");
        assertEquals("error: " + absent + ": no such file", refused(Main.EXIT_USAGE, "--config", absent.toString(),
                "run", "--duration", "1s"));
    }

    @Test
    void aConfigFileThatDoesNotParseIsNamedWithTheLine(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.conf"), "tws {\n  connection.port = 4002\n");
        String error = refused(Main.EXIT_USAGE, "--config", broken.toString(), "ping");
        assertTrue(error.startsWith("error: " + broken + ": does not parse as HOCON: line 3: "), error);
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyMeant(@TempDir Path dir) throws IOException {
        Path typo = Files.writeString(dir.resolve("application.conf"), "tws {\n  conection.port = 4002\n}\n");
        assertEquals("error: invalid configuration: unknown setting tws.conection.port (" + typo + ":2); did you mean "
                + "tws.connection.port?", refused(Main.EXIT_USAGE, "--config", typo.toString(), "run"));
    }

    @Test
    void anUnknownKeyFromASystemPropertyIsRefusedToo() {
        try (JarProcess process = JarProcess.start(List.of("-Dtws.connection.hots=gw"), "ping")) {
            process.readRemaining();
            assertEquals(Main.EXIT_USAGE, process.awaitExit());
            assertEquals(List.of("error: invalid configuration: unknown setting tws.connection.hots (system "
                    + "properties); did you mean tws.connection.host?"), errors(process));
        }
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithAnExample() {
        assertEquals("error: --duration 10 needs a unit: 10s for seconds, 10ms for milliseconds (also m, h)",
                refused(Main.EXIT_USAGE, "run", "--duration", "10"));
        assertEquals("error: --ready-timeout 5 needs a unit: 5s for seconds, 5ms for milliseconds (also m, h)",
                refused(Main.EXIT_USAGE, "run", "--ready-timeout", "5"));
        assertEquals("error: --timeout 3 needs a unit: 3s for seconds, 3ms for milliseconds (also m, h)",
                refused(Main.EXIT_USAGE, "ping", "--timeout", "3"));
    }

    @Test
    void aClientIdOrPortOutOfRangeIsRefusedByItsFlag() {
        String range = "0.." + ConnectionSettings.MAX_CLIENT_ID;
        assertEquals("error: --client-id must be " + range + ", was 2147483647",
                refused(Main.EXIT_USAGE, "run", "--client-id", "2147483647", "--duration", "1s"));
        assertEquals("error: --client-id must be " + range + ", was -1",
                refused(Main.EXIT_USAGE, "ping", "--client-id", "-1"));
        assertEquals("error: --port must be 1..65535, was 70000", refused(Main.EXIT_USAGE, "orders", "--port", "70000"));
    }

    @Test
    void runNeverReadyExitsOneWithTheReasonAtTheReadyTimeout() throws IOException {
        int port = freePort();
        try (JarProcess run = JarProcess.start("run", "--port", String.valueOf(port), "--ready-timeout", "3s")) {
            List<String> lines = run.readRemaining();
            assertEquals(Main.EXIT_FAILURE, run.awaitExit());
            assertTrue(lines.get(lines.size() - 1).startsWith("summary: reconnects="), String.join("\n", lines));
            List<String> errors = errors(run);
            assertEquals(1, errors.size(), String.join("\n", run.stderr()));
            assertTrue(errors.get(0).startsWith("error: not READY with TWS at 127.0.0.1:" + port + " (client id 1) "
                    + "within 3s: CONNECT_REFUSED: cannot connect to 127.0.0.1:" + port), errors.get(0));
        }
    }

    @Test
    void pingAndTheOneShotCommandsPrintTheConnectionsReasonNotAnAskTimeout() throws IOException {
        int port = freePort();
        for (List<String> command : List.of(List.of("ping", "--timeout", "5s"),
                List.of("orders", "--timeout", "5s"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--port", String.valueOf(port)));
            String error = refused(Main.EXIT_FAILURE, args.toArray(String[]::new));
            assertTrue(error.startsWith("error: not READY with TWS at 127.0.0.1:" + port + " (client id 1) within 5s: "
                    + "CONNECT_REFUSED: cannot connect to 127.0.0.1:" + port + ": is TWS running"), error);
            assertFalse(error.contains("Ask timed out") || error.contains("akka://"), error);
        }
    }

    @Test
    void anUnresolvableHostIsUnknownHost(@TempDir Path dir) throws IOException {
        // A hosts file of our own: the name fails to resolve without asking any DNS server.
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        try (JarProcess ping = JarProcess.start(List.of("-Djdk.net.hosts.file=" + hosts), "ping", "--host",
                "tws.invalid", "--timeout", "5s")) {
            ping.readRemaining();
            assertEquals(Main.EXIT_FAILURE, ping.awaitExit());
            assertEquals(List.of("error: not READY with TWS at tws.invalid:7497 (client id 1) within 5s: UNKNOWN_HOST: "
                    + "cannot resolve the host of tws.invalid:7497: no address for 'tws.invalid' (check "
                    + "tws.connection.host or --host; retried, since DNS recovers)"), errors(ping));
        }
    }

    /** A peer on loopback that answers every client's hello with the same bytes, until closed. */
    private static CompletableFuture<Void> answering(ServerSocket server, byte[] answer) {
        return CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    in.readNBytes(4); // API\0
                    in.readNBytes(in.readInt()); // the version offer
                    socket.getOutputStream().write(answer);
                    socket.getOutputStream().flush();
                    socket.shutdownOutput();
                    in.readAllBytes();
                } catch (IOException closedOrReset) {
                    // the client aborts; the next accept fails once the test closes the server
                }
            }
        });
    }

    private static String pingAgainst(byte[] answer) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = answering(server, answer);
            String error = refused(Main.EXIT_FAILURE, "ping", "--port", String.valueOf(server.getLocalPort()),
                    "--timeout", "5s");
            server.close();
            peer.join();
            return error;
        }
    }

    @Test
    void anHttpServerIsNamed() throws IOException {
        String error = pingAgainst("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(error.contains("PROTOCOL_VIOLATION: the peer at 127.0.0.1:") && error.endsWith("broke the TWS "
                + "protocol: looks like an HTTP server, not TWS: it answered 'HTTP/1.1 400 Bad Request'"), error);
    }

    @Test
    void aVersionThatIsNoNumberIsQuoted() throws IOException {
        byte[] payload = ("banana\u0000" + "20261203 10:00:00 UTC\u0000").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
        String error = pingAgainst(frame);
        assertTrue(error.contains("PROTOCOL_VIOLATION: ") && error.endsWith(": not a TWS server version: 'banana'"),
                error);
    }

    @Test
    void accountsAreMaskedInOutputAndLogsUnlessTurnedOff() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0")) {
            int port = simulator.listeningPort();
            try (JarProcess run = JarProcess.start("run", "--port", String.valueOf(port), "--duration", "4s")) {
                String out = String.join("\n", run.readRemaining());
                assertEquals(0, run.awaitExit());
                String err = String.join("\n", run.stderr());
                assertTrue(out.contains(" accounts=DU****11,DU****22 "), out);
                assertTrue(err.contains("accounts [DU****11, DU****22]"), err);
                assertFalse(out.contains("DU111111") || err.contains("DU111111"), out + "\n" + err);
            }
            try (JarProcess run = JarProcess.start(List.of("-Dtws.log.mask-accounts=off"), "run", "--port",
                    String.valueOf(port), "--duration", "4s", "--json")) {
                String out = String.join("\n", run.readRemaining());
                assertEquals(0, run.awaitExit());
                assertTrue(out.contains("\"accounts\":[\"DU111111\",\"DU222222\"]"), out);
            }
            simulator.command("quit");
            assertEquals(0, simulator.awaitExit());
        }
    }
}
