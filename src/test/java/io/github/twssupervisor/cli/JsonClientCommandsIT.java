package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.client.JsonClient;
import io.github.twssupervisor.json.server.JsonServer;
import io.github.twssupervisor.testutil.JarProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code json-client} from the shaded jar, as a user runs it, against a JSON server started in this JVM on an ephemeral
 * loopback port; a client in this JVM is the "other client" that broadcasts reach.
 */
class JsonClientCommandsIT {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static JsonServer server;
    private static JsonClient other;

    @BeforeAll
    static void start() throws Exception {
        server = JsonServer.start(KIT.system(), JsonServerSettings.from(ConfigFactory.load())
                .withAddress("127.0.0.1", 0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        other = JsonClient.create(KIT.system(), JsonClientSettings.from(ConfigFactory.load())
                .withTarget("127.0.0.1", port()));
        other.ready(AWAIT).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        other.closeAsync().toCompletableFuture().get(30, TimeUnit.SECONDS);
        server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        KIT.shutdownTestKit();
    }

    private static int port() {
        return server.address().getPort();
    }

    private static JarProcess jsonClient(String mode, String... options) {
        List<String> args = new ArrayList<>(List.of("json-client", mode, "--port", String.valueOf(port())));
        args.addAll(List.of(options));
        return JarProcess.start(args.toArray(String[]::new));
    }

    /** @return the first line that matches, reading at most 50 (state changes come between), collected in seen */
    private static String readUntil(JarProcess process, List<String> seen, Predicate<String> wanted) {
        for (int i = 0; i < 50; i++) {
            String line = process.readLine();
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such line in " + seen);
    }

    private static void assertHas(List<String> lines, String regex) {
        assertTrue(lines.stream().anyMatch(l -> l.matches(regex)), "no line matches " + regex + " in " + lines);
    }

    @Test
    void demoPrintsEveryReplyAndTheStatesAndExitsZero() {
        TestProbe<JsonMessage.BroadcastMessage> broadcasts = KIT.createTestProbe();
        other.broadcasts().runForeach(broadcasts.ref()::tell, KIT.system());
        try (JarProcess demo = jsonClient("demo")) {
            List<String> lines = demo.readRemaining();
            assertEquals(0, demo.awaitExit(), lines + " " + demo.stderr());
            assertEquals("json-client demo: 127.0.0.1:" + port() + " (no TLS, no token)", lines.get(0));
            assertHas(lines, "state HANDSHAKING -> READY");
            assertHas(lines, "<- pong in \\d+ us: the server sees this client as 127\\.0\\.0\\.1:\\d+, its clock .*Z");
            assertHas(lines, "<- echo_response in \\d+ us: \"Hello, JSON server!\" echoed by .+");
            assertHas(lines, "<- broadcast_sent in \\d+ us: delivered to 1 other client");
            assertHas(lines, "<- server_stats in \\d+ us: \\d+ clients connected, up \\d+.*s, \\d+ messages received, "
                    + "started .*Z, now .*Z");
            assertHas(lines, "<- error in \\d+ us: .*no_such_type.* \\(received_type no_such_type\\)");
            assertEquals(List.of("state READY -> CLOSED", "demo done: 5 requests, 5 replies"),
                    lines.subList(lines.size() - 2, lines.size()));
        }
        assertEquals("json-client demo says hello", broadcasts.receiveMessage(AWAIT).content());
    }

    @Test
    void interactiveFromStdinPrintsRepliesBroadcastsAndAClearErrorForBadJson() throws Exception {
        try (JarProcess shell = jsonClient("interactive")) {
            List<String> seen = new ArrayList<>();
            readUntil(shell, seen, "state HANDSHAKING -> READY"::equals);
            other.broadcast("hello from another client").toCompletableFuture().get(30, TimeUnit.SECONDS);
            readUntil(shell, seen, l -> l.matches("broadcast from 127\\.0\\.0\\.1:\\d+: hello from another client"));
            for (String line : List.of("/ping", "/echo hi", "/custom foo {\"a\":1}", "/custom bad {", "plain words",
                    "/exit")) {
                shell.command(line);
            }
            List<String> lines = shell.readRemaining();
            assertEquals(0, shell.awaitExit(), lines + " " + shell.stderr());
            assertEquals(List.of("-> ping", "-> echo \"hi\"", "-> foo {\"a\":1}", "-> echo \"plain words\""),
                    lines.stream().filter(l -> l.startsWith("-> ")).toList());
            List<String> replies = lines.stream().filter(l -> l.startsWith("<- ")).toList();
            assertEquals(4, replies.size(), String.valueOf(lines));
            assertTrue(replies.get(0).matches("<- pong in \\d+ us: .*"), replies.get(0));
            assertTrue(replies.get(1).matches("<- echo_response in \\d+ us: \"hi\" echoed by .*"), replies.get(1));
            assertTrue(replies.get(2).matches("<- error in \\d+ us: .*foo.* \\(received_type foo\\)"), replies.get(2));
            assertTrue(replies.get(3).matches("<- echo_response in \\d+ us: \"plain words\" .*"), replies.get(3));
            assertHas(lines, "error: /custom bad: not valid JSON: \\{ \\(Unexpected end-of-input.*\\)");
            assertEquals("state READY -> CLOSED", lines.get(lines.size() - 1));
        }
    }

    @Test
    void performanceWithSmallCountsPrintsTheTableWithEveryColumn() {
        try (JarProcess performance = jsonClient("performance", "--count", "20", "--warmup", "5", "--window", "8",
                "--messages", "100", "--payload", "512")) {
            List<String> lines = performance.readRemaining();
            assertEquals(0, performance.awaitExit(), lines + " " + performance.stderr());
            assertHas(lines, "\\s+count\\s+min\\s+avg\\s+p50\\s+p99\\s+max");
            assertHas(lines, "ping\\s+20(\\s+\\d+){5}");
            assertHas(lines, "throughput \\(window 8 outstanding\\)");
            assertHas(lines, "\\s+messages\\s+failed\\s+seconds\\s+messages/s\\s+MiB/s");
            assertHas(lines, "ping \\(small\\)\\s+100\\s+0\\s+\\d+\\.\\d\\d\\s+[\\d,]+\\s+0\\.0");
            assertHas(lines, "echo 512 B\\s+100\\s+0\\s+\\d+\\.\\d\\d\\s+[\\d,]+\\s+\\d+\\.\\d");
        }
    }

    @Test
    void everyModesHelpIsReadableAndNoModeIsAUsageError() {
        for (String mode : List.of("demo", "interactive", "performance")) {
            try (JarProcess help = JarProcess.start("json-client", mode, "--help")) {
                List<String> lines = help.readRemaining();
                assertEquals(0, help.awaitExit());
                assertTrue(lines.get(0).startsWith("Usage: tws-supervisor json-client " + mode), lines.get(0));
                String text = String.join("\n", lines);
                for (String option : List.of("--host", "--port", "--config", "--tls", "--truststore",
                        "--ready-timeout", "Exit codes:")) {
                    assertTrue(text.contains(option), mode + " lacks " + option + ":\n" + text);
                }
                assertTrue(lines.stream().allMatch(l -> l.length() <= 120), text);
            }
        }
        try (JarProcess none = JarProcess.start("json-client")) {
            none.readRemaining();
            assertEquals(2, none.awaitExit());
            assertTrue(none.stderr().stream().anyMatch(l -> l.contains("choose a mode: demo, interactive or "
                    + "performance")), String.valueOf(none.stderr()));
        }
    }

    @Test
    void demoAgainstAClosedPortFailsWithinItsReadyTimeoutNamingTheServerAndTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        try (JarProcess demo = JarProcess.start("json-client", "demo", "--port", String.valueOf(closed),
                "--ready-timeout", "2s")) {
            List<String> lines = demo.readRemaining();
            assertEquals(1, demo.awaitExit(), String.valueOf(lines));
            // The JVM's start and the actor system's end come on top of the 2 s; a hang would take the minute.
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "took too long");
            assertHas(lines, "state CONNECTING -> RECONNECTING \\(CONNECT_REFUSED: .*, next attempt in \\d+ ms\\)");
            assertTrue(demo.stderr().contains("error: not READY with the JSON server at 127.0.0.1:" + closed
                    + " within 2s: CONNECT_REFUSED: cannot connect to 127.0.0.1:" + closed + ": is json-server "
                    + "running on 127.0.0.1:" + closed + "? (ConnectException: Connection refused)"),
                    String.valueOf(demo.stderr()));
        }
    }
}
