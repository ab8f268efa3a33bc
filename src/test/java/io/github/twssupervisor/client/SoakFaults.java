package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of {@link ChaosSoakIT}: what each kind injects, with seeded random durations, and when it stops
 * preventing a recovery. Two kinds overlap a second fault into a recovery: they drop the connection, wait for READY
 * (the client then re-issues its requests through the pacer, about half a second for 20) and strike again at once;
 * how many requests the simulator was serving at that moment is counted, to show the strike landed in the re-issue.
 */
final class SoakFaults {

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
         * subscriptions whose requests stay unanswered re-issue them (a second pair for those).
         */
        PACE_LIMIT("pace-limit+drop", true),
        /** A drop, and a second drop as soon as the reconnect is READY, while the requests are being re-issued. */
        DROP_IN_REISSUE("drop+drop in re-issue", true),
        /** A drop, then 1100 as soon as the reconnect is READY, during the re-issue; 1102 later. */
        NOTICE_1100_IN_REISSUE("drop+1100 in re-issue", true);

        final String label;
        final boolean outage;

        Kind(String label, boolean outage) {
            this.label = label;
            this.outage = outage;
        }

        /** @return the most Interrupted/Resumed pairs a subscription may see for one fault of this kind */
        int maxPairs() {
            return switch (this) {
                case PACE_LIMIT, DROP_IN_REISSUE, NOTICE_1100_IN_REISSUE -> 2;
                default -> outage ? 1 : 0;
            };
        }

        static List<Kind> parse(String labels) {
            if (labels == null || labels.isBlank() || labels.trim().equals("all")) {
                return List.of(values());
            }
            return Arrays.stream(labels.split(",")).map(String::trim).map(l -> Arrays.stream(values())
                    .filter(k -> k.label.equals(l) || k.name().equalsIgnoreCase(l)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("soak.kinds: no fault kind " + l))).toList();
        }
    }

    /** Stall and mute last longer than the heartbeat needs to notice them, so each is one outage for certain. */
    private static final int MIN_SILENCE_MS = 2000;
    private static final int MAX_SILENCE_MS = 3000;

    private final ActorTestKit kit;
    private final TestProbe<Object> poller;
    private final TwsSimulator simulator;
    private final TwsClient client;
    private final Random random;
    private final int clientId;
    private final int requests;
    private final Duration reconnectBound;
    private int overlaps;
    private int overlapsInReissue;

    /**
     * @param requests       how many requests the client serves when healthy
     * @param reconnectBound how long a reconnect may take
     */
    SoakFaults(ActorTestKit kit, TwsSimulator simulator, TwsClient client, Random random, int clientId, int requests,
               Duration reconnectBound) {
        this.kit = kit;
        this.poller = kit.createTestProbe();
        this.simulator = simulator;
        this.client = client;
        this.random = random;
        this.clientId = clientId;
        this.requests = requests;
        this.reconnectBound = reconnectBound;
    }

    /** @return "N overlapped, M of them while the simulator served fewer than all requests" */
    String overlapSummary() {
        return overlaps + " faults overlapped into a re-issue, " + overlapsInReissue + " of them struck while the"
                + " simulator served fewer than " + requests + " requests";
    }

    /**
     * Injects one fault.
     *
     * @param liftedAt set to when the fault stops preventing a recovery (recovery times count from there)
     * @return how long the fault lasts beyond its injection, added to the recovery bound
     */
    Duration inject(Kind kind, AtomicLong liftedAt) {
        Target all = Target.all();
        switch (kind) {
            case DROP -> join(simulator.drop(all));
            case STALL, MUTE -> {
                Duration d = millis(MIN_SILENCE_MS, MAX_SILENCE_MS);
                liftedAt.set(System.nanoTime());
                join(kind == Kind.STALL ? simulator.stall(d, all) : simulator.mute(d, all));
                return d;
            }
            case GARBAGE -> join(simulator.garbage(all));
            case BOMB -> join(simulator.bomb(all));
            case UNKNOWN_MSG -> join(simulator.unknownMessage(all));
            case BAD_FIELD -> join(simulator.badField(all));
            case DELAY_HANDSHAKE -> {
                Duration d = millis(1200, 2500);
                long start = System.nanoTime();
                join(simulator.delayHandshake(d));
                join(simulator.drop(all));
                liftedAt.set(start + d.toNanos());
                return d;
            }
            case REFUSE -> {
                Duration d = millis(500, 1500);
                long start = System.nanoTime();
                join(simulator.refuse(d));
                liftedAt.set(start + d.toNanos());
                return d;
            }
            case REJECT_CLIENT_ID -> {
                join(simulator.rejectClientId(Target.client(clientId)));
                join(simulator.drop(all));
            }
            case NOTICE_1100_1101 -> {
                return degradeThenRestore(TwsErrorCode.CONNECTIVITY_LOST, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                        liftedAt);
            }
            case NOTICE_1100_1102 -> {
                return degradeThenRestore(TwsErrorCode.CONNECTIVITY_LOST, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT,
                        liftedAt);
            }
            case NOTICE_2110_1102 -> {
                return degradeThenRestore(TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN,
                        TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT, liftedAt);
            }
            case NOTICE_1300 -> join(simulator.notice(TwsErrorCode.SOCKET_PORT_RESET));
            case PACE_LIMIT -> {
                Duration dwell = millis(500, 1500);
                int limit = 5 + random.nextInt(16);
                join(simulator.paceLimit(limit, all));
                join(simulator.drop(all));
                // Recovery does not wait for the limit to come back (the refused requests are re-issued slowly
                // enough), so it counts from the drop.
                liftedAt.set(System.nanoTime());
                kit.system().scheduler().scheduleOnce(dwell,
                        () -> simulator.paceLimit(Loopback.DEFAULTS.simulator().maxMessagesPerSecond(), all),
                        kit.system().executionContext());
                return dwell;
            }
            case DROP_IN_REISSUE -> {
                join(simulator.drop(all));
                awaitReadyAgain();
                join(simulator.drop(all));
            }
            case NOTICE_1100_IN_REISSUE -> {
                join(simulator.drop(all));
                awaitReadyAgain();
                return degradeThenRestore(TwsErrorCode.CONNECTIVITY_LOST, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT,
                        liftedAt);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        liftedAt.compareAndSet(0, System.nanoTime());
        return Duration.ZERO;
    }

    /** Waits for the client to notice the drop, then for READY, and counts how far the re-issue had got. */
    private void awaitReadyAgain() {
        poller.awaitAssert(reconnectBound, Duration.ofMillis(2), () -> {
            assertNotEquals(ConnectionState.READY, client.state(), "the drop noticed");
            return null;
        });
        poller.awaitAssert(reconnectBound, Duration.ofMillis(2), () -> {
            assertEquals(ConnectionState.READY, client.state(), "READY again");
            return null;
        });
        overlaps++;
        if (join(simulator.stats()).activeSubscriptions() < requests) {
            overlapsInReissue++;
        }
    }

    /** The degrading notice now, the restoring one later on the scheduler (no sleeping test thread). */
    private Duration degradeThenRestore(int degrade, int restore, AtomicLong liftedAt) {
        Duration dwell = millis(300, 1500);
        join(simulator.notice(degrade));
        kit.system().scheduler().scheduleOnce(dwell, () -> {
            liftedAt.set(System.nanoTime());
            simulator.notice(restore);
        }, kit.system().executionContext());
        return dwell;
    }

    private Duration millis(int min, int max) {
        return Duration.ofMillis(min + random.nextInt(max - min + 1));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
