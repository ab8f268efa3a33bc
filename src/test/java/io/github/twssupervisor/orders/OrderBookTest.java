package io.github.twssupervisor.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.OrdersSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order book against probes for the pacer, dispatcher and supervisor, with ManualTime: at most once (never sent
 * while not READY, never re-sent), ids never reused, TWS's repeats applied once, and each outcome of reconciliation.
 */
class OrderBookTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());
    private static final int SV = 176;
    private static final int CLIENT_ID = 7;
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<OrderEvent> events = testKit.createTestProbe(OrderEvent.class);
    private ActorRef<RequestEvent> book;
    private ActorRef<ConnectionEvent> connection;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stopBook() {
        if (book != null) {
            testKit.stop(book);
        }
    }

    private OrdersSettings settings() {
        return TwsSettings.defaults().orders().withStateDir(stateDir).withReconcileTimeout(TIMEOUT);
    }

    private void start() {
        book = testKit.spawn(OrderBook.create(settings(), CLIENT_ID, new SubscriptionPorts(pacer.ref(),
                dispatcher.ref(), supervisor.ref(), new RequestIds(), testKit.<Retirement>createTestProbe().ref())));
        connection = subscriber();
        book.tell(new OrderBook.WatchAll(events.ref()));
    }

    /** The next subscriber to connection events (a finished reqExecutions' unsubscription is skipped). */
    private ActorRef<ConnectionEvent> subscriber() {
        List<ConnectionSupervisor.Command> seen = supervisor.fishForMessage(Duration.ofSeconds(3), m ->
                m instanceof ConnectionSupervisor.Subscribe ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
        return ((ConnectionSupervisor.Subscribe) seen.get(seen.size() - 1)).subscriber();
    }

    private static ConnectionEvent.StateChanged state(ConnectionState state, ConnectionState previous, int nextId) {
        Optional<Ready> ready = state == ConnectionState.READY ? Optional.of(new Ready(SV, "t", CLIENT_ID,
                List.of("DU1"), nextId)) : Optional.empty();
        return new ConnectionEvent.StateChanged(state, previous, Optional.empty(), 1, Optional.empty(), ready, true,
                Instant.now());
    }

    /** READY on a new socket; answers the reconciliation that starts with empty lists. */
    private void ready(int nextValidId) {
        connection.tell(state(ConnectionState.READY, ConnectionState.HANDSHAKING, nextValidId));
        reconcile(List.of(), List.of(), List.of());
    }

    private OutboundRequest sent(OutgoingMessageId expected) {
        OutboundRequest request = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(expected.code(), new FieldReader(payload(request)).readInt(), request.description());
        request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), 1));
        return request;
    }

    private static byte[] payload(OutboundRequest request) {
        byte[] frame = request.encoder().apply(SV);
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    private int place(Order order) {
        TestProbe<StatusReply<List<Integer>>> reply = testKit.createTestProbe();
        book.tell(new OrderBook.Place(AAPL, List.of(order), false, reply.ref()));
        int orderId = reply.receiveMessage().getValue().get(0);
        OutboundRequest request = sent(OutgoingMessageId.PLACE_ORDER);
        assertEquals(OutboundRequest.Retention.ORDER, request.retention());
        FieldReader reader = new FieldReader(payload(request));
        reader.readInt();
        assertEquals(orderId, OrderRequestCodec.decodePlaceOrder(SV, reader).orderId());
        return orderId;
    }

    /** Answers reqOpenOrders, reqCompletedOrders and the reqExecutions of a reconciliation. */
    private void reconcile(List<OpenOrder> open, List<CompletedOrder> completed, List<Execution> executions) {
        sent(OutgoingMessageId.REQ_OPEN_ORDERS);
        open.forEach(o -> book.tell(new OrderMessage.OpenOrderReceived(o)));
        book.tell(new OrderMessage.OpenOrdersEnd());
        sent(OutgoingMessageId.REQ_COMPLETED_ORDERS);
        completed.forEach(o -> book.tell(new OrderMessage.CompletedOrderReceived(o)));
        book.tell(new OrderMessage.CompletedOrdersEnd());
        ActorRef<ConnectionEvent> requestConnection = subscriber();
        requestConnection.tell(state(ConnectionState.READY, ConnectionState.HANDSHAKING, 1));
        Dispatcher.RegisterOwner owner = dispatcher.fishForMessage(Duration.ofSeconds(3), m ->
                m instanceof Dispatcher.RegisterOwner r && r.key() instanceof RouteKey.RequestId
                        ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore()).stream()
                .reduce((a, b) -> b).map(Dispatcher.RegisterOwner.class::cast).orElseThrow();
        int reqId = ((RouteKey.RequestId) owner.key()).id();
        sent(OutgoingMessageId.REQ_EXECUTIONS);
        executions.forEach(e -> owner.owner().tell(new OrderMessage.ExecutionReceived(reqId, e)));
        owner.owner().tell(new OrderMessage.ExecutionsEnd(reqId));
    }

    private static OrderStatusReport status(int orderId, OrderStatus status, int filled, long permId) {
        return new OrderStatusReport(orderId, status, BigDecimal.valueOf(filled), BigDecimal.valueOf(100 - filled), 0,
                permId, 0, 0, CLIENT_ID, "", 0);
    }

    private static OpenOrder openOrder(int orderId, long permId) {
        return new OpenOrder(orderId, AAPL, OrderAction.BUY, BigDecimal.valueOf(100), "LMT", OptionalDouble.of(1),
                OptionalDouble.empty(), "DAY", "", "DU1", "", CLIENT_ID, permId, 0, OrderStatus.SUBMITTED, "");
    }

    private static Execution fill(int orderId, String execId, int shares) {
        return new Execution(orderId, AAPL, execId, "20261203 10:00:00", "DU1", "ISLAND", "BOT",
                BigDecimal.valueOf(shares), 150, 0, CLIENT_ID, 0, BigDecimal.valueOf(shares), 150, "", 1);
    }

    private <T extends OrderEvent> T expectEvent(Class<T> type) {
        return assertInstanceOf(type, events.receiveMessage());
    }

    private static Order limit() {
        return Order.limit(OrderAction.BUY, 100, 1.0);
    }

    @Test
    void anOrderWhileNotReadyFailsAtOnceAndNothingIsSent() {
        start();
        TestProbe<StatusReply<List<Integer>>> reply = testKit.createTestProbe();
        book.tell(new OrderBook.Place(AAPL, List.of(limit()), false, reply.ref()));
        OrderException failure = assertInstanceOf(OrderException.class, reply.receiveMessage().getError());
        assertEquals(OrderException.Reason.NOT_CONNECTED, failure.reason());
        pacer.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void anOrderIsAcknowledgedOnceAndTwsRepeatedStatusIsAppliedOnce() {
        start();
        ready(5);
        int id = place(limit());
        assertEquals(5, id);
        book.tell(new OrderMessage.StatusReceived(status(id, OrderStatus.SUBMITTED, 0, 900)));
        book.tell(new OrderMessage.StatusReceived(status(id, OrderStatus.SUBMITTED, 0, 900)));
        book.tell(new OrderMessage.OpenOrderReceived(openOrder(id, 900)));
        assertEquals(new OrderAck(id, OrderStatus.SUBMITTED, 900), expectEvent(OrderEvent.Acknowledged.class).ack());
        expectEvent(OrderEvent.StatusChanged.class);
        events.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aFilledOrderClosesOnlyOnceItsCommissionIsInAndACorrectedFillCountsOnce() {
        start();
        ready(1);
        int id = place(Order.market(OrderAction.BUY, 100));
        book.tell(new OrderMessage.ExecutionReceived(-1, fill(id, "e1.01", 60)));
        book.tell(new OrderMessage.ExecutionReceived(-1, fill(id, "e1.02", 100))); // corrects e1.01
        book.tell(new OrderMessage.ExecutionReceived(-1, fill(id, "e1.02", 100))); // a repeat
        book.tell(new OrderMessage.StatusReceived(status(id, OrderStatus.FILLED, 100, 900)));
        expectEvent(OrderEvent.Acknowledged.class);
        expectEvent(OrderEvent.Filled.class);
        expectEvent(OrderEvent.Filled.class);
        expectEvent(OrderEvent.StatusChanged.class);
        events.expectNoMessage(Duration.ofMillis(200)); // Closed waits for the commission
        book.tell(new OrderMessage.CommissionReceived(new CommissionReport("e1.02", 1.0, "USD",
                OptionalDouble.empty())));
        expectEvent(OrderEvent.Commission.class);
        OrderEvent.Closed closed = expectEvent(OrderEvent.Closed.class);
        assertEquals(OrderStatus.FILLED, closed.status());
        assertEquals(0, BigDecimal.valueOf(100).compareTo(closed.filled()), closed.toString());
    }

    @Test
    void theCommissionGraceClosesAFilledOrderWhoseCommissionNeverCame() {
        start();
        ready(1);
        int id = place(Order.market(OrderAction.BUY, 100));
        book.tell(new OrderMessage.ExecutionReceived(-1, fill(id, "e2.01", 100)));
        book.tell(new OrderMessage.StatusReceived(status(id, OrderStatus.FILLED, 100, 900)));
        events.receiveSeveralMessages(3);
        events.expectNoMessage(Duration.ofMillis(200)); // the grace timer starts after the events went out
        manualTime.timePasses(settings().commissionGrace());
        assertEquals(OrderStatus.FILLED, expectEvent(OrderEvent.Closed.class).status());
    }

    @Test
    void error103FailsTheOrderAsADuplicateAsksForIdsAndResendsNothing() {
        start();
        ready(1);
        int id = place(limit());
        book.tell(new RequestError(new SessionCodec.TwsError(id, TwsErrorCode.DUPLICATE_ORDER_ID, "Duplicate order id", "", OptionalLong.empty())));
        OrderEvent.Closed closed = expectEvent(OrderEvent.Closed.class);
        assertEquals(OrderException.Reason.DUPLICATE_ORDER_ID, closed.failure().orElseThrow().reason());
        OutboundRequest reqIds = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(OutgoingMessageId.REQ_IDS.code(), new FieldReader(payload(reqIds)).readInt());
        pacer.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void orderIdsNeverGoBackwardsAcrossARestartEvenWhenNextValidIdDoes() {
        start();
        ready(40);
        assertEquals(40, place(limit()));
        testKit.stop(book);
        start();
        ready(3); // TWS restarted with its id counter behind
        assertTrue(place(limit()) > 40, "an id at or below 40 would be reused");
    }

    @Test
    void aSecondBookOnTheSameStateDirAndClientIdRefusesOrders() throws Exception {
        start();
        ready(1); // the state is taken at the first READY
        ActorRef<RequestEvent> second = testKit.spawn(OrderBook.create(settings(), CLIENT_ID, new SubscriptionPorts(
                pacer.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(),
                testKit.<Retirement>createTestProbe().ref())));
        ActorRef<ConnectionEvent> secondConnection = subscriber();
        secondConnection.tell(state(ConnectionState.READY, ConnectionState.HANDSHAKING, 1));
        pacer.receiveMessage(); // its reconciliation's reqOpenOrders
        TestProbe<StatusReply<List<Integer>>> reply = testKit.createTestProbe();
        second.tell(new OrderBook.Place(AAPL, List.of(limit()), false, reply.ref()));
        OrderException failure = assertInstanceOf(OrderException.class, reply.receiveMessage().getError());
        assertEquals(OrderException.Reason.STATE_UNAVAILABLE, failure.reason());
        assertTrue(failure.getMessage().contains("client id " + CLIENT_ID), failure.getMessage());
        testKit.stop(second);
        assertTrue(Files.exists(stateDir.resolve("client-" + CLIENT_ID + ".lock")));
    }

    @Test
    void reconciliationAfterALostSocketSaysWhatBecameOfEachOrder() {
        start();
        ready(1);
        int cancelled = place(limit());
        int working = place(limit());
        int filled = place(limit());
        int missing = place(limit());
        book.tell(new OrderMessage.StatusReceived(status(cancelled, OrderStatus.SUBMITTED, 0, 901)));
        events.receiveSeveralMessages(2);

        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0));
        assertEquals(cancelled, expectEvent(OrderEvent.Interrupted.class).orderId());
        for (int id : List.of(working, filled, missing)) {
            assertEquals(id, expectEvent(OrderEvent.Unknown.class).orderId());
        }
        TestProbe<StatusReply<Done>> refused = testKit.createTestProbe();
        book.tell(new OrderBook.Cancel(working, refused.ref()));
        assertInstanceOf(OrderException.class, refused.receiveMessage().getError());

        connection.tell(state(ConnectionState.READY, ConnectionState.RECONNECTING, 1));
        book.tell(new OrderBook.Cancel(working, refused.ref()));
        assertEquals(OrderException.Reason.RECONCILIATION_PENDING,
                ((OrderException) refused.receiveMessage().getError()).reason());
        reconcile(List.of(openOrder(working, 902)),
                List.of(new CompletedOrder(AAPL, OrderAction.BUY, BigDecimal.valueOf(100), "LMT",
                        OptionalDouble.of(1), OptionalDouble.empty(), "DAY", "DU1", "", 901, 0,
                        OrderStatus.CANCELLED, BigDecimal.ZERO, "t", "Cancelled by Trader")),
                List.of(fill(filled, "e3.01", 100)));

        assertEquals(working, expectEvent(OrderEvent.Acknowledged.class).orderId()); // its openOrder
        assertEquals(filled, expectEvent(OrderEvent.Acknowledged.class).orderId()); // its fill, from reqExecutions
        assertEquals(filled, expectEvent(OrderEvent.Filled.class).orderId());
        assertEquals(Reconciliation.CANCELLED, expectEvent(OrderEvent.Reconciled.class).outcome());
        assertEquals(cancelled, expectEvent(OrderEvent.Closed.class).orderId());
        assertEquals(Reconciliation.WORKING, expectEvent(OrderEvent.Reconciled.class).outcome());
        assertEquals(Reconciliation.FILLED, expectEvent(OrderEvent.Reconciled.class).outcome());
        OrderEvent.Reconciled notFound = expectEvent(OrderEvent.Reconciled.class);
        assertEquals(missing, notFound.orderId());
        assertEquals(Reconciliation.NOT_FOUND_AT_TWS, notFound.outcome());
        // the filled order waits for its commission (grace), the missing one stays tracked as a warning
        book.tell(new OrderBook.Cancel(working, refused.ref()));
        assertEquals(StatusReply.ack(), refusedAfterSend(refused));
    }

    private StatusReply<Done> refusedAfterSend(TestProbe<StatusReply<Done>> reply) {
        sent(OutgoingMessageId.CANCEL_ORDER);
        return reply.receiveMessage();
    }

    @Test
    void aReconciliationThatTimesOutLeavesOrdersUnknownAndTriesAgain() {
        start();
        ready(1);
        int id = place(limit());
        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0));
        expectEvent(OrderEvent.Unknown.class);
        connection.tell(state(ConnectionState.READY, ConnectionState.RECONNECTING, 1));
        sent(OutgoingMessageId.REQ_OPEN_ORDERS);
        manualTime.timePasses(TIMEOUT); // no openOrderEnd: a failure, never an empty list
        events.expectNoMessage(Duration.ofMillis(200));
        manualTime.timePasses(TIMEOUT); // the retry
        book.tell(new OrderMessage.OpenOrdersEnd()); // the first request's late End: it answers nobody now
        sent(OutgoingMessageId.REQ_OPEN_ORDERS);
        book.tell(new OrderMessage.OpenOrderReceived(openOrder(id, 903)));
        book.tell(new OrderMessage.OpenOrdersEnd());
        sent(OutgoingMessageId.REQ_COMPLETED_ORDERS);
        expectEvent(OrderEvent.Acknowledged.class);
    }

    @Test
    void anOrderOfThisClientIdPlacedBeforeARestartIsAdopted() {
        start();
        connection.tell(state(ConnectionState.READY, ConnectionState.HANDSHAKING, 50));
        reconcile(List.of(openOrder(12, 904)), List.of(), List.of());
        assertEquals(12, expectEvent(OrderEvent.Adopted.class).orderId());
        expectEvent(OrderEvent.Acknowledged.class);
        TestProbe<StatusReply<Done>> reply = testKit.createTestProbe();
        book.tell(new OrderBook.Cancel(12, reply.ref()));
        sent(OutgoingMessageId.CANCEL_ORDER);
        assertEquals(StatusReply.ack(), reply.receiveMessage());
    }

    @Test
    void aSecondDisconnectDuringReconciliationLeavesOrdersUnknownUntilTheNextReady() {
        start();
        ready(1);
        int id = place(limit());
        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0));
        expectEvent(OrderEvent.Unknown.class);
        connection.tell(state(ConnectionState.READY, ConnectionState.RECONNECTING, 1));
        sent(OutgoingMessageId.REQ_OPEN_ORDERS);
        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0)); // before openOrderEnd
        events.expectNoMessage(Duration.ofMillis(200)); // neither reconciled nor unknown again
        TestProbe<StatusReply<Done>> refused = testKit.createTestProbe();
        connection.tell(state(ConnectionState.READY, ConnectionState.RECONNECTING, 1));
        book.tell(new OrderBook.Cancel(id, refused.ref()));
        assertEquals(OrderException.Reason.RECONCILIATION_PENDING,
                ((OrderException) refused.receiveMessage().getError()).reason());
        reconcile(List.of(openOrder(id, 905)), List.of(), List.of());
        expectEvent(OrderEvent.Acknowledged.class);
        assertEquals(Reconciliation.WORKING, expectEvent(OrderEvent.Reconciled.class).outcome());
    }

    @Test
    void aCommissionThatComesBeforeItsFillFromReconciliationIsJoinedToIt() {
        start();
        ready(1);
        int id = place(Order.market(OrderAction.BUY, 100));
        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0));
        expectEvent(OrderEvent.Unknown.class);
        connection.tell(state(ConnectionState.READY, ConnectionState.RECONNECTING, 1));
        book.tell(new OrderMessage.CommissionReceived(new CommissionReport("e9.01", 1.0, "USD",
                OptionalDouble.empty()))); // reqExecutions' commission, ahead of its rows' End
        reconcile(List.of(), List.of(), List.of(fill(id, "e9.01", 100)));
        expectEvent(OrderEvent.Acknowledged.class);
        expectEvent(OrderEvent.Filled.class);
        expectEvent(OrderEvent.Commission.class);
        assertEquals(Reconciliation.FILLED, expectEvent(OrderEvent.Reconciled.class).outcome());
        assertEquals(OrderStatus.FILLED, expectEvent(OrderEvent.Closed.class).status()); // no grace to wait out
    }

    @Test
    void anOrderWrittenToASocketThatIsAlreadyGoneIsUnknown() {
        start();
        ready(1);
        TestProbe<StatusReply<List<Integer>>> reply = testKit.createTestProbe();
        book.tell(new OrderBook.Place(AAPL, List.of(limit()), false, reply.ref()));
        int id = reply.receiveMessage().getValue().get(0);
        OutboundRequest request = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        connection.tell(state(ConnectionState.RECONNECTING, ConnectionState.READY, 0)); // news of the loss first
        request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), 1)); // then the pacer's word
        assertEquals(id, expectEvent(OrderEvent.Unknown.class).orderId());
    }

    @Test
    void aWatcherThatComesJustAfterAnOrderFinishedGetsItsEvents() {
        start();
        ready(1);
        int id = place(Order.market(OrderAction.BUY, 100));
        book.tell(new OrderMessage.ExecutionReceived(-1, fill(id, "e5.01", 100)));
        book.tell(new OrderMessage.CommissionReceived(new CommissionReport("e5.01", 1.0, "USD",
                OptionalDouble.empty())));
        book.tell(new OrderMessage.StatusReceived(status(id, OrderStatus.FILLED, 100, 906)));
        assertEquals(OrderStatus.FILLED, events.fishForMessage(Duration.ofSeconds(3), "Closed",
                e -> e instanceof OrderEvent.Closed ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
                .stream().reduce((a, b) -> b).map(e -> ((OrderEvent.Closed) e).status()).orElseThrow());
        TestProbe<OrderEvent> late = testKit.createTestProbe(OrderEvent.class);
        book.tell(new OrderBook.Watch(id, late.ref()));
        List<OrderEvent> replayed = late.fishForMessage(Duration.ofSeconds(3), "Closed", e -> e instanceof
                OrderEvent.Closed ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
        assertInstanceOf(OrderEvent.Acknowledged.class, replayed.get(0)); // its events, not only the last
        assertTrue(replayed.stream().anyMatch(e -> e instanceof OrderEvent.Filled), replayed.toString());
        OrderEvent.Closed closed = assertInstanceOf(OrderEvent.Closed.class, replayed.get(replayed.size() - 1));
        assertEquals(OrderStatus.FILLED, closed.status());
        assertTrue(closed.failure().isEmpty(), closed.toString());
    }

    @Test
    void closingTheClientReleasesItsClientIdsOrderIdStateForTheNextClient() {
        start();
        ready(1);
        assertEquals(1, place(limit()));
        ActorRef<RequestEvent> closed = book;
        connection.tell(state(ConnectionState.CLOSED, ConnectionState.READY, 0));
        events.expectNoMessage(Duration.ofMillis(200)); // a deliberate close interrupts no order
        start(); // the first book still lives, as in a client closed inside a running actor system
        ready(1);
        assertTrue(place(limit()) > 1, "the second client must be able to place, above the first's ids");
        testKit.stop(closed);
    }
}
