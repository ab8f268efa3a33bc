package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.json.client.JsonClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code json-client performance}: round trips measured one at a time (min/avg/p50/p99/max), then throughput with a
 * window of requests outstanding, for small pings and for echoes of {@code --payload} bytes; prints one table.
 */
@Command(name = "performance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the client against a JSON server: --count ping round trips one after the other "
                + "(min, avg, p50, p99, max in microseconds), then throughput with --window requests outstanding, for "
                + "pings and for echoes of --payload bytes (messages/s), each over --duration or --messages.", "",
                "Example:", "  json-client performance --count 1000 --window 256 --duration 5s", ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:measured", "1:not READY within --ready-timeout, or a round trip failed",
                "2:invalid arguments or settings"})
final class JsonPerformanceCommand implements Callable<Integer> {

    @ParentCommand
    private JsonClientCommand parent;

    @Mixin
    private JsonClientOptions options = new JsonClientOptions();

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "Round trips measured "
            + "(default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "N", description = "Round trips first, not "
            + "measured, and ten times as many pipelined messages before each throughput run (the JIT warms up; "
            + "default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--window", defaultValue = "256", paramLabel = "W", description = "Requests outstanding at once "
            + "in the throughput runs (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--duration", defaultValue = "3s", paramLabel = "D", description = "How long each throughput run "
            + "sends (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--messages", paramLabel = "N", description = "Messages each throughput run sends, instead of "
            + "--duration.")
    Long messages;

    @Option(names = "--payload", defaultValue = "4096", paramLabel = "BYTES", description = "The echo's content, "
            + "in bytes (default: ${DEFAULT-VALUE}).")
    int payload;

    @Override
    public Integer call() {
        Duration readyTimeout = options.parsedReadyTimeout();
        Duration runFor = Durations.parse("--duration", duration);
        validate();
        Main.Setup setup = options.setup(parent.main);
        JsonClientSettings settings = options.settings(setup);
        if (window > settings.maxInFlight()) {
            throw new IllegalArgumentException("--window must be at most tws.json.client.max-in-flight ("
                    + settings.maxInFlight() + "), was " + window);
        }
        PrintStream out = System.out;
        out.println("json-client performance: " + JsonDemoCommand.describe(settings));
        try (JsonClientSession session = JsonClientSession.open(setup, settings, out::println, false)) {
            session.awaitReady(readyTimeout);
            JsonClient client = session.client();
            String content = "x".repeat(payload);
            Supplier<CompletionStage<?>> ping = client::ping;
            Supplier<CompletionStage<?>> echo = () -> client.echo(content);
            Duration bound = settings.requestTimeout().plusSeconds(1);
            JsonLoad.sequential(ping, warmup, bound);
            JsonLoad.RoundTrips trips = JsonLoad.RoundTrips.of(JsonLoad.sequential(ping, count, bound));
            long sends = messages != null ? messages : 0;
            JsonLoad.pipelined(ping, window, 10L * warmup + 1, null, session.system());
            JsonLoad.Throughput pings = JsonLoad.pipelined(ping, window, sends, runFor, session.system());
            JsonLoad.pipelined(echo, window, 10L * warmup + 1, null, session.system());
            JsonLoad.Throughput echoes = JsonLoad.pipelined(echo, window, sends, runFor, session.system());
            out.print(table(trips, pings, echoes));
            return pings.failed() + echoes.failed() > 0 ? Main.EXIT_FAILURE : 0;
        }
    }

    private void validate() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmup);
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1, was " + window);
        }
        if (messages != null && messages < 1) {
            throw new IllegalArgumentException("--messages must be at least 1, was " + messages);
        }
        if (payload < 0) {
            throw new IllegalArgumentException("--payload must be >= 0, was " + payload);
        }
    }

    /** @return the results, as two aligned tables */
    String table(JsonLoad.RoundTrips trips, JsonLoad.Throughput pings, JsonLoad.Throughput echoes) {
        StringBuilder t = new StringBuilder();
        t.append(String.format("%nround trips (ping, one at a time, after %d warm-up), microseconds%n", warmup));
        t.append(String.format("%-24s %8s %8s %8s %8s %8s %8s%n", "", "count", "min", "avg", "p50", "p99", "max"));
        t.append(String.format("%-24s %8d %8d %8.0f %8d %8d %8d%n", "ping", trips.count(), trips.min(), trips.avg(),
                trips.p50(), trips.p99(), trips.max()));
        t.append(String.format("%nthroughput (window %d outstanding)%n", window));
        t.append(String.format("%-24s %10s %8s %9s %12s %9s%n", "", "messages", "failed", "seconds", "messages/s",
                "MiB/s"));
        t.append(row("ping (small)", pings, 0));
        t.append(row("echo " + payload + " B", echoes, payload));
        return t.toString();
    }

    private static String row(String name, JsonLoad.Throughput run, int payloadBytes) {
        double mib = run.perSecond() * payloadBytes / (1024.0 * 1024.0);
        return String.format("%-24s %10d %8d %9.2f %,12.0f %9.1f%n", name, run.replies(), run.failed(),
                run.elapsed().toNanos() / 1e9, run.perSecond(), mib);
    }
}
