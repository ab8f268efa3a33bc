package io.github.twssupervisor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderHandle;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Account views end to end against the simulated account: positions and account values from its fills, current again
 * after a dropped connection and after 1101 with exactly one Interrupted / Resumed pair each, and TWS's limits kept by
 * the client (two account summaries, one followed account, only the session's accounts).
 */
@ExtendWith(LogCapturing.class)
class AccountIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(AccountIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String ACCOUNT = "DU111111";
    private static final int AAPL_CONID = 265598;

    private record Fixture(TwsSimulator simulator, TwsClient client) {
    }

    private static Fixture ready(int clientId) {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), clientId));
        join(client.ready(AWAIT));
        return new Fixture(simulator, client);
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void buyAndAwaitFill(TwsClient client, int quantity) {
        OrderHandle handle = join(client.orders().place(Contract.stock("AAPL"), Order.market(OrderAction.BUY,
                quantity)));
        TestProbe<OrderEvent> events = TEST_KIT.createTestProbe(OrderEvent.class);
        handle.subscribe(events.ref());
        events.fishForMessage(AWAIT, "filled", e -> e instanceof OrderEvent.Filled
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    private static <V> TestProbe<V> run(akka.stream.javadsl.Source<V, ?> source) {
        TestProbe<V> probe = TEST_KIT.createTestProbe();
        source.runWith(Sink.foreach(probe.ref()::tell), TEST_KIT.system());
        return probe;
    }

    /** @return the first view that satisfies the check, failing on any view that is not stale and fails it */
    private static <V> V awaitView(TestProbe<V> views, String what, java.util.function.Predicate<V> check) {
        List<V> seen = views.fishForMessage(AWAIT, what, v -> check.test(v) ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        return seen.get(seen.size() - 1);
    }

    private static Lifecycle awaitSignal(TestProbe<PositionEvent> events) {
        List<PositionEvent> seen = events.fishForMessage(AWAIT, "a signal", e -> e instanceof PositionEvent.Status
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return ((PositionEvent.Status) seen.get(seen.size() - 1)).lifecycle();
    }

    /** One outage: exactly Interrupted, then Resumed after a re-issue, then TWS's full set again, and no other signal. */
    private static void expectOnePair(TestProbe<PositionEvent> events) {
        assertInstanceOf(Lifecycle.Interrupted.class, awaitSignal(events));
        assertEquals(new Lifecycle.Resumed(true), awaitSignal(events));
        List<PositionEvent> seen = events.fishForMessage(AWAIT, "positionEnd", e -> {
            if (e instanceof PositionEvent.Status) {
                return FishingOutcomes.fail("a second signal in one outage: " + e);
            }
            return e instanceof PositionEvent.End ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
        });
        assertFalse(seen.isEmpty());
    }

    private static boolean holds(Positions view, int quantity) {
        return view.of(ACCOUNT, AAPL_CONID).map(p -> p.position().compareTo(BigDecimal.valueOf(quantity)) == 0)
                .orElse(false);
    }

    @Test
    void viewsAreCurrentAgainAfterADroppedConnectionAndAfter1101WithOnePairEach() {
        Fixture f = ready(61);
        buyAndAwaitFill(f.client(), 100);
        TestProbe<PositionEvent> events = run(f.client().account().positionEvents(new Overflow.Buffer(10_000)));
        TestProbe<Positions> positions = run(f.client().account().positions());
        TestProbe<AccountView> account = run(f.client().account().follow(ACCOUNT));
        awaitView(positions, "AAPL 100", v -> v.isCurrent() && holds(v, 100));
        // A second view shares the live request: it gets the full set kept for it, not a second reqPositions.
        assertTrue(holds(join(f.client().account().currentPositions()), 100));
        AccountView first = awaitView(account, "a current account", AccountView::isCurrent);
        assertTrue(first.value("NetLiquidation", "USD").isPresent(), first.values().toString());
        assertEquals(0, BigDecimal.valueOf(100).compareTo(first.item(AAPL_CONID).orElseThrow().position()));

        join(f.simulator().drop());
        expectOnePair(events);
        awaitView(positions, "stale", v -> !v.isCurrent());
        awaitView(positions, "current again", v -> v.isCurrent() && holds(v, 100));
        awaitView(account, "stale", v -> !v.isCurrent());
        awaitView(account, "current again", AccountView::isCurrent);

        // A fill while connected moves the views; then TWS loses its data (1100, 1101).
        buyAndAwaitFill(f.client(), 50);
        awaitView(positions, "AAPL 150", v -> v.isCurrent() && holds(v, 150));
        join(f.simulator().notice(TwsErrorCode.CONNECTIVITY_LOST));
        join(f.simulator().notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST));
        expectOnePair(events);
        awaitView(positions, "current after 1101", v -> v.isCurrent() && holds(v, 150));
        AccountView after = awaitView(account, "current after 1101", v -> v.isCurrent()
                && v.item(AAPL_CONID).map(p -> p.position().compareTo(BigDecimal.valueOf(150)) == 0).orElse(false));
        assertTrue(after.value("NetLiquidation", "USD").isPresent());
    }

    @Test
    void aSimulatorRestartReplacesTheViewWithTheNewSessionsSet() {
        TwsSimulator first = LOOPBACK.simulator(0);
        int port = first.address().getPort();
        TwsClient client = LOOPBACK.client(Loopback.settings(port, 62));
        join(client.ready(AWAIT));
        buyAndAwaitFill(client, 10);
        TestProbe<Positions> positions = run(client.account().positions());
        awaitView(positions, "AAPL 10", v -> v.isCurrent() && holds(v, 10));

        join(first.stop());
        awaitView(positions, "stale", v -> !v.isCurrent());
        LOOPBACK.simulator(port); // a fresh TWS: its account holds nothing
        Positions again = awaitView(positions, "current again", Positions::isCurrent);
        assertTrue(again.positions().isEmpty(), "the old position is gone, not served as current: " + again);
    }

    @Test
    void aThirdDistinctAccountSummaryIsRefusedNamingTheLiveOnesAndNeverSent() {
        Fixture f = ready(63);
        TestProbe<AccountSummary> net = run(f.client().account().summary(AccountSummaryRequest.of("NetLiquidation")));
        TestProbe<AccountSummary> cash = run(f.client().account().summary(AccountSummaryRequest.of(
                "TotalCashValue")));
        AccountSummary summary = awaitView(net, "net liquidation", AccountSummary::isCurrent);
        assertTrue(summary.get(ACCOUNT, "NetLiquidation").isPresent(), summary.toString());
        awaitView(cash, "cash", AccountSummary::isCurrent);
        // Equal to a live one: shared, not a third.
        assertTrue(join(f.client().account().currentSummary(AccountSummaryRequest.of("NetLiquidation")))
                .isCurrent());

        CompletionException third = assertThrows(CompletionException.class, () -> f.client().account()
                .currentSummary(AccountSummaryRequest.of("BuyingPower")).toCompletableFuture().join());
        String message = third.getCause().getMessage();
        assertTrue(message.contains("at most two account summary") && message.contains("NetLiquidation")
                && message.contains("TotalCashValue"), message);
        assertEquals(0, join(f.simulator().stats()).accountSummaryLimitErrors(), "never sent to TWS");
    }

    @Test
    void oneAccountIsFollowedAtATimeAndOnlyTheSessionsAccounts() {
        Fixture f = ready(64);
        CompletionException stranger = assertThrows(CompletionException.class, () -> f.client().account()
                .account("DU999999").toCompletableFuture().join());
        assertTrue(stranger.getCause().getMessage().contains("account DU999999 is not managed by this session"),
                stranger.getCause().getMessage());
        TestProbe<AccountView> followed = run(f.client().account().follow(ACCOUNT));
        awaitView(followed, "current", AccountView::isCurrent);

        CompletionException second = assertThrows(CompletionException.class, () -> f.client().account()
                .account("DU222222").toCompletableFuture().join());
        assertTrue(second.getCause().getMessage().contains("reqAccountUpdates " + ACCOUNT), second.getMessage());

        assertThrows(IllegalArgumentException.class, () -> f.client().account().follow(" "));
    }

    @Test
    void pnlOfTheAccountAndOfOnePositionArriveAboutOnceASecond() {
        Fixture f = ready(65);
        buyAndAwaitFill(f.client(), 20);
        List<PnlEvent> account = join(f.client().account().pnl(ACCOUNT)
                .filter(e -> e instanceof PnlEvent.Pnl).take(2).runWith(Sink.seq(), TEST_KIT.system()));
        assertEquals(2, account.size());
        PnlEvent.Single single = (PnlEvent.Single) join(f.client().account().pnl(ACCOUNT, AAPL_CONID)
                .filter(e -> e instanceof PnlEvent.Single).runWith(Sink.head(), TEST_KIT.system()));
        assertEquals(0, BigDecimal.valueOf(20).compareTo(single.position()));
        assertThrows(IllegalArgumentException.class, () -> f.client().account().pnl(ACCOUNT, 0));
    }
}
