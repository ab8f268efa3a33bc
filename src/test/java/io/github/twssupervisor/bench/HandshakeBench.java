package io.github.twssupervisor.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.simulator.ClientInfo;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue 12: socket open -> READY against the simulator. Each client sample is a fresh {@link TwsClient} (a new client
 * id), created in one actor system that outlives the samples (what is timed is the connection, not an actor system's
 * start) and closed after: timed with the caller's {@link System#nanoTime()} from before {@link TwsClient#create} to
 * its {@code ready()} completing on the caller's thread, and, from the connection events' {@code at()}, CONNECTING ->
 * READY and HANDSHAKING -> READY. The baseline is {@link BareTwsSocket} doing the same handshake against the same
 * simulator (preamble and version offer, the version frame, startApi, then reading until both nextValidId and
 * managedAccounts are in), timed with nanoTime from before its socket is made, and from its version offer's send. The
 * two alternate sample by sample, {@value #SPACING_MILLIS} ms apart, after {@value #WARM_UP} unrecorded pairs.
 *
 * <p>Where the time goes: each sample prints both timelines in ms from its start; the simulator's clock of the startApi
 * it read ({@link ClientInfo#connectedAt()}) splits the version exchange from the startApi -> answers leg on both. Event
 * and simulator times are wall-clock {@link Instant}s, put on the nanoTime line through an Instant taken with the
 * sample's first nanoTime. The medians of each mark are reported as two rows of their own.
 */
final class HandshakeBench {

    private static final int WARM_UP = 5;
    private static final long SPACING_MILLIS = 50;
    private static final double GOAL_MARGIN_MILLIS = 5;
    private static final int FIRST_CLIENT_ID = 9100;
    private static final List<String> BARE_MARKS = List.of("connected", "offer sent", "version read",
            "startApi at simulator", "answers read");
    private static final List<String> CLIENT_MARKS = List.of("CONNECTING", "HANDSHAKING", "startApi at simulator",
            "READY", "ready() returned");

    private final int samples;
    private int nextClientId = FIRST_CLIENT_ID;

    HandshakeBench(int samples) {
        this.samples = samples;
    }

    List<BenchResult> run() {
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator(), 0);
        ActorSystem<Void> system = BenchSupport.clientSystem();
        try {
            double[][] bare = new double[samples][];
            double[][] client = new double[samples][];
            for (int i = -WARM_UP; i < samples; i++) {
                double[] b = bare(simulator);
                BenchSupport.pause(SPACING_MILLIS);
                double[] c = client(system, simulator);
                BenchSupport.pause(SPACING_MILLIS);
                if (i >= 0) {
                    bare[i] = b;
                    client[i] = c;
                    System.out.printf("  handshake %d: bare %s | client %s%n", i + 1, timeline(BARE_MARKS, b),
                            timeline(CLIENT_MARKS, c));
                }
            }
            return results(bare, client);
        } finally {
            system.terminate();
            BenchSupport.join(system.getWhenTerminated());
            BenchSupport.stop(simulator);
        }
    }

    private List<BenchResult> results(double[][] bare, double[][] client) {
        double bareTotal = median(bare, s -> s[4]);
        double bareFromOffer = median(bare, s -> s[4] - s[1]);
        double clientTotal = median(client, s -> s[4]);
        double clientConnecting = median(client, s -> s[3] - s[0]);
        double clientHandshaking = median(client, s -> s[3] - s[1]);
        String baseline = "bare socket: connect -> answers read (nanoTime) " + ms(bareTotal);
        List<BenchResult> results = new ArrayList<>();
        results.add(BenchResult.compared("socket open -> READY, client: create() -> ready() returned (caller nanoTime, "
                        + "median of " + samples + ")", ms(clientTotal), baseline, gap(clientTotal, bareTotal),
                "<= bare + 5 ms", clientTotal <= bareTotal + GOAL_MARGIN_MILLIS));
        results.add(BenchResult.compared("socket open -> READY, client: CONNECTING -> READY (events' at())",
                ms(clientConnecting), baseline, gap(clientConnecting, bareTotal)));
        results.add(BenchResult.compared("HANDSHAKING -> READY, client (events' at())", ms(clientHandshaking),
                "bare socket: version offer sent -> answers read (nanoTime) " + ms(bareFromOffer),
                gap(clientHandshaking, bareFromOffer)));
        results.add(BenchResult.info("handshake timeline, bare socket (median, from socket open)",
                timeline(BARE_MARKS, medians(bare))));
        results.add(BenchResult.info("handshake timeline, client (median, from create())",
                timeline(CLIENT_MARKS, medians(client))));
        return results;
    }

    /** @return the bare socket's marks, in ms from before its socket was made (see {@link #BARE_MARKS}) */
    private double[] bare(TwsSimulator simulator) {
        int clientId = nextClientId++;
        Instant wall = Instant.now();
        try (BareTwsSocket socket = BareTwsSocket.connect(simulator.address(), clientId)) {
            BareTwsSocket.Marks m = socket.marks();
            return new double[] {
                    (m.connected() - m.start()) / 1e6, (m.helloSent() - m.start()) / 1e6,
                    (m.versionRead() - m.start()) / 1e6, since(wall, startApiAt(simulator, clientId)),
                    (m.answers() - m.start()) / 1e6};
        }
    }

    /** @return the client's marks, in ms from before {@code create} (see {@link #CLIENT_MARKS}) */
    private double[] client(ActorSystem<Void> system, TwsSimulator simulator) {
        int clientId = nextClientId++;
        Map<ConnectionState, Instant> at = new ConcurrentHashMap<>();
        CompletableFuture<Void> sawReady = new CompletableFuture<>();
        ActorRef<ConnectionEvent> recorder = system.systemActorOf(recorder(at, sawReady),
                "handshake-events-" + clientId, Props.empty());
        var settings = BenchSupport.DEFAULTS.withConnection(
                BenchSupport.connection(simulator.address().getPort(), clientId));
        Instant wall = Instant.now();
        long start = System.nanoTime();
        TwsClient client = TwsClient.create(system, settings);
        client.subscribe(recorder);
        CompletionStage<Ready> ready = client.ready();
        try {
            BenchSupport.join(ready);
            long returned = System.nanoTime();
            BenchSupport.join(sawReady);
            return new double[] {
                    since(wall, Optional.ofNullable(at.get(ConnectionState.CONNECTING))),
                    since(wall, Optional.ofNullable(at.get(ConnectionState.HANDSHAKING))),
                    since(wall, startApiAt(simulator, clientId)),
                    since(wall, Optional.ofNullable(at.get(ConnectionState.READY))), (returned - start) / 1e6};
        } finally {
            BenchSupport.join(client.close());
        }
    }

    /**
     * Keeps the first {@code at()} of each state and stops at READY. It subscribes after {@code create}, so it may
     * first hear of the current state (with the {@code at()} of the move there); if that is already HANDSHAKING, the
     * sample has no CONNECTING.
     */
    private static Behavior<ConnectionEvent> recorder(Map<ConnectionState, Instant> at, CompletableFuture<Void> ready) {
        return Behaviors.receiveMessage(e -> {
            if (e instanceof ConnectionEvent.StateChanged s) {
                at.putIfAbsent(s.state(), s.at());
                if (s.state() == ConnectionState.READY) {
                    ready.complete(null);
                    return Behaviors.stopped();
                }
            }
            return Behaviors.same();
        });
    }

    /** @return when the simulator read this client id's startApi, asked after the handshake (it registers first) */
    private static Optional<Instant> startApiAt(TwsSimulator simulator, int clientId) {
        for (int i = 0; i < 10; i++) {
            Optional<Instant> at = BenchSupport.join(simulator.clients()).stream()
                    .filter(c -> c.clientId() == clientId).map(ClientInfo::connectedAt).findFirst();
            if (at.isPresent()) {
                return at;
            }
            BenchSupport.pause(5);
        }
        return Optional.empty();
    }

    private static double since(Instant origin, Optional<Instant> at) {
        return at.map(a -> Duration.between(origin, a).toNanos() / 1e6).orElse(Double.NaN);
    }

    private static double median(double[][] samples, java.util.function.ToDoubleFunction<double[]> figure) {
        double[] known = Arrays.stream(samples).mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray();
        return known.length == 0 ? Double.NaN : BenchSupport.median(known);
    }

    private static double[] medians(double[][] samples) {
        return IntStream.range(0, samples[0].length).mapToDouble(i -> median(samples, s -> s[i])).toArray();
    }

    private static String timeline(List<String> marks, double[] millis) {
        return IntStream.range(0, marks.size()).mapToObj(i -> marks.get(i) + " " + String.format("%.2f", millis[i]))
                .collect(Collectors.joining(", ")) + " ms";
    }

    private static String ms(double millis) {
        return String.format("%.2f ms", millis);
    }

    private static String gap(double figure, double baseline) {
        return String.format("%+.2f ms (%.2fx)", figure - baseline, figure / baseline);
    }
}
