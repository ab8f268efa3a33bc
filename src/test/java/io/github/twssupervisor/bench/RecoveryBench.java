package io.github.twssupervisor.bench;

import static io.github.twssupervisor.testutil.Signals.is;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues 6 and 12, benchmark 4: the simulator is stopped and started again on the same port while the client holds
 * 100 subscriptions; measured are the time from the new simulator's bind to READY (goal: within the backoff's minimum
 * delay + 25 ms; the minimum is 0 here, so the client retries at once) and from READY to every subscription re-issued and answered (tickReqParams after Resumed), whose
 * bound is the pacing rate: 100 requests at 45/s.
 */
final class RecoveryBench {

    private static final int SUBSCRIPTIONS = 100;
    private static final Duration DOWNTIME = Duration.ofMillis(300);
    private static final Duration BACKOFF_MIN = Duration.ZERO;
    private static final Duration READY_MARGIN = Duration.ofMillis(25);

    private final int restarts;

    RecoveryBench(int restarts) {
        this.restarts = restarts;
    }

    List<BenchResult> run() {
        TwsSimulator simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator(), 0);
        int port = simulator.address().getPort();
        ConnectionSettings connection = BenchSupport.connection(port, 9021).withBackoff(
                new ConnectionSettings.Backoff(BACKOFF_MIN, Duration.ofSeconds(1), 0.2, Duration.ofSeconds(30)));
        TwsClient client = BenchSupport.client(connection);
        AtomicLong readyAt = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        try {
            BenchSupport.join(client.ready());
            client.subscribe(client.system().systemActorOf(readyClock(readyAt), "ready-clock", Props.empty()));
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                ActorRef<MarketDataEvent> watcher = client.system().systemActorOf(reissueWatcher(answered),
                        "reissue-watcher-" + i, Props.empty());
                // Distinct generic tick lists make distinct requests for one contract (the simulator ignores them).
                client.marketData().subscribe(Contract.stock("AAPL"), MarketDataOptions.defaults()
                        .withGenericTicks(String.valueOf(100 + i)), watcher);
            }
            double rate = connection.pacing().messagesPerSecond();
            awaitAnswered(answered, SUBSCRIPTIONS); // the first requests are paced too
            double[] toReady = new double[restarts];
            double[] toReissued = new double[restarts];
            for (int cycle = 1; cycle <= restarts; cycle++) {
                BenchSupport.stop(simulator);
                BenchSupport.pause(DOWNTIME.toMillis());
                readyAt.set(0);
                long bindStarted = System.nanoTime();
                simulator = BenchSupport.simulator(BenchSupport.DEFAULTS.simulator(), port);
                awaitAnswered(answered, (cycle + 1) * SUBSCRIPTIONS);
                long allAnswered = System.nanoTime();
                toReady[cycle - 1] = readyAt.get() - bindStarted;
                toReissued[cycle - 1] = allAnswered - readyAt.get();
                System.out.printf("  restart %d: bind -> READY %s, READY -> %d re-issued and answered %s%n", cycle,
                        BenchSupport.millis(toReady[cycle - 1]), SUBSCRIPTIONS,
                        BenchSupport.millis(toReissued[cycle - 1]));
            }
            double ready = BenchSupport.median(toReady);
            double reissued = BenchSupport.median(toReissued);
            double bound = SUBSCRIPTIONS / rate * 1e9;
            double readyGoal = BACKOFF_MIN.plus(READY_MARGIN).toNanos();
            return List.of(
                    BenchResult.of("simulator restart: bind -> READY (backoff min " + BACKOFF_MIN.toMillis()
                                    + " ms, median of " + restarts + ")", BenchSupport.millis(ready),
                            "<= backoff min + 25 ms (" + BenchSupport.millis(readyGoal) + ")", ready <= readyGoal),
                    BenchResult.compared("READY -> " + SUBSCRIPTIONS + " subscriptions re-issued and answered",
                            BenchSupport.millis(reissued), BenchSupport.millis(bound) + " (pacing bound, "
                                    + (int) rate + "/s)", String.format("%.2fx", reissued / bound),
                            "bounded by the pacing rate", reissued <= bound * 1.1));
        } finally {
            BenchSupport.close(client);
            BenchSupport.stop(simulator);
        }
    }

    private static void awaitAnswered(AtomicInteger answered, int target) {
        long deadline = System.nanoTime() + BenchSupport.AWAIT.toNanos();
        while (answered.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + answered.get() + " of " + target + " re-issues answered");
            }
            BenchSupport.pause(1);
        }
    }

    private static Behavior<ConnectionEvent> readyClock(AtomicLong readyAt) {
        return Behaviors.receiveMessage(e -> {
            if (BenchSupport.isReady(e)) {
                readyAt.compareAndSet(0, System.nanoTime());
            }
            return Behaviors.same();
        });
    }

    /**
     * Counts the first answer, then one per outage: tickReqParams and Resumed, in either order, after an Interrupted.
     */
    private static Behavior<MarketDataEvent> reissueWatcher(AtomicInteger answered) {
        return Behaviors.setup(ctx -> {
            boolean[] state = {true, true, false}; // interrupted, resumed, answered: the first request counts too
            return Behaviors.receiveMessage(e -> {
                if (is(e, Lifecycle.Interrupted.class)) {
                    state[0] = true;
                    state[1] = false;
                    state[2] = false;
                } else if (is(e, Lifecycle.Resumed.class)) {
                    state[1] = true;
                } else if (e instanceof MarketDataEvent.Params) {
                    state[2] = true;
                }
                if (state[0] && state[1] && state[2]) {
                    state[0] = false;
                    answered.incrementAndGet();
                }
                return Behaviors.same();
            });
        });
    }
}
