package io.github.twssupervisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.JarProcess;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health and metrics endpoint over loopback HTTP, against the in-process simulator: readiness across a simulator
 * restart and a lost link to IB, liveness, {@code /metrics} as Prometheus text whose counters match the connection
 * events seen; and the same endpoint from the shaded jar's {@code run --http 127.0.0.1:0}.
 */
@ExtendWith(LogCapturing.class)
class ServiceEndpointsIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ServiceEndpointsIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(15);
    /** A slower first retry than the loopback default: the events probe subscribes before a second failure. */
    private static final ConnectionSettings.Backoff BACKOFF = new ConnectionSettings.Backoff(Duration.ofMillis(200),
            Duration.ofMillis(400), 0.2, Duration.ofSeconds(30));
    /** {@code name{labels} value}, the labels optional; a timestamp may follow the value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern HTTP_LINE = Pattern.compile("\\{\"event\":\"http\",\"host\":\"127\\.0\\.0\\.1\","
            + "\"port\":(\\d+)}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** One sample of the Prometheus text. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        closing.clear();
    }

    @Test
    void readyFlipsAcrossASimulatorRestartAndMetricsCountTheReconnects() throws IOException {
        int port = freePort();
        TwsClient client = LOOPBACK.client(Loopback.settings(port, 41).withBackoff(BACKOFF));
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.subscribe(events.ref());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TwsMetrics metrics = TwsMetrics.bindTo(client, registry);
        closing.add(metrics);
        ServiceEndpoints endpoints = start(client, false, registry);

        assertEquals(200, get(endpoints, "/health/live").statusCode());
        awaitStatus(endpoints.address(), "/health/ready", 503, body -> body.startsWith("RECONNECTING: "
                + "CONNECT_REFUSED") || body.startsWith("CONNECTING (last failure CONNECT_REFUSED"));

        TwsSimulator simulator = LOOPBACK.simulator(port);
        await(events, ConnectionState.READY);
        assertEquals("READY\n", awaitStatus(endpoints, "/health/ready", 200).body());
        double before = reconnects(scrape(endpoints));

        // Counted from a stable READY on: each loss is one RECONNECTING event and one count of its reason.
        simulator.stop().toCompletableFuture().join();
        int seen = await(events, ConnectionState.RECONNECTING);
        awaitStatus(endpoints.address(), "/health/ready", 503, body -> body.contains("CONNECTION_LOST")
                || body.contains("CONNECT_REFUSED"));
        assertEquals(200, get(endpoints, "/health/live").statusCode());
        LOOPBACK.simulator(port);
        seen += await(events, ConnectionState.READY);
        awaitStatus(endpoints, "/health/ready", 200);

        List<Sample> samples = scrape(endpoints);
        assertEquals(seen, reconnects(samples) - before, samples.toString());
        assertEquals((double) client.metrics().reconnects(), reconnects(samples));
        assertEquals(1.0, value(samples, "tws_connection_reconnects_total", "reason", "CONNECTION_LOST"));
        assertEquals(1.0, value(samples, "tws_connection_state", "state", "READY"));
        assertEquals(0.0, value(samples, "tws_connection_state", "state", "RECONNECTING"));
        assertTrue(value(samples, "tws_messages_in_total") > 0, samples.toString());
        assertTrue(value(samples, "tws_connection_ready_seconds_total") > 0, samples.toString());
    }

    @Test
    void degradedIsNotReadyUnlessConfiguredSo() throws IOException {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), 42));
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.subscribe(events.ref());
        ServiceEndpoints strict = start(client, false, null);
        ServiceEndpoints lenient = start(client, true, null);
        await(events, ConnectionState.READY);
        awaitStatus(strict, "/health/ready", 200);

        simulator.notice(1100).toCompletableFuture().join();
        await(events, ConnectionState.DEGRADED);
        assertTrue(awaitStatus(strict, "/health/ready", 503).body().startsWith("DEGRADED"));
        assertEquals(false, HealthProbe.probe(uri(strict, "/health/ready").toString()));
        assertEquals(true, HealthProbe.probe(uri(lenient, "/health/ready").toString()));
        assertEquals("DEGRADED\n", get(lenient, "/health/ready").body());
        simulator.notice(1102).toCompletableFuture().join();
        await(events, ConnectionState.READY);
        awaitStatus(strict, "/health/ready", 200);

        assertEquals(404, get(strict, "/metrics").statusCode(), "no /metrics without a registry");
        assertEquals(404, get(strict, "/health/ready/more").statusCode());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri(strict, "/health/live"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode());
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri(strict, "/health/ready"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void metricsIsPrometheusTextWithSubscriptionsPacingAndDecodeFailures() throws IOException {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), 43));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        closing.add(TwsMetrics.bindTo(client, registry));
        ServiceEndpoints endpoints = start(client, false, registry);
        client.ready().toCompletableFuture().join();
        TestProbe<MarketDataEvent> ticks = TEST_KIT.createTestProbe();
        client.marketData().subscribe(Contract.stock("AAPL"), MarketDataOptions.defaults(), ticks.ref());
        client.marketData().subscribe(Contract.stock("MSFT"), MarketDataOptions.defaults(), ticks.ref());
        ticks.receiveMessage(AWAIT);
        simulator.badField(Target.all()).toCompletableFuture().join();

        HttpResponse<String> response = get(endpoints, "/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(ServiceEndpoints.PROMETHEUS_TEXT, response.headers().firstValue("Content-Type").orElse(""));
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            List<Sample> samples = scrape(endpoints);
            assertEquals(2.0, value(samples, "tws_subscriptions", "domain", "marketdata", "state", "active"),
                    samples.toString());
            assertTrue(value(samples, "tws_decode_failures_total") >= 1, samples.toString());
            assertTrue(value(samples, "tws_pacer_wait_seconds_count") >= 2, samples.toString());
            assertTrue(value(samples, "tws_messages_out_total") >= 2, samples.toString());
            assertEquals(0.0, value(samples, "tws_pacer_queue"));
            assertEquals(1.0, value(samples, "tws_connection_state", "state", "READY"));
            assertEquals(0.0, value(samples, "tws_orders", "state", "SUBMITTED"));
            for (String cause : List.of("STALE_SOCKET", "NO_OWNER", "CONFLATED")) {
                assertTrue(value(samples, "tws_events_dropped_total", "cause", cause) >= 0);
            }
            assertTrue(value(samples, "tws_heartbeat_round_trip_seconds_count") >= 0);
            assertTrue(value(samples, "tws_heartbeat_round_trip_last_seconds") >= 0);
            return null;
        });
    }

    @Test
    void runServesTheEndpointFromTheJar() throws IOException, InterruptedException {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        try (JarProcess run = JarProcess.start("run", "--port", String.valueOf(simulator.address().getPort()),
                "--client-id", "44", "--http", "127.0.0.1:0", "--json")) {
            int port = -1;
            while (port < 0) {
                Matcher m = HTTP_LINE.matcher(run.readLine());
                if (m.matches()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            assertEquals(200, get(address, "/health/live").statusCode());
            awaitStatus(address, "/health/ready", 200);
            List<Sample> samples = parse(get(address, "/metrics").body());
            assertEquals(1.0, value(samples, "tws_connection_state", "state", "READY"));
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("jvm_memory_used_bytes")), "JVM meters");
            // SIGTERM as an orchestrator sends it (Process.destroy would also close the pipes the summary comes by).
            assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(run.pid())).start().waitFor());
            List<String> rest = run.readRemaining();
            int exit = run.awaitExit();
            // 143: SIGTERM, after the shutdown hook ran CoordinatedShutdown (which printed the summary).
            assertTrue(exit == 0 || exit == 143, "exit code " + exit);
            // (The CLOSED line may come after the summary: the events are printed by a stream of their own.)
            assertTrue(rest.stream().anyMatch(l -> l.startsWith("{\"event\":\"summary\"")), String.join("\n",
                    rest));
        }
    }

    // ------------------------------------------------------------------ helpers

    private ServiceEndpoints start(TwsClient client, boolean degradedIsReady, PrometheusMeterRegistry registry)
            throws IOException {
        ServiceEndpoints endpoints = ServiceEndpoints.start(new InetSocketAddress("127.0.0.1", 0), client,
                degradedIsReady, registry == null ? null : registry::scrape);
        closing.add(endpoints);
        return endpoints;
    }

    /** @return how many RECONNECTING moves were among the events up to the state (the state itself included) */
    private static int await(TestProbe<ConnectionEvent> events, ConnectionState state) {
        List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "state " + state, e ->
                e instanceof ConnectionEvent.StateChanged s && s.state() == state && s.previous() != state
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return (int) seen.stream().filter(e -> e instanceof ConnectionEvent.StateChanged s
                && s.state() == ConnectionState.RECONNECTING && s.previous() != ConnectionState.RECONNECTING).count();
    }

    private HttpResponse<String> awaitStatus(ServiceEndpoints endpoints, String path, int status) {
        return awaitStatus(endpoints.address(), path, status);
    }

    private HttpResponse<String> awaitStatus(InetSocketAddress address, String path, int status) {
        return awaitStatus(address, path, status, body -> true);
    }

    /** Polls until the answer has the status and a body that passes. */
    private HttpResponse<String> awaitStatus(InetSocketAddress address, String path, int status,
                                             Predicate<String> body) {
        return TEST_KIT.createTestProbe().awaitAssert(AWAIT, Duration.ofMillis(50), () -> {
            HttpResponse<String> response = get(address, path);
            assertEquals(status, response.statusCode(), response.body());
            assertTrue(body.test(response.body()), response.body());
            return response;
        });
    }

    private HttpResponse<String> get(ServiceEndpoints endpoints, String path) {
        return get(endpoints.address(), path);
    }

    private HttpResponse<String> get(InetSocketAddress address, String path) {
        return send(HttpRequest.newBuilder(uri(address, path)).timeout(Duration.ofSeconds(5)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<Sample> scrape(ServiceEndpoints endpoints) {
        HttpResponse<String> response = get(endpoints, "/metrics");
        assertEquals(200, response.statusCode());
        return parse(response.body());
    }

    private static URI uri(ServiceEndpoints endpoints, String path) {
        return uri(endpoints.address(), path);
    }

    private static URI uri(InetSocketAddress address, String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    /** Every line is a comment ({@code # HELP}, {@code # TYPE}), empty, or {@code name{labels} value}. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a Prometheus sample: '" + line + "'");
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                int end = 0;
                while (label.find() && label.start() == end) {
                    labels.put(label.group(1), label.group(2));
                    end = label.end();
                }
                assertEquals(m.group(2).length(), end, "labels of '" + line + "'");
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
        }
        assertTrue(!samples.isEmpty(), "no samples");
        return samples;
    }

    /** @return the one sample of that name whose labels include the given pairs */
    private static double value(List<Sample> samples, String name, String... labelPairs) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertEquals(1, found.size(), name + " " + List.of(labelPairs) + " in " + samples);
        return found.get(0).value();
    }

    private static double reconnects(List<Sample> samples) {
        return samples.stream().filter(s -> s.name().equals("tws_connection_reconnects_total"))
                .mapToDouble(Sample::value).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
