package io.github.twssupervisor.bench;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.client.JsonClient;
import io.github.twssupervisor.json.server.JsonServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Issue 16: the JSON profile end to end. An in-process json-server (an actor system of its own) on an ephemeral
 * loopback port; {@link JsonClient} measured for the small-message round trip (ping, one at a time) and for throughput
 * with {@code window} requests outstanding (pings, and echoes of 4 KiB), against {@link BareJsonSocket} doing the same
 * in the same run. Goal: 95,000 small messages/s on one connection.
 */
final class JsonProfileBench {

    private static final double GOAL = 95_000;
    private static final int WINDOW = 256;
    private static final int ECHO_BYTES = 4096;

    private final int samples;
    private final long messages;
    private final Duration cap;

    /**
     * @param samples  round trips measured (after 200 unrecorded)
     * @param messages messages of each throughput run
     * @param cap      the longest a throughput run may take; it stops there and counts what was answered
     */
    JsonProfileBench(int samples, long messages, Duration cap) {
        this.samples = samples;
        this.messages = messages;
        this.cap = cap;
    }

    List<BenchResult> run() {
        ActorSystem<Void> serverSystem = ActorSystem.create(Behaviors.empty(), "bench-json-server");
        ActorSystem<Void> clientSystem = BenchSupport.clientSystem();
        JsonServer server = BenchSupport.join(JsonServer.start(serverSystem,
                JsonServerSettings.from(ConfigFactory.load()).withAddress("127.0.0.1", 0)));
        JsonClient client = JsonClient.create(clientSystem, JsonClientSettings.from(ConfigFactory.load())
                .withTarget("127.0.0.1", server.address().getPort()));
        try (BareJsonSocket bare = BareJsonSocket.connect(server.address())) {
            BenchSupport.join(client.ready(BenchSupport.AWAIT));
            List<BenchResult> results = new ArrayList<>(roundTrips(client, bare));
            byte[] ping = JsonCodec.frame(new JsonMessage.Ping(Instant.now(), "bare socket"));
            String content = "x".repeat(ECHO_BYTES);
            byte[] echo = JsonCodec.frame(new JsonMessage.Echo(content, Instant.now()));
            results.add(throughput("ping/pong pipelined", bare, ping, clientSystem, client::ping, true));
            results.add(throughput("echo 4 KiB pipelined", bare, echo, clientSystem, () -> client.echo(content),
                    false));
            return results;
        } finally {
            BenchSupport.join(client.closeAsync());
            clientSystem.terminate();
            BenchSupport.join(clientSystem.getWhenTerminated());
            BenchSupport.join(server.stop());
            serverSystem.terminate();
            BenchSupport.join(serverSystem.getWhenTerminated());
        }
    }

    private List<BenchResult> roundTrips(JsonClient client, BareJsonSocket bare) {
        byte[] ping = JsonCodec.frame(new JsonMessage.Ping(Instant.now(), "bare socket"));
        long[] clientNanos = new long[samples];
        long[] bareNanos = new long[samples];
        for (int i = -Math.min(200, samples); i < samples; i++) {
            long b = bare.roundTrip(ping);
            long start = System.nanoTime();
            BenchSupport.join(client.ping());
            long c = System.nanoTime() - start;
            if (i >= 0) {
                bareNanos[i] = b;
                clientNanos[i] = c;
            }
        }
        List<BenchResult> rows = new ArrayList<>();
        for (int p : new int[] {50, 99}) {
            long c = BenchSupport.percentile(clientNanos, p);
            long b = BenchSupport.percentile(bareNanos, p);
            System.out.printf("  json round trip p%d: client %s, bare %s%n", p, BenchSupport.micros(c),
                    BenchSupport.micros(b));
            rows.add(BenchResult.compared("JSON ping round trip p" + p + " (" + samples + " samples)",
                    BenchSupport.micros(c), BenchSupport.micros(b), String.format("%.2fx", (double) c / b)));
        }
        return rows;
    }

    /** One unrecorded round of each first (the JIT), then the bare socket and the client in turn. */
    private BenchResult throughput(String name, BareJsonSocket bare, byte[] frame, ActorSystem<?> system,
                                   Supplier<CompletionStage<?>> request, boolean goal) {
        long warmUp = Math.max(1, messages / 10);
        bare.pipelined(frame, WINDOW, warmUp, cap.toNanos());
        pipelined(request, warmUp, system);
        double bareRate = bare.pipelined(frame, WINDOW, messages, cap.toNanos());
        double clientRate = pipelined(request, messages, system);
        System.out.printf("  json %s (window %d): client %s, bare %s%n", name, WINDOW,
                BenchSupport.perSecond(clientRate), BenchSupport.perSecond(bareRate));
        String label = "JSON " + name + " (window " + WINDOW + ", up to " + messages + " in " + cap.toSeconds() + " s)";
        String ratio = String.format("%.0f %%", 100 * clientRate / bareRate);
        return goal ? BenchResult.compared(label, BenchSupport.perSecond(clientRate), BenchSupport.perSecond(bareRate),
                ratio, ">= " + BenchSupport.perSecond(GOAL), clientRate >= GOAL)
                : BenchResult.compared(label, BenchSupport.perSecond(clientRate), BenchSupport.perSecond(bareRate),
                ratio);
    }

    /** @return replies per second with {@link #WINDOW} requests outstanding, stopping at the cap */
    private double pipelined(Supplier<CompletionStage<?>> request, long count, ActorSystem<?> system) {
        long start = System.nanoTime();
        long answered = BenchSupport.join(Source.repeat(1).take(count).takeWithin(cap)
                .mapAsyncUnordered(WINDOW, i -> request.get().handle((reply, failure) -> failure == null ? 1L : 0L))
                .runWith(Sink.fold(0L, Long::sum), system));
        return answered * 1e9 / (System.nanoTime() - start);
    }
}
