package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.JarProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code demo}, {@code run} and {@code ping} from the shaded jar, against the simulator. */
class RunCommandsIT {

    @Test
    void demoReachesReadyPrintsJsonAndEndsWithASummary() {
        try (JarProcess demo = JarProcess.start("demo", "--json", "--duration", "3s")) {
            List<String> lines = demo.readRemaining();
            assertEquals(0, demo.awaitExit());
            assertTrue(lines.get(0).startsWith("{\"event\":\"simulator\",\"host\":\"127.0.0.1\",\"port\":"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"state\":\"READY\"") && l.contains("\"serverVersion\":200")
                    && l.contains("\"accounts\":[\"DU****11\",\"DU****22\"]") && l.contains("\"nextOrderId\":1")),
                    String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"event\":\"notice\"") && l.contains("\"code\":2104")));
            for (String symbol : List.of("AAPL", "MSFT", "SPY", "EUR.USD", "ES 202612")) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"event\":\"tick\",\"symbol\":\"" + symbol + "\"")),
                        "ticks for " + symbol);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"state\":\"CLOSED\"")));
            String last = lines.get(lines.size() - 1);
            assertTrue(last.matches("\\{\"event\":\"summary\",\"reconnects\":0,\"readyMs\":\\d+,\"messagesIn\":\\d+,"
                    + "\"messagesOut\":\\d+}"), last);
        }
    }

    @Test
    void runSubscribesAndPrintsTicksAsJson() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0")) {
            int port = simulator.listeningPort();
            try (JarProcess run = JarProcess.start("run", "--port", String.valueOf(port), "--subscribe",
                    "AAPL,EUR.USD,NOPE", "--json", "--duration", "3s")) {
                List<String> lines = run.readRemaining();
                assertEquals(0, run.awaitExit());
                String all = String.join("\n", lines);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"event\":\"tick\",\"symbol\":\"AAPL\","
                        + "\"field\":\"BID\",\"price\":")), all);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"event\":\"tick\",\"symbol\":\"EUR.USD\"")),
                        all);
                assertTrue(lines.stream().anyMatch(l -> l.equals("{\"event\":\"ended\",\"symbol\":\"NOPE\","
                        + "\"code\":200,\"message\":\"No security definition has been found for the request\"}")), all);
            }
            simulator.command("quit");
            assertEquals(0, simulator.awaitExit());
        }
    }

    @Test
    void runRejectsAnUnknownSymbolFormWithExitCode2() {
        try (JarProcess run = JarProcess.start("run", "--subscribe", "$$$", "--duration", "1s")) {
            assertEquals(Main.EXIT_USAGE, run.awaitExit());
        }
    }

    @Test
    void demoWithChaosPrintsEachFaultAndHealsBetweenThem() {
        try (JarProcess demo = JarProcess.start("demo", "--json", "--chaos", "1s", "--chaos-seed", "3", "--duration",
                "8s")) {
            List<String> lines = demo.readRemaining();
            assertEquals(0, demo.awaitExit());
            String all = String.join("\n", lines);
            assertTrue(lines.get(0).startsWith("{\"event\":\"simulator\""), lines.get(0));
            long faults = lines.stream().filter(l -> l.startsWith("{\"event\":\"chaos\",\"fault\":")).count();
            assertTrue(faults >= 3, "faults injected: " + faults + "\n" + all);
            assertTrue(lines.stream().filter(l -> l.contains("\"state\":\"READY\"")).count() >= 1, all);
            assertTrue(lines.get(lines.size() - 1).startsWith("{\"event\":\"summary\""), all);
        }
    }

    @Test
    void runNamesTheCauseWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = holder.getLocalPort();
        }
        try (JarProcess run = JarProcess.start("run", "--port", String.valueOf(port), "--duration", "2s")) {
            List<String> lines = run.readRemaining();
            assertEquals(Main.EXIT_FAILURE, run.awaitExit(), "never READY");
            assertTrue(lines.stream().anyMatch(l -> l.contains("RECONNECTING in ") && l.contains("CONNECT_REFUSED")
                    && l.contains("is TWS running with the API enabled on 127.0.0.1:" + port)), String.join("\n", lines));
            assertTrue(lines.get(lines.size() - 1).startsWith("summary: reconnects="));
        }
    }

    @Test
    void pingPrintsRoundTripStatisticsAfterItsWarmUpAndSocketOptions() {
        try (JarProcess simulator = JarProcess.start("simulator", "--port", "0")) {
            int port = simulator.listeningPort();
            try (JarProcess ping = JarProcess.start("ping", "--port", String.valueOf(port), "--count", "20",
                    "--warmup", "3", "--interval", "30ms")) {
                List<String> lines = ping.readRemaining();
                assertEquals(0, ping.awaitExit());
                Matcher m = Pattern.compile("ping 127\\.0\\.0\\.1:" + port + ": 20 round trips \\(after 3 warm-up, "
                        + "30 ms apart\\), min (\\d+) us, avg (\\d+) us, p50 (\\d+) us, p99 (\\d+) us, max (\\d+) us")
                        .matcher(lines.get(0));
                assertTrue(m.matches(), lines.get(0));
                long min = Long.parseLong(m.group(1));
                long p50 = Long.parseLong(m.group(3));
                long max = Long.parseLong(m.group(5));
                assertTrue(min > 0 && min <= p50 && p50 <= max, lines.get(0));
                assertTrue(lines.get(1).startsWith("socket: TCP_NODELAY=true SO_RCVBUF="), lines.get(1));
                // Linux has TCP_QUICKACK; elsewhere the line says unsupported and an INFO line says so, never an error.
                String quickAck = System.getProperty("os.name").startsWith("Linux") ? "true" : "unsupported";
                assertTrue(lines.get(1).endsWith(" TCP_QUICKACK=" + quickAck), lines.get(1));
                assertTrue(ping.stderr().stream().noneMatch(l -> l.contains(" ERROR ")), ping.stderr().toString());
            }
            try (JarProcess ping = JarProcess.start("ping", "--port", String.valueOf(port), "--interval", "2h")) {
                assertEquals(Main.EXIT_USAGE, ping.awaitExit());
                assertTrue(ping.stderr().stream().anyMatch(l -> l.contains("--interval must be 0..60s, was 2h")),
                        ping.stderr().toString());
            }
            simulator.command("quit");
            assertEquals(0, simulator.awaitExit());
        }
    }
}
