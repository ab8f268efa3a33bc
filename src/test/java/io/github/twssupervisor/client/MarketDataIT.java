package io.github.twssupervisor.client;

import static io.github.twssupervisor.testutil.Signals.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.testkit.TestSubscriber;
import akka.stream.testkit.javadsl.TestSink;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.marketdata.Quote;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionOverflowException;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Market data end to end against the simulator's market: subscriptions that survive restarts and notices. */
@ExtendWith(LogCapturing.class)
class MarketDataIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(MarketDataIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final TwsSettings DEFAULTS = Loopback.DEFAULTS;
    private static final Duration AWAIT = Duration.ofSeconds(20);

    private final Loopback loopback = LOOPBACK;

    private TwsSimulator simulator(int port) {
        return loopback.simulator(port);
    }

    private TwsClient client(int port, int clientId) {
        return loopback.client(Loopback.settings(port, clientId));
    }

    private static TestProbe<MarketDataEvent> subscribe(TwsClient client, Contract contract, MarketDataOptions options) {
        TestProbe<MarketDataEvent> probe = TEST_KIT.createTestProbe();
        client.marketData().subscribe(contract, options, probe.ref());
        return probe;
    }

    private static MarketDataEvent.Price awaitPrice(TestProbe<MarketDataEvent> probe, TickType field) {
        List<MarketDataEvent> seen = probe.fishForMessage(AWAIT, "a " + field + " price", e ->
                e instanceof MarketDataEvent.Price p && p.field() == field ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
        return (MarketDataEvent.Price) seen.get(seen.size() - 1);
    }

    /** @return the first event of that type, or carrying a lifecycle signal of that type */
    private static <T> T await(TestProbe<MarketDataEvent> probe, Class<T> type) {
        List<MarketDataEvent> seen = probe.fishForMessage(AWAIT, type.getSimpleName(), e ->
                type.isInstance(e) || is(e, type) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        MarketDataEvent last = seen.get(seen.size() - 1);
        return type.cast(type.isInstance(last) ? last : Lifecycle.of(last).orElseThrow());
    }

    /** Waits for Resumed and the re-issued request's first answer (tickReqParams), which may come in either order. */
    private static void awaitResumedAndAnswered(TestProbe<MarketDataEvent> probe) {
        boolean[] seen = new boolean[2];
        probe.fishForMessage(AWAIT, "Resumed and Params", e -> {
            seen[0] |= is(e, Lifecycle.Resumed.class);
            seen[1] |= e instanceof MarketDataEvent.Params;
            return seen[0] && seen[1] ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
        });
    }

    /** Fails if the given event type arrives before a price of {@code field}. */
    private static void noneBeforeNextPrice(TestProbe<MarketDataEvent> probe, Class<?> forbidden, TickType field) {
        probe.fishForMessage(AWAIT, "a " + field + " price with no " + forbidden.getSimpleName() + " first", e -> {
            if (forbidden.isInstance(e)) {
                return FishingOutcomes.fail("unexpected " + e);
            }
            return e instanceof MarketDataEvent.Price p && p.field() == field ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore();
        });
    }

    @Test
    void ticksResumeForEverySubscriptionAfterTheSimulatorRestarts() {
        TwsSimulator first = simulator(0);
        int port = first.address().getPort();
        TwsClient client = client(port, 41);
        TestProbe<MarketDataEvent> aapl = subscribe(client, Contract.stock("AAPL"), MarketDataOptions.defaults());
        TestProbe<MarketDataEvent> eur = subscribe(client, Contract.forex("EUR", "USD"), MarketDataOptions.defaults());
        MarketDataEvent.Price bid = awaitPrice(aapl, TickType.BID);
        MarketDataEvent.Price ask = awaitPrice(aapl, TickType.ASK);
        assertTrue(bid.price() < ask.price(), bid + " " + ask);
        awaitPrice(eur, TickType.BID);

        first.stop().toCompletableFuture().join();
        await(aapl, Lifecycle.Interrupted.class);
        await(eur, Lifecycle.Interrupted.class);
        simulator(port);
        await(aapl, Lifecycle.Resumed.class);
        await(eur, Lifecycle.Resumed.class);
        noneBeforeNextPrice(aapl, Lifecycle.Interrupted.class, TickType.BID);
        noneBeforeNextPrice(eur, Lifecycle.Interrupted.class, TickType.BID);
    }

    @Test
    void aHundredSubscriptionsAreReissuedAfterAReconnectWithoutAPacingViolation() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 42);
        List<TestProbe<MarketDataEvent>> probes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Distinct generic tick lists make 100 distinct requests for the same contract.
            probes.add(subscribe(client, Contract.stock("AAPL"), MarketDataOptions.defaults()
                    .withGenericTicks(String.valueOf(100 + i))));
        }
        probes.forEach(p -> await(p, MarketDataEvent.Params.class));
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.subscribe(events.ref());

        simulator.drop().toCompletableFuture().join();
        events.fishForMessage(AWAIT, "READY again", e -> e instanceof ConnectionEvent.StateChanged s
                && s.state() == ConnectionState.READY && s.previous() == ConnectionState.HANDSHAKING
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        long ready = System.nanoTime();
        probes.forEach(MarketDataIT::awaitResumedAndAnswered);
        long allAnswered = System.nanoTime();
        System.out.printf("READY -> 100 subscriptions re-issued and answered: %d ms (pacing %d messages/s)%n",
                (allAnswered - ready) / 1_000_000, DEFAULTS.connection().pacing().messagesPerSecond());
        long violations = simulator.stats().toCompletableFuture().join().pacingViolations();
        System.out.println("simulator pacing violations: " + violations);
        assertEquals(0, violations);
    }

    @Test
    void notice1102KeepsTheSubscriptionAnd1101ReissuesIt() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 43);
        // The order book reconciles once at the first READY (three requests): counted messages start after it.
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(3, client.metrics().messagesOut());
            return null;
        });
        TestProbe<MarketDataEvent> spy = subscribe(client, Contract.stock("SPY"), MarketDataOptions.defaults());
        awaitPrice(spy, TickType.BID);

        simulator.notice(TwsErrorCode.CONNECTIVITY_LOST).toCompletableFuture().join();
        await(spy, Lifecycle.Interrupted.class);
        long sentBefore = client.metrics().messagesOut();
        simulator.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT).toCompletableFuture().join();
        await(spy, Lifecycle.Resumed.class);
        noneBeforeNextPrice(spy, Lifecycle.Interrupted.class, TickType.LAST);
        assertEquals(sentBefore, client.metrics().messagesOut(), "1102: nothing re-issued");

        simulator.notice(TwsErrorCode.CONNECTIVITY_LOST).toCompletableFuture().join();
        await(spy, Lifecycle.Interrupted.class);
        simulator.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST).toCompletableFuture().join();
        await(spy, Lifecycle.Resumed.class);
        await(spy, MarketDataEvent.Params.class);
        noneBeforeNextPrice(spy, Lifecycle.Interrupted.class, TickType.LAST);
        assertEquals(sentBefore + 1, client.metrics().messagesOut(), "1101: the request was sent again");
    }

    @Test
    void anUnknownContractEndsTheSubscriptionWithTheTwsError() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 44);
        TestProbe<MarketDataEvent> unknown = subscribe(client, Contract.stock("ZZZZ"), MarketDataOptions.defaults());
        assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, await(unknown, Lifecycle.Ended.class).code());
        CompletionException snapshotFailure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> client.marketData().snapshot(Contract.stock("ZZZZ")).toCompletableFuture().join());
        assertTrue(snapshotFailure.getCause().getMessage().contains(String.valueOf(
                TwsErrorCode.NO_SECURITY_DEFINITION)), snapshotFailure.getCause().getMessage());
    }

    @Test
    void aSnapshotCompletesWithAQuote() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 45);
        Quote quote = client.marketData().snapshot(Contract.stock("MSFT")).toCompletableFuture().join();
        assertTrue(quote.bid().isPresent() && quote.ask().isPresent(), quote.toString());
        assertTrue(quote.bid().getAsDouble() < quote.ask().getAsDouble(), quote.toString());
    }

    @Test
    void aStreamSharesTheSubscriptionAndCancellingTheLastConsumerCancelsAtTws() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 46);
        TestSubscriber.Probe<MarketDataEvent> first = client.marketData().stream(Contract.stock("AAPL"),
                MarketDataOptions.defaults()).runWith(TestSink.probe(TEST_KIT.system().classicSystem()),
                TEST_KIT.system());
        TestSubscriber.Probe<MarketDataEvent> second = client.marketData().stream(Contract.stock("AAPL"),
                MarketDataOptions.defaults()).runWith(TestSink.probe(TEST_KIT.system().classicSystem()),
                TEST_KIT.system());
        first.request(5);
        second.request(5);
        first.expectNext();
        second.expectNext();
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(1, simulator.stats().toCompletableFuture().join().activeSubscriptions(), "shared");
            return null;
        });
        first.cancel();
        second.request(5);
        second.expectNext();
        second.cancel();
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(0, simulator.stats().toCompletableFuture().join().activeSubscriptions(), "cancelled");
            return null;
        });
    }

    @Test
    void aBufferedConsumerThatFallsBehindFailsWithAClearError() {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 47);
        TestSubscriber.Probe<MarketDataEvent> slow = client.marketData().stream(Contract.stock("AAPL"),
                        MarketDataOptions.defaults().withOverflow(new Overflow.Buffer(20)))
                .runWith(TestSink.probe(TEST_KIT.system().classicSystem()), TEST_KIT.system());
        slow.ensureSubscription();
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(1, simulator.stats().toCompletableFuture().join().activeSubscriptions());
            return null;
        });
        simulator.blast(1000).toCompletableFuture().join();
        Throwable error = slow.expectError();
        assertInstanceOf(SubscriptionOverflowException.class, error);
        assertTrue(error.getMessage().contains("20 events behind"), error.getMessage());
    }

    @Test
    void aConflatingConsumerGetsTheLatestValuesWithoutFailing() throws Exception {
        TwsSimulator simulator = simulator(0);
        TwsClient client = client(simulator.address().getPort(), 48);
        // A consumer that takes 50 events a second while the simulator blasts thousands.
        var received = client.marketData().stream(Contract.stock("AAPL"), MarketDataOptions.defaults())
                .throttle(50, Duration.ofSeconds(1))
                .takeWithin(Duration.ofSeconds(3))
                .runWith(akka.stream.javadsl.Sink.seq(), TEST_KIT.system());
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(1, simulator.stats().toCompletableFuture().join().activeSubscriptions());
            return null;
        });
        long blasted = simulator.blast(5000).toCompletableFuture().join();
        List<MarketDataEvent> events = received.toCompletableFuture().get();
        List<Double> lasts = events.stream().filter(e -> e instanceof MarketDataEvent.Price p
                && p.field() == TickType.LAST).map(e -> ((MarketDataEvent.Price) e).price()).toList();
        assertTrue(events.size() < blasted, "merged: " + events.size() + " events for " + blasted + " ticks");
        assertTrue(lasts.size() >= 2, "the consumer kept getting values: " + lasts);
        // The blast raises LAST one tick per frame: a consumer that skipped the stale values saw far-off prices.
        double first = lasts.get(0);
        double highest = lasts.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(lasts.size() < 1000 && highest > first, "latest values reached the consumer: " + lasts);
    }
}
