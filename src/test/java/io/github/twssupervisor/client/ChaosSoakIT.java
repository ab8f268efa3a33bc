package io.github.twssupervisor.client;

import static io.github.twssupervisor.testutil.Signals.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.SimulatorStats;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The chaos soak of issue 5: one client with {@value #SUBSCRIPTIONS} market data subscriptions against a simulator that
 * injects every kind of fault, one at a time, in a seeded random order, for a bounded time. After every fault, within
 * a bound derived from the settings: READY again, every subscription ticking again with exactly one
 * Interrupted/Resumed pair per outage (none for faults that cause no outage), the simulator serving exactly
 * {@value #SUBSCRIPTIONS} requests (no duplicate request id, nothing lost). At the end: actors, connections and heap back
 * to their baselines, no ERROR log line, and a table of the figures.
 *
 * <pre>
 * mvn -B verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosSoakIT \
 *     -Dsoak.seed=7 -Dsoak.duration=10m
 * </pre>
 */
@ExtendWith(LogCapturing.class)
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
    /** Stall and mute last longer than the heartbeat needs to notice them, so each is one outage for certain. */
    private static final int MIN_SILENCE_MS = 2000;
    private static final int MAX_SILENCE_MS = 3500;
    private static final long HEAP_MARGIN_BYTES = 64L << 20;
    private static final Duration POLL = Duration.ofMillis(20);

    /** The fault kinds of the schedule; each round plays every one once, in a seeded random order. */
    enum Kind {
        DROP("drop", true),
        STALL("stall", true),
        MUTE("mute", true),
        GARBAGE("garbage", true),
        BOMB("bomb", true),
        UNKNOWN_MSG("unknown-msg", false),
        BAD_FIELD("bad-field", false),
        /** Armed, then a drop: the reconnects meet the "accept connection?" delay and time out until it is over. */
        DELAY_HANDSHAKE("delay-handshake+drop", true),
        REFUSE("refuse", true),
        /** Armed, then a drop: the first reconnect is answered with 326. */
        REJECT_CLIENT_ID("reject-client-id+drop", true),
        NOTICE_1100_1101("notice 1100->1101", true),
        NOTICE_1100_1102("notice 1100->1102", true),
        NOTICE_2110_1102("notice 2110->1102", true),
        NOTICE_1300("notice 1300", true),
        /**
         * A lowered pacing limit, then a drop so that the client re-issues every request at its own (higher) rate; the
         * limit is restored later. The simulator refuses the excess with error 100 on id -1, as TWS does; the
         * subscriptions whose requests stay unanswered re-issue them.
         */
        PACE_LIMIT("pace-limit+drop", true);

        final String label;
        final boolean outage;

        Kind(String label, boolean outage) {
            this.label = label;
            this.outage = outage;
        }
    }

    /**
     * Every kind. Choose others with {@code -Dsoak.kinds=...} (a comma-separated list of labels or enum names, or
     * {@code all}).
     */
    private static final List<Kind> DEFAULT_KINDS = List.of(Kind.values());
    /** How long a subscription waits for an answer after error 100 before re-issuing (ManagedSubscription). */
    private static final Duration RATE_RECHECK = Duration.ofSeconds(3);

    /** A subscriber actor's record of every event it received, in order. */
    private static final class Recorder {
        final String name;
        private final List<MarketDataEvent> events = Collections.synchronizedList(new ArrayList<>());
        final ActorRef<MarketDataEvent> ref;

        Recorder(String name) {
            this.name = name;
            this.ref = TEST_KIT.spawn(Behaviors.receiveMessage(e -> {
                events.add(e);
                return Behaviors.same();
            }), "soak-subscriber-" + name.replaceAll("[^A-Za-z0-9]", "-"));
        }

        int size() {
            return events.size();
        }

        List<MarketDataEvent> since(int mark) {
            synchronized (events) {
                return new ArrayList<>(events.subList(mark, events.size()));
            }
        }
    }

    /** Logback ERROR events, wherever they come from. */
    private static final class ErrorLines extends AppenderBase<ILoggingEvent> {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                lines.add(event.getLoggerName() + " - " + event.getFormattedMessage());
            }
        }
    }

    private final Loopback loopback = LOOPBACK;
    private final TestProbe<Object> poller = TEST_KIT.createTestProbe();
    private final Map<Kind, List<Long>> recoveries = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    /** Where each subscription's events stood when the latest fault was injected. */
    private int[] lastMarks = new int[SUBSCRIPTIONS];

    @Test
    void everySubscriptionSurvivesEveryFault() {
        long seed = Long.getLong("soak.seed", DEFAULT_SEED);
        Duration duration = parseDuration(System.getProperty("soak.duration"), DEFAULT_DURATION);
        System.out.printf("chaos soak: seed %d (-Dsoak.seed=%d), duration %s, recovery bound %d ms + fault duration%n",
                seed, seed, duration, RECOVERY_BOUND.toMillis());
        Random random = new Random(seed);
        List<Kind> kinds = kinds(System.getProperty("soak.kinds"));
        System.out.println("fault kinds: " + kinds.stream().map(k -> k.label).toList());

        ErrorLines errors = new ErrorLines();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        errors.setContext(root.getLoggerContext());
        errors.start();
        root.addAppender(errors);
        long heapAtStart = usedHeapAfterGc();
        try {
            soak(seed, duration, kinds, random, errors, heapAtStart);
        } finally {
            root.detachAppender(errors);
            errors.stop();
        }
    }

    private void soak(long seed, Duration duration, List<Kind> kinds, Random random, ErrorLines errors, long heapAtStart) {
        TwsSimulator simulator = loopback.simulator(0);
        ConnectionSettings settings = Loopback.settings(simulator.address().getPort(), CLIENT_ID)
                .withHeartbeat(HEARTBEAT)
                .withHandshake(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, HANDSHAKE_TIMEOUT);
        TwsClient client = loopback.client(settings);
        join(client.ready(Duration.ofSeconds(10)));
        // The client's actors with no subscription yet: the guardian, its dispatcher, pacer and connection supervisor,
        // and the current socket's subtree, once its handshake child has stopped (it does so just after READY).
        List<String> baseline = poller.awaitAssert(RECOVERY_BOUND, POLL, () -> {
            List<String> tree = actorTree(client);
            assertTrue(tree.stream().noneMatch(p -> p.endsWith("/handshake")), tree.toString());
            return tree;
        });
        System.out.println("actors at READY, before subscribing: " + baseline);

        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            Contract contract = UNIVERSE.get(i % UNIVERSE.size());
            String ticks = String.valueOf(100 + i);
            Recorder recorder = new Recorder(contract.displayName() + "/" + ticks);
            // Distinct generic tick lists make distinct requests, each with its own request id at TWS.
            client.marketData().subscribe(contract, MarketDataOptions.defaults().withGenericTicks(ticks), recorder.ref);
            recorders.add(recorder);
        }
        awaitHealthy(simulator, client, recorders, new int[SUBSCRIPTIONS], 0, 0, Duration.ofSeconds(20));

        int outages = 0;
        int paceLimitFaults = 0;
        long deadline = System.nanoTime() + duration.toNanos();
        List<Kind> bag = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                if (bag.isEmpty()) {
                    bag.addAll(kinds);
                    Collections.shuffle(bag, random);
                }
                Kind kind = bag.remove(0);
                int[] marks = recorders.stream().mapToInt(Recorder::size).toArray();
                lastMarks = marks;
                AtomicLong liftedAt = new AtomicLong();
                Duration faultLength = inject(kind, simulator, random, liftedAt);
                injected.merge(kind, 1, Integer::sum);
                System.out.printf("soak: %s%s%n", kind.label, faultLength.isZero() ? "" : " " + faultLength.toMillis()
                        + " ms");
                // A request TWS refused for its rate is re-issued once the subscription sees it unanswered: a second
                // outage, with its own pair, for the subscriptions it hit.
                int maxPairs = kind == Kind.PACE_LIMIT ? 2 : kind.outage ? 1 : 0;
                awaitHealthy(simulator, client, recorders, marks, kind.outage ? 1 : 0, maxPairs,
                        RECOVERY_BOUND.plus(faultLength).plus(kind == Kind.PACE_LIMIT ? RATE_RECHECK : Duration.ZERO));
                if (kind == Kind.PACE_LIMIT) {
                    paceLimitFaults++;
                }
                long recovered = System.nanoTime();
                recoveries.computeIfAbsent(kind, k -> new ArrayList<>()).add((recovered - liftedAt.get()) / 1_000_000);
                if (kind.outage) {
                    outages++;
                }
            }

            // Over the whole run: markers alternate, starting with Interrupted, one pair per outage (plus at most one
            // per pace-limit fault, for the requests TWS refused and the subscription re-issued).
            for (Recorder r : recorders) {
                List<String> markers = r.since(0).stream().filter(e -> is(e, Lifecycle.Interrupted.class)
                        || is(e, Lifecycle.Resumed.class)).map(e -> Lifecycle.of(e).orElseThrow().getClass().getSimpleName()).toList();
                assertAlternatingPairs(markers, outages, outages + paceLimitFaults, r.name + " over the run ("
                        + outages + " outages)");
            }

            // Nothing grows: the same actors as at READY, plus exactly one per subscription.
            List<String> before = normalized(baseline);
            before.addAll(Collections.nCopies(SUBSCRIPTIONS, "/subscription-#"));
            poller.awaitAssert(RECOVERY_BOUND, () -> {
                assertEquals(sorted(before), sorted(normalized(actorTree(client))), "actors before close");
                return null;
            });
            assertEquals(1, join(simulator.stats()).openConnections(), "one connection while the client lives");
        } finally {
            printTable(seed, duration, kinds, recorders, client);
        }

        join(client.close());
        // Actor count: the guardian's subtree is walked through the classic cells (internal but stable in 2.6, and
        // exact: it lists every child the actor system still holds, including ones that stopped but were not yet
        // reaped). Once closed, the socket subtree is gone and every subscription has ended and stopped, leaving the
        // guardian and its three permanent children: the baseline without the socket.
        List<String> permanent = baseline.stream().filter(p -> p.chars().filter(c -> c == '/').count() <= 2)
                .map(p -> p.replaceAll("[0-9]+", "#")).collect(Collectors.toCollection(ArrayList::new));
        poller.awaitAssert(RECOVERY_BOUND, () -> {
            assertEquals(sorted(permanent), sorted(normalized(actorTree(client))), "actors after close");
            return null;
        });
        for (Recorder r : recorders) {
            List<MarketDataEvent> all = r.since(0);
            assertTrue(Lifecycle.of(all.get(all.size() - 1)).orElse(null) instanceof Lifecycle.Ended e && e.code() == 0,
                    r.name + " ends with Ended(0) on close: " + all.get(all.size() - 1));
        }
        poller.awaitAssert(RECOVERY_BOUND, () -> {
            assertEquals(0, join(simulator.stats()).openConnections(), "no connection after close");
            return null;
        });

        recorders.forEach(r -> TEST_KIT.stop(r.ref));
        recorders.clear();
        long heapAtEnd = usedHeapAfterGc();
        System.out.printf("heap after GC: start %d MiB, end %d MiB (margin %d MiB)%n", heapAtStart >> 20,
                heapAtEnd >> 20, HEAP_MARGIN_BYTES >> 20);
        assertTrue(heapAtEnd <= heapAtStart + HEAP_MARGIN_BYTES, "heap grew from " + (heapAtStart >> 20) + " MiB to "
                + (heapAtEnd >> 20) + " MiB");
        // None of the faults is meant to cause an ERROR: they are warnings and info at worst.
        assertEquals(List.of(), List.copyOf(errors.lines), "ERROR log lines");
    }

    /**
     * Injects one fault.
     *
     * @param liftedAt set to when the fault stops preventing a recovery (recovery times count from there)
     * @return how long the fault lasts beyond its injection, added to the recovery bound
     */
    private Duration inject(Kind kind, TwsSimulator simulator, Random random, AtomicLong liftedAt) {
        Target all = Target.all();
        switch (kind) {
            case DROP -> join(simulator.drop(all));
            case STALL -> {
                Duration d = millis(random, MIN_SILENCE_MS, MAX_SILENCE_MS);
                liftedAt.set(System.nanoTime());
                join(simulator.stall(d, all));
                return d;
            }
            case MUTE -> {
                Duration d = millis(random, MIN_SILENCE_MS, MAX_SILENCE_MS);
                liftedAt.set(System.nanoTime());
                join(simulator.mute(d, all));
                return d;
            }
            case GARBAGE -> join(simulator.garbage(all));
            case BOMB -> join(simulator.bomb(all));
            case UNKNOWN_MSG -> join(simulator.unknownMessage(all));
            case BAD_FIELD -> join(simulator.badField(all));
            case DELAY_HANDSHAKE -> {
                Duration d = millis(random, 1500, 3000);
                long start = System.nanoTime();
                join(simulator.delayHandshake(d));
                join(simulator.drop(all));
                liftedAt.set(start + d.toNanos());
                return d;
            }
            case REFUSE -> {
                Duration d = millis(random, 500, 2000);
                long start = System.nanoTime();
                join(simulator.refuse(d));
                liftedAt.set(start + d.toNanos());
                return d;
            }
            case REJECT_CLIENT_ID -> {
                join(simulator.rejectClientId(Target.client(CLIENT_ID)));
                join(simulator.drop(all));
            }
            case NOTICE_1100_1101 -> {
                return degradeThenRestore(simulator, TwsErrorCode.CONNECTIVITY_LOST,
                        TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST, random, liftedAt);
            }
            case NOTICE_1100_1102 -> {
                return degradeThenRestore(simulator, TwsErrorCode.CONNECTIVITY_LOST,
                        TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT, random, liftedAt);
            }
            case NOTICE_2110_1102 -> {
                return degradeThenRestore(simulator, TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN,
                        TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT, random, liftedAt);
            }
            case NOTICE_1300 -> join(simulator.notice(TwsErrorCode.SOCKET_PORT_RESET));
            case PACE_LIMIT -> {
                Duration dwell = millis(random, 500, 3000);
                int limit = 5 + random.nextInt(16);
                System.out.printf("soak: pace-limit %d messages/s (client paces at %d), restored after %d ms%n", limit,
                        Loopback.DEFAULTS.connection().pacing().messagesPerSecond(), dwell.toMillis());
                join(simulator.paceLimit(limit, all));
                join(simulator.drop(all));
                // Recovery does not wait for the limit to come back (the refused requests are re-issued slowly
                // enough), so it counts from the drop.
                liftedAt.set(System.nanoTime());
                TEST_KIT.system().scheduler().scheduleOnce(dwell,
                        () -> simulator.paceLimit(Loopback.DEFAULTS.simulator().maxMessagesPerSecond(), all),
                        TEST_KIT.system().executionContext());
                return dwell;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        liftedAt.compareAndSet(0, System.nanoTime());
        return Duration.ZERO;
    }

    /** The degrading notice now, the restoring one later on the scheduler (no sleeping test thread). */
    private Duration degradeThenRestore(TwsSimulator simulator, int degrade, int restore, Random random,
                                        AtomicLong liftedAt) {
        Duration dwell = millis(random, 500, 3000);
        join(simulator.notice(degrade));
        TEST_KIT.system().scheduler().scheduleOnce(dwell, () -> {
            liftedAt.set(System.nanoTime());
            simulator.notice(restore);
        }, TEST_KIT.system().executionContext());
        return dwell;
    }

    /** Markers must be Interrupted, Resumed, Interrupted, Resumed, ...: between min and max whole pairs. */
    private static void assertAlternatingPairs(List<String> markers, int minPairs, int maxPairs, String what) {
        assertEquals(0, markers.size() % 2, what + ": every Interrupted is followed by its Resumed: " + markers);
        for (int i = 0; i < markers.size(); i++) {
            assertEquals(i % 2 == 0 ? "Interrupted" : "Resumed", markers.get(i), what + ": " + markers);
        }
        int pairs = markers.size() / 2;
        assertTrue(pairs >= minPairs && pairs <= maxPairs, what + ": " + pairs + " pairs, expected " + minPairs
                + ".." + maxPairs + ": " + markers);
    }

    /**
     * Waits until the connection is READY, every subscription has ticked since its mark (after exactly one
     * Interrupted then one Resumed when an outage was expected, with no marker otherwise), nothing ended or was refused
     * as a duplicate, and the simulator serves exactly one request per subscription on one connection.
     */
    private void awaitHealthy(TwsSimulator simulator, TwsClient client, List<Recorder> recorders, int[] marks,
                              int minPairs, int maxPairs, Duration bound) {
        poller.awaitAssert(bound, POLL, () -> {
            assertEquals(ConnectionState.READY, client.state(), "state");
            for (int i = 0; i < recorders.size(); i++) {
                Recorder r = recorders.get(i);
                List<MarketDataEvent> window = r.since(marks[i]);
                List<MarketDataEvent> markers = new ArrayList<>();
                int lastMarker = -1;
                for (int j = 0; j < window.size(); j++) {
                    MarketDataEvent e = window.get(j);
                    if (is(e, Lifecycle.Ended.class) || Lifecycle.of(e).orElse(null) instanceof Lifecycle.Warning w
                            && w.code() == TwsErrorCode.DUPLICATE_TICKER_ID) {
                        fail(r.name + " lost: " + e);
                    }
                    if (is(e, Lifecycle.Interrupted.class) || is(e, Lifecycle.Resumed.class)) {
                        markers.add(e);
                        lastMarker = j;
                    }
                }
                List<String> kinds = markers.stream().map(e -> Lifecycle.of(e).orElseThrow().getClass().getSimpleName()).toList();
                assertAlternatingPairs(kinds, minPairs, maxPairs, r.name + " markers");
                boolean ticked = window.subList(lastMarker + 1, window.size()).stream()
                        .anyMatch(e -> e instanceof MarketDataEvent.Tick);
                assertTrue(ticked, r.name + " ticks again");
            }
            SimulatorStats stats = join(simulator.stats());
            assertEquals(1, stats.openConnections(), "open connections");
            assertEquals(SUBSCRIPTIONS, stats.activeSubscriptions(), "requests served by the simulator");
            return null;
        });
    }

    private void printTable(long seed, Duration duration, List<Kind> kinds, List<Recorder> recorders,
                            TwsClient client) {
        long ticks = recorders.stream().mapToLong(r -> r.since(0).stream()
                .filter(e -> e instanceof MarketDataEvent.Tick).count()).sum();
        // Lost: ended, or silent since the latest fault (no tick after its last Interrupted/Resumed marker).
        long lost = 0;
        for (int i = 0; i < recorders.size(); i++) {
            List<MarketDataEvent> all = recorders.get(i).since(0);
            List<MarketDataEvent> window = recorders.get(i).since(lastMarks[i]);
            int lastMarker = -1;
            for (int j = 0; j < window.size(); j++) {
                if (is(window.get(j), Lifecycle.Interrupted.class)
                        || is(window.get(j), Lifecycle.Resumed.class)) {
                    lastMarker = j;
                }
            }
            boolean silent = window.subList(lastMarker + 1, window.size()).stream()
                    .noneMatch(e -> e instanceof MarketDataEvent.Tick);
            if (silent || all.stream().anyMatch(e -> is(e, Lifecycle.Ended.class))) {
                lost++;
            }
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nChaos soak: seed %d, duration %s, %d subscriptions%n", seed, duration,
                recorders.size()));
        table.append(String.format("| %-22s | %8s | %9s | %7s | %7s | %7s |%n", "fault", "injected", "recovered",
                "mean ms", "p99 ms", "max ms"));
        table.append(String.format("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(24), "-".repeat(10), "-".repeat(11),
                "-".repeat(9), "-".repeat(9), "-".repeat(9)));
        List<Long> everything = new ArrayList<>();
        int injectedTotal = 0;
        for (Kind kind : kinds) {
            List<Long> times = recoveries.getOrDefault(kind, List.of());
            everything.addAll(times);
            injectedTotal += injected.getOrDefault(kind, 0);
            table.append(row(kind.label, injected.getOrDefault(kind, 0), times));
        }
        table.append(row("all", injectedTotal, everything));
        table.append(String.format("ticks received: %d; subscriptions lost: %d; client reconnects: %d; seed: %d%n",
                ticks, lost, client.metrics().reconnects(), seed));
        table.append("recovery time: from the fault's injection (stall and mute: including the heartbeat noticing; for refuse and delay-handshake from the port/handshake "
                + "coming back, for 1100/2110 from the restoring notice) to READY with every subscription ticking "
                + "again\n");
        System.out.println(table);
    }

    private static String row(String label, int count, List<Long> times) {
        if (times.isEmpty()) {
            return String.format("| %-22s | %8d | %9d | %7s | %7s | %7s |%n", label, count, 0, "-", "-", "-");
        }
        List<Long> sortedTimes = times.stream().sorted().toList();
        double mean = sortedTimes.stream().mapToLong(Long::longValue).average().orElse(0);
        long p99 = sortedTimes.get(Math.max(0, (int) Math.ceil(0.99 * sortedTimes.size()) - 1));
        long max = sortedTimes.get(sortedTimes.size() - 1);
        return String.format("| %-22s | %8d | %9d | %7.0f | %7d | %7d |%n", label, count, times.size(), mean, p99, max);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** @return the paths, relative to the client guardian's parent, of the guardian and every actor under it */
    private static List<String> actorTree(TwsClient client) {
        List<String> paths = new ArrayList<>();
        walk(Adapter.toClassic(client.ref()), "", paths);
        return paths;
    }

    private static void walk(akka.actor.ActorRef ref, String prefix, List<String> paths) {
        String path = prefix + "/" + ref.path().name();
        paths.add(path);
        if (ref instanceof akka.actor.ActorRefWithCell cell) {
            for (akka.actor.ActorRef child : scala.jdk.javaapi.CollectionConverters.asJava(cell.children())) {
                walk(child, path, paths);
            }
        }
    }

    /** @return the last path element of each, numbers (epochs, counters) replaced by {@code #} */
    private static List<String> normalized(List<String> paths) {
        return paths.stream().map(p -> p.substring(p.lastIndexOf('/')).replaceAll("[0-9]+", "#"))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Map<String, Long> sorted(List<String> names) {
        return names.stream().map(n -> n.substring(n.lastIndexOf('/')))
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<Kind> kinds(String labels) {
        if (labels == null || labels.isBlank()) {
            return DEFAULT_KINDS;
        }
        if (labels.trim().equals("all")) {
            return List.of(Kind.values());
        }
        return Arrays.stream(labels.split(",")).map(String::trim).map(l -> Arrays.stream(Kind.values())
                .filter(k -> k.label.equals(l) || k.name().equalsIgnoreCase(l)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("soak.kinds: no fault kind " + l))).toList();
    }

    private static Duration millis(Random random, int min, int max) {
        return Duration.ofMillis(min + random.nextInt(max - min + 1));
    }

    /** Accepts {@code 90s}, {@code 10m}, {@code 1h}, {@code 1500ms} or ISO-8601 ({@code PT2M}). */
    static Duration parseDuration(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim().toLowerCase();
        if (t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase());
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("soak.duration: not a duration: " + text);
        };
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
