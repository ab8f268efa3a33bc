package io.github.twssupervisor.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.simulator.OrderBookSnapshot;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.Loopback;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client.orders() against the simulator's matching engine: an order is acknowledged, fills and closes with its
 * commission; across a connection dropped right after a placeOrder the order is Unknown, then reconciled to exactly the
 * simulator's state, each fill seen once; ids never go back when TWS's nextValidId does.
 */
class OrdersIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(OrdersIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(15);
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final int CLIENT_ID = 31;

    private record Fixture(TwsSimulator simulator, TwsClient client) {
    }

    private Fixture ready(int clientId) {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), clientId));
        client.ready(AWAIT).toCompletableFuture().join();
        return new Fixture(simulator, client);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TestProbe<OrderEvent> follow(OrderHandle handle) {
        TestProbe<OrderEvent> events = TEST_KIT.createTestProbe(OrderEvent.class);
        handle.subscribe(events.ref());
        return events;
    }

    private static <T extends OrderEvent> T await(TestProbe<OrderEvent> events, Class<T> type) {
        List<OrderEvent> seen = events.fishForMessage(AWAIT, type.getSimpleName(), e -> type.isInstance(e)
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return type.cast(seen.get(seen.size() - 1));
    }

    private static OrderBookSnapshot.Entry entry(TwsSimulator simulator, int clientId, int orderId) {
        return join(simulator.orderBook()).orders(clientId).stream().filter(e -> e.orderId() == orderId)
                .findFirst().orElseThrow(() -> new AssertionError("order " + orderId + " is not in the book"));
    }

    @Test
    void aMarketOrderIsAcknowledgedFillsAndClosesWithEveryFillSeenOnce() {
        Fixture f = ready(CLIENT_ID);
        OrderHandle handle = join(f.client().orders().place(AAPL, Order.market(OrderAction.BUY, 100)));
        TestProbe<OrderEvent> events = follow(handle);
        OrderAck ack = join(handle.ack());
        assertEquals(handle.orderId(), ack.orderId());
        List<OrderEvent> all = events.fishForMessage(AWAIT, "Closed", e -> e instanceof OrderEvent.Closed
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
        OrderEvent.Closed closed = (OrderEvent.Closed) all.get(all.size() - 1);
        assertEquals(OrderStatus.FILLED, closed.status(), all.toString());
        assertEquals(0, BigDecimal.valueOf(100).compareTo(closed.filled()), closed.toString());
        List<String> fills = all.stream().filter(e -> e instanceof OrderEvent.Filled)
                .map(e -> ((OrderEvent.Filled) e).execution().execId()).toList();
        assertEquals(entry(f.simulator(), CLIENT_ID, handle.orderId()).execIds(), fills);
        assertTrue(all.stream().anyMatch(e -> e instanceof OrderEvent.Commission), all.toString());
    }

    @Test
    void aBracketIsOneCallWithConsecutiveIdsAndTheExitsWorkOnceTheEntryFilled() {
        Fixture f = ready(CLIENT_ID + 1);
        List<OrderHandle> legs = join(f.client().orders().bracket(AAPL, new Bracket(
                Order.market(OrderAction.BUY, 100), Order.limit(OrderAction.SELL, 100, 100_000),
                Order.stop(OrderAction.SELL, 100, 0.01))));
        assertEquals(List.of(legs.get(0).orderId() + 1, legs.get(0).orderId() + 2),
                List.of(legs.get(1).orderId(), legs.get(2).orderId()));
        assertEquals(OrderStatus.FILLED, join(legs.get(0).closed()).status());
        TestProbe<OrderEvent> takeProfit = follow(legs.get(1));
        await(takeProfit, OrderEvent.Acknowledged.class);
        join(f.client().orders().cancel(legs.get(1).orderId()));
        assertEquals(OrderStatus.CANCELLED, await(takeProfit, OrderEvent.Closed.class).status());
    }

    @Test
    void anOrderAcceptedByTwsAsTheConnectionDiedIsUnknownThenReconciledToTheSimulatorsState() {
        Fixture f = ready(CLIENT_ID + 2);
        join(f.simulator().dropAfterOrder(false, Target.all()));
        OrderHandle handle = join(f.client().orders().place(AAPL, Order.market(OrderAction.BUY, 100)));
        TestProbe<OrderEvent> events = follow(handle);
        await(events, OrderEvent.Unknown.class);
        OrderEvent.Reconciled reconciled = await(events, OrderEvent.Reconciled.class);
        OrderBookSnapshot.Entry atTws = entry(f.simulator(), CLIENT_ID + 2, handle.orderId());
        assertEquals(atTws.status(), reconciled.status(), reconciled + " vs " + atTws);
        OrderEvent.Closed closed = await(events, OrderEvent.Closed.class);
        assertEquals(0, atTws.filled().compareTo(closed.filled()), closed + " vs " + atTws);
        assertEquals(0, join(f.simulator().orderBook()).duplicateOrderIds(), "an order id was placed twice");
    }

    @Test
    void anOrderLostWithTheConnectionIsNotFoundAtTwsAndNeverResent() {
        Fixture f = ready(CLIENT_ID + 3);
        join(f.simulator().dropAfterOrder(true, Target.all()));
        OrderHandle handle = join(f.client().orders().place(AAPL, Order.limit(OrderAction.BUY, 100, 1.0)));
        TestProbe<OrderEvent> events = follow(handle);
        await(events, OrderEvent.Unknown.class);
        assertEquals(Reconciliation.NOT_FOUND_AT_TWS, await(events, OrderEvent.Reconciled.class).outcome());
        assertTrue(join(f.simulator().orderBook()).orders(CLIENT_ID + 3).isEmpty(), "the lost order was resent");
    }

    @Test
    void orderIdsStayAboveEveryIdUsedWhenTwsAnnouncesALowerNextValidId() {
        Fixture f = ready(CLIENT_ID + 4);
        int first = join(f.client().orders().place(AAPL, Order.limit(OrderAction.BUY, 1, 1.0))).orderId();
        join(f.simulator().nextIdBack(50, Target.all()));
        join(f.simulator().drop());
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(ConnectionState.READY, f.client().state());
            join(f.client().orders().openOrders()); // the order book's own view of the new socket
            return null;
        });
        int second = join(f.client().orders().place(AAPL, Order.limit(OrderAction.BUY, 1, 1.0))).orderId();
        assertTrue(second > first, second + " must be above " + first);
        assertEquals(0, join(f.simulator().orderBook()).duplicateOrderIds());
    }

    @Test
    void commandsOnUnknownOrdersAndInvalidOrdersFailClearly() {
        Fixture f = ready(CLIENT_ID + 5);
        CompletionException unknown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> f.client().orders().cancel(424242).toCompletableFuture().join());
        assertEquals(OrderException.Reason.UNKNOWN_ORDER,
                assertInstanceOf(OrderException.class, unknown.getCause()).reason());
        IllegalArgumentException invalid = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Order.limit(OrderAction.BUY, 0, 1.0));
        assertTrue(invalid.getMessage().contains("totalQuantity"), invalid.getMessage());
    }

    @Test
    void anOrderOfAnEarlierProcessIsAdoptedAndItsCancelClosesIt() {
        Fixture f = ready(CLIENT_ID + 6);
        int orderId = join(f.client().orders().place(AAPL, Order.limit(OrderAction.BUY, 100, 1.0))).orderId();
        join(f.client().orders().handle(orderId).ack());
        join(f.client().close());
        TwsClient next = LOOPBACK.client(Loopback.settings(f.simulator().address().getPort(), CLIENT_ID + 6));
        join(next.ready(AWAIT));
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertTrue(join(next.orders().openOrders()).stream().anyMatch(o -> o.orderId() == orderId));
            return null;
        });
        TestProbe<OrderEvent> events = follow(next.orders().handle(orderId));
        await(events, OrderEvent.Acknowledged.class);
        join(next.orders().cancel(orderId));
        assertEquals(OrderStatus.CANCELLED, await(events, OrderEvent.Closed.class).status());
    }
}
