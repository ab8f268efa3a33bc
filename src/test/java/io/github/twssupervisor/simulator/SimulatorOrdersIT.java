package io.github.twssupervisor.simulator;

import static io.github.twssupervisor.simulator.OrderWire.withoutRepeats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderMessage;
import io.github.twssupervisor.orders.OrderRequestCodec;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's order side over loopback, with a plain socket client at server versions 176, 193 and 200: the
 * lifecycle of an order on the wire, the requests answered from the book, a placeOrder as @stoqey/ib writes it, and the
 * faults drop-after-order and next-id-back.
 */
@ExtendWith(LogCapturing.class)
class SimulatorOrdersIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(500);
    private static final Contract AAPL = Contract.stock("AAPL");
    /** Far below AAPL's quote (about 190): never fills. */
    private static final double FAR_BELOW = 1.00;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        simulator.stop().toCompletableFuture().join();
        TEST_KIT.shutdownTestKit();
    }

    private static OrderWire connect(int serverVersion, int clientId) {
        return OrderWire.ready(simulator.address(), serverVersion, clientId);
    }

    private static void place(OrderWire wire, int orderId, Order order) {
        wire.send(OrderRequestCodec.placeOrder(wire.serverVersion, orderId, AAPL, order));
    }

    private static boolean isError(Object m, int code) {
        return m instanceof SessionCodec.TwsError e && e.code() == code;
    }

    private static String status(Object m) {
        return ((OrderMessage.StatusReceived) m).report().status().wireName();
    }

    /** Waits (by asking, not sleeping) until the simulator has seen the client's connection end. */
    private static void awaitGone(int clientId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (simulator.stats().toCompletableFuture().join().clientsById().containsKey(clientId)) {
            assertTrue(System.nanoTime() < deadline, "client " + clientId + " still connected");
        }
    }

    private static OrderBookSnapshot book() {
        return simulator.orderBook().toCompletableFuture().join();
    }

    /**
     * Places the order on a new connection armed (through {@code target}) to be dropped right after it, and waits
     * until the simulator has seen the connection end.
     *
     * @return the order's id
     */
    private static int placeAndBeDropped(int serverVersion, int clientId, Target target, boolean lost, Order order) {
        int id;
        try (OrderWire wire = connect(serverVersion, clientId)) {
            id = wire.nextValidId;
            assertTrue(simulator.dropAfterOrder(lost, target).toCompletableFuture().join() >= 1, "not armed");
            place(wire, id, order);
            wire.client.assertClosedWithoutFrame();
        }
        awaitGone(clientId);
        return id;
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void aMarketOrderIsAcceptedFilledAndReported(int serverVersion) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (OrderWire wire = connect(serverVersion, clientId)) {
            int id = wire.nextValidId;
            place(wire, id, Order.market(OrderAction.BUY, 100));
            List<Object> events = withoutRepeats(wire.until(m -> m instanceof OrderMessage.CommissionReceived));
            assertEquals(6, events.size(), events.toString());
            OrderMessage.OpenOrderReceived open = assertInstanceOf(OrderMessage.OpenOrderReceived.class,
                    events.get(0));
            assertEquals(id, open.order().orderId());
            assertEquals(clientId, open.order().clientId());
            assertEquals("AAPL", open.order().contract().symbol());
            assertEquals("MKT", open.order().orderType());
            assertEquals(OrderStatus.PRE_SUBMITTED, open.order().status());
            assertEquals("PreSubmitted", status(events.get(1)));
            assertEquals("Submitted", status(events.get(2)));
            OrderMessage.ExecutionReceived exec = assertInstanceOf(OrderMessage.ExecutionReceived.class, events.get(3));
            assertEquals(-1, exec.requestId());
            Execution e = exec.execution();
            assertEquals(id, e.orderId());
            assertEquals("BOT", e.side());
            assertEquals(0, new BigDecimal("100").compareTo(e.cumQty()));
            assertTrue(e.execId().matches("0000e0d5\\.[0-9a-f]{8}\\.01\\.01"), e.execId());
            assertEquals(open.order().permId(), e.permId());
            OrderMessage.StatusReceived filled = (OrderMessage.StatusReceived) events.get(4);
            assertEquals(OrderStatus.FILLED, filled.report().status());
            assertEquals(0, filled.report().remaining().signum());
            assertEquals(e.price(), filled.report().avgFillPrice());
            OrderMessage.CommissionReceived commission = (OrderMessage.CommissionReceived) events.get(5);
            assertEquals(e.execId(), commission.report().execId());
            assertEquals(1.0, commission.report().commission());
            assertTrue(commission.report().realizedPnl().isEmpty());
            OrderBookSnapshot.Entry entry = book().orders(clientId).get(0);
            assertEquals(List.of(e.execId()), entry.execIds());
            assertEquals(OrderStatus.FILLED, entry.status());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void cancelAnswersCancelledAnd202AndAReusedIdGets103(int serverVersion) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (OrderWire wire = connect(serverVersion, clientId)) {
            int id = wire.nextValidId;
            place(wire, id, Order.limit(OrderAction.BUY, 10, FAR_BELOW));
            assertEquals(List.of("PreSubmitted", "Submitted"), withoutRepeats(wire.until(m -> m instanceof
                    OrderMessage.StatusReceived && status(m).equals("Submitted"))).subList(1, 3).stream()
                    .map(SimulatorOrdersIT::status).toList());
            wire.send(OrderRequestCodec.cancelOrder(serverVersion, id));
            List<Object> cancelled = withoutRepeats(wire.until(m -> isError(m, TwsErrorCode.ORDER_CANCELLED)));
            assertEquals("Cancelled", status(cancelled.get(cancelled.size() - 2)));
            SessionCodec.TwsError error = (SessionCodec.TwsError) cancelled.get(cancelled.size() - 1);
            assertEquals(id, error.id());
            assertTrue(error.message().startsWith("Order Canceled - reason:"), error.message());

            long duplicatesBefore = book().duplicateOrderIds();
            place(wire, id, Order.limit(OrderAction.BUY, 10, FAR_BELOW));
            SessionCodec.TwsError duplicate = (SessionCodec.TwsError) wire.next();
            assertEquals(TwsErrorCode.DUPLICATE_ORDER_ID, duplicate.code());
            assertEquals(id, duplicate.id());
            wire.send(OrderRequestCodec.cancelOrder(serverVersion, id + 1000));
            assertTrue(isError(wire.next(), TwsErrorCode.CANCEL_ORDER_NOT_FOUND));
            assertEquals(1, book().orders(clientId).size(), "the reused id placed nothing");
            assertEquals(duplicatesBefore + 1, book().duplicateOrderIds());
            assertEquals(book().duplicateOrderIds(), simulator.stats().toCompletableFuture().join()
                    .duplicateOrderIds());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void openCompletedOrdersAndExecutionsAreAnsweredFromTheBook(int serverVersion) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (OrderWire wire = connect(serverVersion, clientId)) {
            int working = wire.nextValidId;
            int filled = working + 1;
            place(wire, working, Order.limit(OrderAction.BUY, 10, FAR_BELOW));
            place(wire, filled, Order.market(OrderAction.SELL, 5));
            wire.until(m -> m instanceof OrderMessage.CommissionReceived);

            wire.send(OrderRequestCodec.reqOpenOrders());
            List<Object> open = withoutRepeats(wire.until(m -> m instanceof OrderMessage.OpenOrdersEnd));
            assertEquals(3, open.size(), open.toString());
            assertEquals(working, ((OrderMessage.OpenOrderReceived) open.get(0)).order().orderId());
            assertEquals(working, ((OrderMessage.StatusReceived) open.get(1)).report().orderId());

            wire.send(OrderRequestCodec.reqCompletedOrders(true));
            List<Object> completed = wire.until(m -> m instanceof OrderMessage.CompletedOrdersEnd);
            assertEquals(2, completed.size(), completed.toString());
            OrderMessage.CompletedOrderReceived done = (OrderMessage.CompletedOrderReceived) completed.get(0);
            assertEquals(OrderStatus.FILLED, done.order().status());
            assertEquals(book().orders(clientId).get(1).permId(), done.order().permId());

            wire.send(OrderRequestCodec.reqExecutions(serverVersion, 9, ExecutionFilter.ofClient(clientId)));
            List<Object> executions = wire.until(m -> m instanceof OrderMessage.ExecutionsEnd);
            assertEquals(3, executions.size(), executions.toString());
            OrderMessage.ExecutionReceived exec = (OrderMessage.ExecutionReceived) executions.get(0);
            assertEquals(9, exec.requestId());
            assertEquals(filled, exec.execution().orderId());
            assertEquals("SLD", exec.execution().side());
            assertEquals(exec.execution().execId(),
                    ((OrderMessage.CommissionReceived) executions.get(1)).report().execId());
            assertEquals(9, ((OrderMessage.ExecutionsEnd) executions.get(2)).requestId());

            wire.send(SessionCodec.reqIds(1));
            assertEquals(filled + 1, wire.next(), "reqIds: above every id used");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193})
    void aPlaceOrderAsStoqeyWritesItIsAccepted(int serverVersion) {
        Golden.Frame place = Golden.stoqeyClientFrames(serverVersion).stream()
                .filter(f -> f.name().equals("PLACE_ORDER")).findFirst().orElseThrow();
        int orderId = Integer.parseInt(place.fields().get(1));
        int clientId = CLIENT_IDS.incrementAndGet();
        try (OrderWire wire = connect(serverVersion, clientId)) {
            assertTrue(orderId >= wire.nextValidId, "the capture's id is valid for a new client");
            wire.send(place.frame());
            List<Object> accepted = withoutRepeats(wire.until(m -> m instanceof OrderMessage.StatusReceived
                    && status(m).equals("Submitted")));
            OrderMessage.OpenOrderReceived open = (OrderMessage.OpenOrderReceived) accepted.get(0);
            assertEquals(orderId, open.order().orderId());
            assertEquals("LMT", open.order().orderType());
            assertEquals(150.0, open.order().limitPrice().getAsDouble());
            assertEquals(0, new BigDecimal("100").compareTo(open.order().totalQuantity()));
            wire.send(OrderRequestCodec.cancelOrder(serverVersion, orderId));
            wire.until(m -> isError(m, TwsErrorCode.ORDER_CANCELLED));
        }
    }

    @Test
    void dropAfterOrderAcceptedKeepsTheOrderWhichFillsWhileTheClientIsAway() {
        int clientId = CLIENT_IDS.incrementAndGet();
        int id = placeAndBeDropped(200, clientId, Target.client(clientId), false, Order.market(OrderAction.BUY, 10));
        try (OrderWire wire = connect(200, clientId)) {
            assertEquals(id + 1, wire.nextValidId, "the book kept the order");
            wire.send(OrderRequestCodec.reqExecutions(200, 3, ExecutionFilter.all()));
            List<Object> executions = wire.until(m -> m instanceof OrderMessage.ExecutionsEnd);
            assertEquals(3, executions.size(), executions.toString());
            assertEquals(id, ((OrderMessage.ExecutionReceived) executions.get(0)).execution().orderId());
        }
        assertEquals(OrderStatus.FILLED, book().orders(clientId).get(0).status());
    }

    @Test
    void dropAfterOrderAcceptedKeepsAWorkingOrderVisibleToReqOpenOrders() {
        int clientId = CLIENT_IDS.incrementAndGet();
        int id = placeAndBeDropped(193, clientId, Target.all(), false, Order.limit(OrderAction.BUY, 10, FAR_BELOW));
        try (OrderWire wire = connect(193, clientId)) {
            wire.send(OrderRequestCodec.reqOpenOrders());
            List<Object> open = withoutRepeats(wire.until(m -> m instanceof OrderMessage.OpenOrdersEnd));
            assertEquals(3, open.size(), open.toString());
            assertEquals(id, ((OrderMessage.OpenOrderReceived) open.get(0)).order().orderId());
            wire.send(OrderRequestCodec.cancelOrder(193, id));
            wire.until(m -> isError(m, TwsErrorCode.ORDER_CANCELLED));
        }
    }

    @Test
    void dropAfterOrderLostDiscardsTheOrder() {
        int clientId = CLIENT_IDS.incrementAndGet();
        int id = placeAndBeDropped(176, clientId, Target.client(clientId), true, Order.market(OrderAction.BUY, 10));
        assertTrue(book().orders(clientId).isEmpty());
        try (OrderWire wire = connect(176, clientId)) {
            assertEquals(id, wire.nextValidId, "the lost order used no id");
            wire.send(OrderRequestCodec.reqOpenOrders());
            assertEquals(List.of(new OrderMessage.OpenOrdersEnd()),
                    wire.until(m -> m instanceof OrderMessage.OpenOrdersEnd));
            place(wire, id, Order.market(OrderAction.BUY, 10));
            assertFalse(isError(wire.next(), TwsErrorCode.DUPLICATE_ORDER_ID), "the id is free");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void nextIdBackLowersTheNextHandshakesNextValidId(int serverVersion) {
        int clientId = CLIENT_IDS.incrementAndGet();
        int next;
        try (OrderWire wire = connect(serverVersion, clientId)) {
            place(wire, wire.nextValidId + 10, Order.market(OrderAction.BUY, 1));
            wire.until(m -> m instanceof OrderMessage.CommissionReceived);
            next = wire.nextValidId + 11;
        }
        awaitGone(clientId);
        assertEquals(0, simulator.nextIdBack(3, Target.client(clientId)).toCompletableFuture().join());
        try (OrderWire wire = connect(serverVersion, clientId)) {
            assertEquals(next - 3, wire.nextValidId);
            place(wire, next - 3, Order.market(OrderAction.BUY, 1));
            assertTrue(isError(wire.next(), TwsErrorCode.DUPLICATE_ORDER_ID), "an id below the highest used");
        }
        awaitGone(clientId);
        try (OrderWire wire = connect(serverVersion, clientId)) {
            assertEquals(next, wire.nextValidId, "only the next handshake");
        }
    }
}
