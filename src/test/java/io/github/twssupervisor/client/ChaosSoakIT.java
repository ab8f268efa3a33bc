package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.client.SoakFaults.Kind;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.SimulatorStats;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.testutil.ActorTree;
import io.github.twssupervisor.testutil.ErrorLines;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.testutil.ResourceSampler;
import io.github.twssupervisor.testutil.SoakDuration;
import io.github.twssupervisor.testutil.SoakRecorder;
import io.github.twssupervisor.testutil.SoakTable;
import io.github.twssupervisor.wire.ServerVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos soak of issues 5 and 14: one client with {@value #SUBSCRIPTIONS} market data subscriptions against a
 * simulator that injects every kind of fault ({@link SoakFaults}), one after another in a seeded random order, for a
 * bounded time. After every fault, within a bound derived from the settings: READY again, every subscription ticking
 * again with one Interrupted/Resumed pair per outage (none for faults that cause no outage), the simulator serving
 * exactly {@value #SUBSCRIPTIONS} requests (no duplicate request id, nothing lost), the client's actors exactly those at
 * the start and the JVM's threads back under their ceiling.
 *
 * <p>The soak measures the library, not itself: the subscribers count and keep only the window since the latest fault
 * ({@link SoakRecorder}), log capture keeps only ERROR lines ({@link ErrorLines}), and every minute (at the first
 * recovery after it) the heap after GC, the client's live actors, the JVM's threads and its open file descriptors are
 * sampled ({@link ResourceSampler}) and printed as a series. Checks: from minute 5 on, the heap grows by at most
 * {@value #MAX_SLOPE_MIB_PER_10_MIN} MiB per 10 minutes (least squares, printed); file descriptors at every sample are
 * at most {@value #FD_SLACK} above those at the start; with {@code -Dsoak.duration=30m} or more, at least 1,000 faults
 * per 30 minutes, every one recovered.
 *
 * <p>What the figures include. The simulator runs in this JVM, on the same actor system, so the heap and the threads
 * are the client's plus the simulator's plus the test kit's: an upper bound on the library's. The slope limit applies
 * to that sum, so a pass bounds the library's growth; a failure would need the simulator out of process (the shaded
 * jar, as in {@code SimulatorCommandIT}) to say whose it is. Actors are counted exactly, but only the client's: the
 * tree under the client's guardian ({@link ActorTree}), the simulator's actors are not in it. File descriptors are the
 * JVM's: both ends of the one loopback connection, the listening socket, the jars; on a system without
 * {@code /proc/self/fd} they are reported as n/a and not checked.
 *
 * <pre>
 * mvn -B verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosSoakIT \
 *     -Dsoak.seed=7 -Dsoak.duration=30m            # one kind only: -Dsoak.kinds=stall
 * </pre>
 */
class ChaosSoakIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ChaosSoakIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();

    private static final long DEFAULT_SEED = 20_260_105L;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(100);
    private static final int CLIENT_ID = 71;
    private static final int SUBSCRIPTIONS = 20;
    private static final List<Contract> UNIVERSE = List.of(Contract.stock("AAPL"), Contract.stock("MSFT"),
            Contract.stock("SPY"), Contract.forex("EUR", "USD"), Contract.future("ES", "202612", "CME"));

    private static final ConnectionSettings.Heartbeat HEARTBEAT = new ConnectionSettings.Heartbeat(
            Duration.ofMillis(500), Duration.ofMillis(500));
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    /** Re-issuing 20 requests through the pacer, the first tick after it (4 per second), and scheduling noise. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /**
     * How long a recovery may take once the fault is lifted: the longest backoff delay, one handshake timing out, the
     * heartbeat noticing a silent socket (idle, up to 1.25 idle with its check period, then the probe's timeout), and
     * the margin.
     */
    private static final Duration RECOVERY_BOUND = Loopback.FAST_BACKOFF.max().plus(HANDSHAKE_TIMEOUT)
            .plus(HEARTBEAT.idle().multipliedBy(5).dividedBy(4)).plus(HEARTBEAT.timeout()).plus(MARGIN);
    /** How long a subscription waits for an answer after error 100 before re-issuing (ManagedSubscription). */
    private static final Duration RATE_RECHECK = Duration.ofSeconds(3);
    private static final long HEAP_MARGIN_BYTES = 16L << 20;
    private static final double MAX_SLOPE_MIB_PER_10_MIN = 1.0;
    private static final double SLOPE_FROM_MINUTE = 5;
    private static final int FAULTS_PER_30_MIN = 1000;
    /**
     * Threads may exceed the count at the start by this many: the actor system's fork-join pools start threads lazily
     * up to their parallelism (8 each on 2 CPUs) and retire idle ones after a minute; a leak per recovery would pass it
     * within a few faults.
     */
    private static final int THREAD_SLACK = 8;
    /**
     * File descriptors may exceed the count at the start by this many: a jar the class loader opens late. A leak per
     * reconnect (a thousand in 30 minutes) would pass it at once.
     */
    private static final int FD_SLACK = 2;
    private static final Duration POLL = Duration.ofMillis(20);

    private final TestProbe<Object> poller = TEST_KIT.createTestProbe();
    private final SoakTable table = new SoakTable();

    @Test
    void everySubscriptionSurvivesEveryFault() {
        long seed = Long.getLong("soak.seed", DEFAULT_SEED);
        Duration duration = SoakDuration.parse(System.getProperty("soak.duration"), DEFAULT_DURATION);
        System.out.printf("chaos soak: seed %d (-Dsoak.seed=%d), duration %s, recovery bound %d ms + fault duration%n",
                seed, seed, duration, RECOVERY_BOUND.toMillis());
        List<Kind> kinds = Kind.parse(System.getProperty("soak.kinds"));
        System.out.println("fault kinds: " + kinds.stream().map(k -> k.label).toList());
        try (ErrorLines errors = ErrorLines.install()) {
            long heapAtStart = ResourceSampler.heapAfterGc();
            try {
                soak(seed, duration, kinds, new Random(seed), errors, heapAtStart);
            } catch (AssertionError | RuntimeException e) {
                System.out.println("--> the last log lines\n" + String.join("\n", errors.recent()) + "\n<--");
                throw e;
            }
        }
    }

    private void soak(long seed, Duration duration, List<Kind> kinds, Random random, ErrorLines errors,
                      long heapAtStart) {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        ConnectionSettings settings = Loopback.settings(simulator.address().getPort(), CLIENT_ID)
                .withHeartbeat(HEARTBEAT)
                .withHandshake(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, HANDSHAKE_TIMEOUT);
        TwsClient client = LOOPBACK.client(settings);
        join(client.ready(Duration.ofSeconds(10)));
        // The client's actors with no subscription yet: the guardian, its dispatcher, pacer and connection supervisor,
        // and the current socket's subtree, once its handshake child has stopped (it does so just after READY).
        List<String> baseline = poller.awaitAssert(RECOVERY_BOUND, POLL, () -> {
            List<String> tree = ActorTree.paths(client.ref());
            assertTrue(tree.stream().noneMatch(p -> p.endsWith("/handshake")), tree.toString());
            return tree;
        });
        System.out.println("actors at READY, before subscribing: " + baseline);

        List<SoakRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            Contract contract = UNIVERSE.get(i % UNIVERSE.size());
            String ticks = String.valueOf(100 + i);
            SoakRecorder recorder = new SoakRecorder(TEST_KIT, contract.displayName() + "/" + ticks);
            // Distinct generic tick lists make distinct requests, each with its own request id at TWS.
            client.marketData().subscribe(contract, MarketDataOptions.defaults().withGenericTicks(ticks),
                    recorder.ref());
            recorders.add(recorder);
        }
        awaitHealthy(simulator, client, recorders, 0, 0, Duration.ofSeconds(20));
        // The same actors as at READY, plus exactly one per subscription, after every recovery.
        List<String> healthy = ActorTree.normalized(baseline);
        healthy.addAll(Collections.nCopies(SUBSCRIPTIONS, "/subscription-#"));
        Map<String, Long> healthyActors = ActorTree.counted(healthy);
        awaitActorsAndThreads(client, healthyActors, Integer.MAX_VALUE);
        ResourceSampler sampler = new ResourceSampler(() -> ActorTree.paths(client.ref()).size(), Duration.ofMinutes(1));
        ResourceSampler.Sample start = sampler.sample();
        int threadCeiling = start.threads() + THREAD_SLACK;
        System.out.printf("baseline: %d actors, %d threads (ceiling %d), %d fds%n", start.actors(), start.threads(),
                threadCeiling, start.fds());

        SoakFaults faults = new SoakFaults(TEST_KIT, simulator, client, random, CLIENT_ID, SUBSCRIPTIONS,
                RECOVERY_BOUND);
        int outages = 0;
        int extraPairs = 0;
        int maxThreadsAfterRecovery = 0;
        long deadline = System.nanoTime() + duration.toNanos();
        List<Kind> bag = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                if (bag.isEmpty()) {
                    bag.addAll(kinds);
                    Collections.shuffle(bag, random);
                }
                Kind kind = bag.remove(0);
                recorders.forEach(SoakRecorder::mark);
                AtomicLong liftedAt = new AtomicLong();
                Duration faultLength = faults.inject(kind, liftedAt);
                table.injected(kind.label);
                int minPairs = kind.outage ? 1 : 0;
                Duration bound = RECOVERY_BOUND.plus(faultLength)
                        .plus(kind == Kind.PACE_LIMIT ? RATE_RECHECK : Duration.ZERO);
                awaitHealthy(simulator, client, recorders, minPairs, kind.maxPairs(), bound);
                table.recovered(kind.label, (System.nanoTime() - liftedAt.get()) / 1_000_000);
                outages += minPairs;
                extraPairs += kind.maxPairs() - minPairs;
                maxThreadsAfterRecovery = Math.max(maxThreadsAfterRecovery,
                        awaitActorsAndThreads(client, healthyActors, threadCeiling));
                sampler.sampleIfDue();
            }

            // Over the whole run: markers alternate, starting with Interrupted, one pair per outage (plus at most one
            // for each fault that may interrupt twice).
            for (SoakRecorder r : recorders) {
                String what = r.name() + " over the run (" + outages + " outages)";
                assertEquals(java.util.Optional.empty(), r.misorder(), what + ": markers alternate");
                assertTrue(!r.interrupted(), what + ": the last Interrupted has its Resumed");
                assertTrue(r.pairs() >= outages && r.pairs() <= outages + extraPairs, what + ": " + r.pairs()
                        + " pairs, expected " + outages + ".." + (outages + extraPairs));
            }
            assertEquals(1, join(simulator.stats()).openConnections(), "one connection while the client lives");
        } finally {
            sampler.sample();
            System.out.println(report(seed, duration, kinds, recorders, client, faults, sampler,
                    maxThreadsAfterRecovery));
        }
        checkResources(duration, sampler, start);

        join(client.close());
        // Once closed, the socket subtree is gone and every subscription has ended and stopped, leaving the guardian
        // and its three permanent children: the baseline without the socket.
        List<String> permanent = baseline.stream().filter(p -> p.chars().filter(c -> c == '/').count() <= 2)
                .map(p -> p.replaceAll("[0-9]+", "#")).collect(Collectors.toCollection(ArrayList::new));
        poller.awaitAssert(RECOVERY_BOUND, () -> {
            assertEquals(ActorTree.counted(permanent), ActorTree.counted(ActorTree.normalized(
                    ActorTree.paths(client.ref()))), "actors after close");
            return null;
        });
        // The subscriptions stop once they told their streams Ended; the streams deliver it on their own islands.
        poller.awaitAssert(RECOVERY_BOUND, () -> {
            for (SoakRecorder r : recorders) {
                assertTrue(r.last().flatMap(Lifecycle::of).orElse(null) instanceof Lifecycle.Ended e && e.code() == 0,
                        r.name() + " ends with Ended(0) on close: " + r.last());
            }
            return null;
        });
        poller.awaitAssert(RECOVERY_BOUND, () -> {
            assertEquals(0, join(simulator.stats()).openConnections(), "no connection after close");
            return null;
        });

        recorders.forEach(r -> TEST_KIT.stop(r.ref()));
        recorders.clear();
        long heapAtEnd = ResourceSampler.heapAfterGc();
        System.out.printf("heap after GC: start %d MiB, end %d MiB (margin %d MiB)%n", heapAtStart >> 20,
                heapAtEnd >> 20, HEAP_MARGIN_BYTES >> 20);
        assertTrue(heapAtEnd <= heapAtStart + HEAP_MARGIN_BYTES, "heap grew from " + (heapAtStart >> 20) + " MiB to "
                + (heapAtEnd >> 20) + " MiB");
        // None of the faults is meant to cause an ERROR: they are warnings and info at worst.
        assertEquals(0, errors.count(), "ERROR log lines: " + errors.lines());
    }

    /** The heap's slope from minute 5, file descriptors flat, and enough faults for a long run. */
    private void checkResources(Duration duration, ResourceSampler sampler, ResourceSampler.Sample start) {
        sampler.heapSlopeMibPer10Min(SLOPE_FROM_MINUTE).ifPresent(slope -> assertTrue(
                slope <= MAX_SLOPE_MIB_PER_10_MIN, String.format("heap after GC grows %.2f MiB per 10 min from minute"
                        + " %.0f (limit %.1f)", slope, SLOPE_FROM_MINUTE, MAX_SLOPE_MIB_PER_10_MIN)));
        if (start.fds() >= 0) {
            for (ResourceSampler.Sample s : sampler.samples()) {
                assertTrue(s.fds() <= start.fds() + FD_SLACK, s.fds() + " open file descriptors at minute "
                        + s.minutes() + ", " + start.fds() + " at the start");
            }
        }
        if (duration.compareTo(Duration.ofMinutes(30)) >= 0) {
            long wanted = FAULTS_PER_30_MIN * duration.toSeconds() / Duration.ofMinutes(30).toSeconds();
            assertTrue(table.injectedTotal() >= wanted, table.injectedTotal() + " faults, wanted " + wanted);
        }
        assertEquals(table.injectedTotal(), table.recoveredTotal(), "every fault recovered");
    }

    /**
     * Waits until the client's actors are exactly the healthy set, and the JVM's threads are at most the ceiling.
     *
     * @return the thread count then
     */
    private int awaitActorsAndThreads(TwsClient client, Map<String, Long> healthyActors, int threadCeiling) {
        return poller.awaitAssert(RECOVERY_BOUND, POLL, () -> {
            assertEquals(healthyActors, ActorTree.counted(ActorTree.normalized(ActorTree.paths(client.ref()))),
                    "the client's actors after a recovery");
            int threads = ResourceSampler.threads();
            assertTrue(threads <= threadCeiling, threads + " threads, ceiling " + threadCeiling);
            return threads;
        });
    }

    /**
     * Waits until the connection is READY, every subscription has ticked since its mark (after between min and max
     * Interrupted/Resumed pairs, in order), nothing ended or was refused as a duplicate, and the simulator serves
     * exactly one request per subscription on one connection.
     */
    private void awaitHealthy(TwsSimulator simulator, TwsClient client, List<SoakRecorder> recorders, int minPairs,
                              int maxPairs, Duration bound) {
        poller.awaitAssert(bound, POLL, () -> {
            assertEquals(ConnectionState.READY, client.state(), "state");
            for (SoakRecorder r : recorders) {
                SoakRecorder.Window w = r.window();
                w.lost().ifPresent(e -> fail(r.name() + " lost: " + e));
                assertEquals(w.markers().size(), w.markerCount(), r.name() + ": markers " + w.markers());
                assertEquals(0, w.markerCount() % 2, r.name() + ": every Interrupted is followed by its Resumed: "
                        + w.markers());
                for (int i = 0; i < w.markers().size(); i++) {
                    assertEquals(i % 2 == 0 ? "Interrupted" : "Resumed", w.markers().get(i), r.name() + ": "
                            + w.markers());
                }
                int pairs = w.markerCount() / 2;
                assertTrue(pairs >= minPairs && pairs <= maxPairs, r.name() + ": " + pairs + " pairs, expected "
                        + minPairs + ".." + maxPairs + ": " + w.markers());
                assertTrue(w.tickedAfterLast(), r.name() + " ticks again");
            }
            SimulatorStats stats = join(simulator.stats());
            assertEquals(1, stats.openConnections(), "open connections");
            assertEquals(SUBSCRIPTIONS, stats.activeSubscriptions(), "requests served by the simulator");
            return null;
        });
    }

    private String report(long seed, Duration duration, List<Kind> kinds, List<SoakRecorder> recorders,
                          TwsClient client, SoakFaults faults, ResourceSampler sampler, int maxThreads) {
        long ticks = recorders.stream().mapToLong(SoakRecorder::ticks).sum();
        long events = recorders.stream().mapToLong(SoakRecorder::events).sum();
        // Lost: ended, or silent since the latest fault (no tick after its last marker).
        long lost = recorders.stream().filter(r -> r.lost().isPresent() || !r.window().tickedAfterLast()).count();
        StringBuilder b = new StringBuilder(String.format("%nChaos soak: seed %d, duration %s, %d subscriptions%n",
                seed, duration, recorders.size()));
        b.append(table.render(kinds.stream().map(k -> k.label).toList()));
        b.append(String.format("faults injected %d, recovered %d; %s%n", table.injectedTotal(),
                table.recoveredTotal(), faults.overlapSummary()));
        b.append(String.format("events received: %d (ticks %d); subscriptions lost: %d; client reconnects: %d%n",
                events, ticks, lost, client.metrics().reconnects()));
        b.append("recovery time: from the fault's injection (stall and mute: including the heartbeat noticing; for"
                + " refuse and delay-handshake from the port/handshake coming back, for 1100/2110 from the restoring"
                + " notice) to READY with every subscription ticking again\n");
        b.append("\nresources (heap after GC, the client's actors, the JVM's threads and open fds), one sample a"
                + " minute:\n").append(sampler.series());
        b.append(String.format("threads after recoveries: at most %d%n", maxThreads));
        sampler.heapSlopeMibPer10Min(SLOPE_FROM_MINUTE).ifPresentOrElse(
                s -> b.append(String.format("heap slope from minute %.0f: %+.3f MiB per 10 min (limit %.1f)%n",
                        SLOPE_FROM_MINUTE, s, MAX_SLOPE_MIB_PER_10_MIN)),
                () -> b.append(String.format("heap slope: fewer than 3 samples from minute %.0f, not fitted%n",
                        SLOPE_FROM_MINUTE)));
        return b.toString();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
