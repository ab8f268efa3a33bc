package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar's {@code simulator} command as a user runs it. Proves that the merged Akka reference.conf files let it
 * start, and that its stdout contract holds.
 */
class SimulatorCommandIT {

    private static final VersionRange OUR_RANGE = new VersionRange(ServerVersion.MIN_SUPPORTED,
            ServerVersion.MAX_SUPPORTED, "");

    @Test
    void startsPrintsItsAddressServesAHandshakeAnswersTheConsoleAndQuits() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0", "--accounts", "DU1,DU2",
                "--next-order-id", "42")) {
            int port = simulator.listeningPort();
            try (PlainTwsClient client = PlainTwsClient.started(new InetSocketAddress("127.0.0.1", port), OUR_RANGE,
                    3)) {
                assertEquals(List.of(String.valueOf(IncomingMessageId.MANAGED_ACCOUNTS.code()), "1", "DU1,DU2"),
                        client.readFields());
                assertEquals(List.of(String.valueOf(IncomingMessageId.NEXT_VALID_ID.code()), "1", "42"),
                        client.readFields());

                simulator.command("stats");
                assertTrue(simulator.readLine().startsWith("connections=1 open=1 clients=1 "));
                simulator.command("clients");
                assertTrue(simulator.readLine().startsWith("client 3 from 127.0.0.1:"));
                simulator.command("notice " + TwsErrorCode.CONNECTIVITY_LOST);
                assertEquals("notice " + TwsErrorCode.CONNECTIVITY_LOST + " sent to 1 clients", simulator.readLine());
                assertEquals(TwsErrorCode.CONNECTIVITY_LOST, noticeCodeField(client));
                simulator.command("bogus");
                assertEquals("unknown command 'bogus'; " + SimulatorConsole.HELP, simulator.readLine());
                simulator.command("drop");
                assertEquals("dropped 1 connections", simulator.readLine());
                // Once a scheduler exception that broke every later connection until a restart.
                simulator.command("delay-handshake 1000000d");
                assertEquals("invalid command 'delay-handshake 1000000d': the duration must be at most 3600s (1h), "
                        + "was 1000000d", simulator.readLine());
                try (PlainTwsClient later = PlainTwsClient.started(new InetSocketAddress("127.0.0.1", port),
                        OUR_RANGE, 5)) {
                    assertEquals(String.valueOf(IncomingMessageId.MANAGED_ACCOUNTS.code()), later.readFields().get(0));
                }
                simulator.command("quit");
                assertEquals("stopping", simulator.readLine());
                assertEquals(0, simulator.awaitExit());
            }
        }
    }

    /** Skips the start-up notices and returns the code of the next notice that is not a farm status. */
    private static int noticeCodeField(PlainTwsClient client) {
        while (true) {
            List<String> error = client.readUntil(IncomingMessageId.ERROR.code());
            if (!error.get(2).startsWith("21")) {
                return Integer.parseInt(error.get(2));
            }
        }
    }

    @Test
    void keepsRunningWhenStdinIsClosedAndStopsGracefullyOnSigterm() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0")) {
            int port = simulator.listeningPort();
            simulator.closeStdin();
            try (PlainTwsClient client = PlainTwsClient.started(new InetSocketAddress("127.0.0.1", port), OUR_RANGE,
                    4)) {
                assertEquals(String.valueOf(IncomingMessageId.MANAGED_ACCOUNTS.code()), client.readFields().get(0));
            }
            simulator.terminate();
            int exit = simulator.awaitExit();
            // 143 = terminated by SIGTERM after the shutdown hook ran CoordinatedShutdown.
            assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        }
    }

    @Test
    void rejectsAnInvalidSettingWithExitCode2() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0", "--max-version", "300")) {
            assertEquals(Main.EXIT_USAGE, simulator.awaitExit());
        }
    }

    @Test
    void failsWithExitCode1WhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JarProcess simulator = JarProcess.start("simulator", "--port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(Main.EXIT_FAILURE, simulator.awaitExit());
        }
    }

    @Test
    void helpListsEveryCommand() {
        try (JarProcess help = JarProcess.start("--help")) {
            String text = String.join("\n", help.readRemaining());
            assertEquals(0, help.awaitExit());
            for (String command : List.of("demo", "run", "ping", "simulator")) {
                assertTrue(text.contains(command), text);
            }
        }
    }
}
