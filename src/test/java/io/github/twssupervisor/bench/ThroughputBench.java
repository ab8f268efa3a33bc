package io.github.twssupervisor.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Issues 6 and 12, benchmark 2: the simulator's blast streams N tickPrice frames to one subscription over loopback, counted at
 * the subscriber, through the actor API and through the {@code Source} API; the baseline is {@link BareTwsSocket}
 * reading the same blast from the same simulator in the same run. After two unrecorded warm-up rounds, each is run
 * {@code runs} times, the three in turn, and the medians taken. Goals (issue 12): actor subscriber >= 1.5 M ticks/s,
 * {@code Source} subscriber >= 2 M ticks/s; the share of the bare reader is reported beside them, with no goal. Each run also prints the CPU time and allocation per tick of each group of
 * threads ({@link ThreadCpu}).
 */
final class ThroughputBench {

    private static final Contract AAPL = Contract.stock("AAPL");
    /** The Source's buffer: large enough that a counting consumer never overflows it. */
    private static final int SOURCE_BUFFER = 1 << 20;
    private static final int WARM_UP_ROUNDS = 2;
    private static final double ACTOR_GOAL = 1_500_000;
    private static final double SOURCE_GOAL = 2_000_000;

    private final long ticks;
    private final int runs;

    ThroughputBench(long ticks, int runs) {
        this.ticks = ticks;
        this.runs = runs;
    }

    List<BenchResult> run() {
        // One tick a second: the market's own updates add a few frames to the millions of the blast.
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator().withTicksPerSecond(1), 0);
        try {
            // Unrecorded rounds first: the JIT compiles the hot paths of all three readers, and the second round lets it
            // recompile what the next client's handshake deoptimized.
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                bare(simulator);
                client(simulator, false);
                client(simulator, true);
            }
            double[] bare = new double[runs];
            double[] actor = new double[runs];
            double[] source = new double[runs];
            for (int i = 0; i < runs; i++) {
                bare[i] = bare(simulator);
                actor[i] = client(simulator, false);
                source[i] = client(simulator, true);
                System.out.printf("  throughput run %d: bare %s, client actor %s, client Source %s%n", i + 1,
                        BenchSupport.perSecond(bare[i]), BenchSupport.perSecond(actor[i]),
                        BenchSupport.perSecond(source[i]));
            }
            double baseline = BenchSupport.median(bare);
            List<BenchResult> results = new ArrayList<>();
            results.add(BenchResult.info("blast " + ticks + " ticks, bare socket reader (baseline)",
                    BenchSupport.perSecond(baseline)));
            for (String api : List.of("actor", "Source")) {
                double rate = BenchSupport.median(api.equals("actor") ? actor : source);
                double goal = api.equals("actor") ? ACTOR_GOAL : SOURCE_GOAL;
                results.add(BenchResult.compared("blast " + ticks + " ticks, client, " + api + " subscriber",
                        BenchSupport.perSecond(rate), BenchSupport.perSecond(baseline),
                        String.format("%.0f %%", 100 * rate / baseline), ">= " + BenchSupport.perSecond(goal),
                        rate >= goal));
            }
            return results;
        } finally {
            BenchSupport.stop(simulator);
        }
    }

    private double bare(TwsSimulator simulator) {
        try (BareTwsSocket socket = BareTwsSocket.connect(simulator.address(), 9001)) {
            socket.write(MarketDataCodec.reqMktData(socket.serverVersion(), 1, AAPL, "", false, false));
            socket.countFrames(IncomingMessageId.TICK_PRICE.code(), 1); // the subscription is live
            ThreadCpu cpu = ThreadCpu.start();
            long start = System.nanoTime();
            CompletionStage<Long> blast = simulator.blast((int) ticks);
            socket.countFrames(IncomingMessageId.TICK_PRICE.code(), ticks);
            long elapsed = System.nanoTime() - start;
            System.out.printf("    bare, per tick: %s%n", cpu.perTick(ticks));
            BenchSupport.join(blast);
            return ticks * 1e9 / elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double client(TwsSimulator simulator, boolean viaSource) {
        TwsClient client = BenchSupport.client(BenchSupport.connection(simulator.address().getPort(), 9002));
        try {
            BenchSupport.join(client.ready());
            CompletableFuture<Void> first = new CompletableFuture<>();
            CompletableFuture<Void> all = new CompletableFuture<>();
            if (viaSource) {
                long[] count = {0};
                client.marketData().stream(AAPL, MarketDataOptions.defaults().withOverflow(
                                new Overflow.Buffer(SOURCE_BUFFER)))
                        .runWith(Sink.foreach(e -> {
                            if (e instanceof MarketDataEvent.Price) {
                                count(++count[0], first, all);
                            }
                        }), client.system());
            } else {
                ActorRef<MarketDataEvent> counter = client.system().systemActorOf(counter(first, all),
                        "tick-counter-" + System.nanoTime(), akka.actor.typed.Props.empty());
                client.marketData().subscribe(AAPL, MarketDataOptions.defaults(), counter);
            }
            BenchSupport.join(first);
            ThreadCpu cpu = ThreadCpu.start();
            long start = System.nanoTime();
            CompletionStage<Long> blast = simulator.blast((int) ticks);
            BenchSupport.join(all);
            long elapsed = System.nanoTime() - start;
            System.out.printf("    client %s, per tick: %s%n", viaSource ? "Source" : "actor", cpu.perTick(ticks));
            BenchSupport.join(blast);
            return ticks * 1e9 / elapsed;
        } finally {
            BenchSupport.close(client);
        }
    }

    /** Completes {@code first} on the first price and {@code all} once the blast's count is in (the first is extra). */
    private void count(long seen, CompletableFuture<Void> first, CompletableFuture<Void> all) {
        if (seen == 1) {
            first.complete(null);
        } else if (seen == ticks + 1) {
            all.complete(null);
        }
    }

    private Behavior<MarketDataEvent> counter(CompletableFuture<Void> first, CompletableFuture<Void> all) {
        return Behaviors.setup(ctx -> {
            long[] count = {0};
            return Behaviors.receiveMessage(e -> {
                if (e instanceof MarketDataEvent.Price) {
                    count(++count[0], first, all);
                }
                return Behaviors.same();
            });
        });
    }
}
