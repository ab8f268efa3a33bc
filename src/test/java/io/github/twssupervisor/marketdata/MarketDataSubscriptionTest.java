package io.github.twssupervisor.marketdata;

import static io.github.twssupervisor.testutil.ConnectionEvents.error;
import static io.github.twssupervisor.testutil.ConnectionEvents.lost;
import static io.github.twssupervisor.testutil.ConnectionEvents.notice;
import static io.github.twssupervisor.testutil.ConnectionEvents.ready;
import static io.github.twssupervisor.testutil.ConnectionEvents.state;
import static io.github.twssupervisor.testutil.Signals.signal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.connection.ConnectionEvent.NoticeKind;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.ManagedSubscription;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One market data subscription ({@link MarketDataSpec} under the kernel) against probes standing in for its pacer,
 * dispatcher, supervisor and owner: when it issues and re-issues its request (READY, 1101, not 1102), the one
 * Interrupted/Resumed pair per outage, errors for its request id, and retirement when the last subscriber goes.
 * ManualTime drives the retry after a rejection.
 */
class MarketDataSubscriptionTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());

    private static final int SERVER_VERSION = 200;
    private static final long EPOCH = 1;
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final MarketDataRequest STREAM = MarketDataRequest.stream(AAPL, MarketDataOptions.defaults());
    private static final MarketDataRequest SNAPSHOT = MarketDataRequest.snapshot(AAPL, 1);
    /** The subscription's retry delay after a QUEUE_FULL rejection. */
    private static final Duration RETRY_AFTER_REJECTION = Duration.ofSeconds(1);

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<Retirement> owner =
            testKit.createTestProbe(Retirement.class);
    private final TestProbe<MarketDataEvent> first = testKit.createTestProbe(MarketDataEvent.class);
    private final TestProbe<MarketDataEvent> second = testKit.createTestProbe(MarketDataEvent.class);
    private final RequestIds requestIds = new RequestIds();

    /** The subscription under test. */
    private ActorRef<RequestEvent> subscription;
    /** The adapter it subscribed to the supervisor with: connection events go here. */
    private ActorRef<ConnectionEvent> connection;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    // ------------------------------------------------------------------ fixture

    /** A request the subscription put on the pacer, with the id it registered for it. */
    private record Issued(int id, OutboundRequest request) {
        void sent() {
            request.replyTo().tell(new OutboundRequest.Sent(id, EPOCH));
        }

        void rejected(OutboundRequest.Reason reason, String message) {
            request.replyTo().tell(new OutboundRequest.Rejected(id, request.description(), reason, message));
        }
    }

    /** Spawns the subscription and captures the connection-event adapter it subscribes with. */
    private void start(MarketDataRequest request) {
        subscription = testKit.spawn(MarketDataSpec.subscription(request, new SubscriptionPorts(
                pacer.ref(), dispatcher.ref(), supervisor.ref(), requestIds, owner.ref())));
        connection = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class).subscriber();
    }

    private void subscribe(TestProbe<MarketDataEvent> subscriber) {
        subscription.tell(new ManagedSubscription.Subscribe(subscriber.ref()));
    }

    /** A stream subscription with both subscribers, issued on the supervisor's READY echo and on the wire. */
    private Issued live() {
        start(STREAM);
        subscribe(first);
        subscribe(second);
        connection.tell(echo(ConnectionState.READY));
        Issued issued = expectIssued(STREAM);
        issued.sent();
        return issued;
    }

    /** Expects the registration with the dispatcher and then the reqMktData on the pacer, for the same fresh id. */
    private Issued expectIssued(MarketDataRequest request) {
        Dispatcher.RegisterOwner registered = dispatcher.expectMessageClass(Dispatcher.RegisterOwner.class);
        assertEquals(subscription, registered.owner());
        OutboundRequest outbound = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        int id = ((io.github.twssupervisor.dispatch.RouteKey.RequestId) registered.key()).id();
        assertEquals(id, outbound.requestId(), outbound.toString());
        assertEquals(OutboundRequest.Retention.DROP_ON_DISCONNECT, outbound.retention());
        assertArrayEquals(MarketDataCodec.reqMktData(SERVER_VERSION, id, request.contract(), request.genericTicks(),
                request.snapshot(), false), outbound.encoder().apply(SERVER_VERSION));
        return new Issued(id, outbound);
    }

    /** Expects a re-issue: the old id unregistered, then a new id registered and requested. */
    private Issued expectReissued(int oldId) {
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(oldId));
        Issued again = expectIssued(STREAM);
        assertNotEquals(oldId, again.id());
        return again;
    }

    private void expectCancelled(int id) {
        OutboundRequest cancel = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(id, cancel.requestId());
        assertArrayEquals(MarketDataCodec.cancelMktData(id), cancel.encoder().apply(SERVER_VERSION));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(id));
    }

    private void expectStopped() {
        supervisor.expectMessage(new ConnectionSupervisor.Unsubscribe(connection));
        testKit.createTestProbe().expectTerminated(subscription);
    }

    private Retirement.Retire retire() {
        return new Retirement.Retire(new MarketDataSpec(STREAM), subscription.narrow());
    }

    @SafeVarargs
    private static void expectEach(MarketDataEvent event, TestProbe<MarketDataEvent>... subscribers) {
        for (TestProbe<MarketDataEvent> subscriber : subscribers) {
            subscriber.expectMessage(event);
        }
    }

    @SafeVarargs
    private static void expectInterrupted(TestProbe<MarketDataEvent>... subscribers) {
        for (TestProbe<MarketDataEvent> subscriber : subscribers) {
            signal(subscriber.receiveMessage(), Lifecycle.Interrupted.class);
        }
    }

    @SafeVarargs
    private static void expectNothing(TestProbe<?>... probes) {
        for (TestProbe<?> probe : probes) {
            probe.expectNoMessage();
        }
    }

    private static MarketDataEvent tick(int n) {
        return new MarketDataEvent.Price(TickType.LAST, 100 + n, Optional.of(BigDecimal.valueOf(n)), 0);
    }

    /** What the supervisor tells a new subscriber: its current state, as a move from itself. */
    private static ConnectionEvent.StateChanged echo(ConnectionState current) {
        return current == ConnectionState.READY ? ready(ConnectionState.READY, false) : state(current, current);
    }

    /** What the supervisor publishes on 1100 while READY: the notice, then the move to DEGRADED. */
    private void degrade() {
        connection.tell(notice(TwsErrorCode.CONNECTIVITY_LOST, NoticeKind.CONNECTIVITY_LOST));
        connection.tell(state(ConnectionState.DEGRADED, ConnectionState.READY));
    }

    /** A full reconnect after a loss: RECONNECTING, CONNECTING, HANDSHAKING, then READY on a new socket. */
    private void reconnect() {
        connection.tell(lost(ConnectionState.READY));
        connection.tell(state(ConnectionState.CONNECTING, ConnectionState.RECONNECTING));
        connection.tell(state(ConnectionState.HANDSHAKING, ConnectionState.CONNECTING));
        connection.tell(ready(ConnectionState.HANDSHAKING, true));
    }

    // ------------------------------------------------------------------ issuing

    @Test
    void createdWhileDisconnectedIssuesOnTheFirstReadyAndDeliversTicksInOrder() {
        start(STREAM);
        subscribe(first);
        subscribe(second);
        connection.tell(echo(ConnectionState.DISCONNECTED));
        connection.tell(state(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED));
        connection.tell(state(ConnectionState.HANDSHAKING, ConnectionState.CONNECTING));
        expectNothing(pacer, dispatcher, first, second);

        connection.tell(ready(ConnectionState.HANDSHAKING, true));
        Issued issued = expectIssued(STREAM);
        assertEquals(RequestIds.FIRST, issued.id(), "the id comes from the client's RequestIds");
        issued.sent();
        subscription.tell(tick(1));
        subscription.tell(tick(2));
        subscription.tell(tick(3));

        // Nothing was interrupted, so no Resumed comes before the ticks.
        for (TestProbe<MarketDataEvent> subscriber : List.of(first, second)) {
            subscriber.expectMessage(tick(1));
            subscriber.expectMessage(tick(2));
            subscriber.expectMessage(tick(3));
        }
        expectNothing(first, second, pacer, dispatcher, owner);
    }

    @Test
    void aBatchOfEventsIsHandledEventByEventInOrderUpToAFatalErrorThatEndsIt() {
        Issued issued = live();
        subscription.tell(new RequestEvents(List.of(tick(1), error(issued.id(), 10167, "delayed data"), tick(2),
                error(issued.id(), 200, "no security definition"), tick(3))));

        for (TestProbe<MarketDataEvent> subscriber : List.of(first, second)) {
            subscriber.expectMessage(tick(1));
            subscriber.expectMessage(new MarketDataEvent.Status(new Lifecycle.Warning(10167, "delayed data")));
            subscriber.expectMessage(tick(2));
            // The fatal error ends the subscription; the tick batched after it is not delivered.
            assertEquals(200, signal(subscriber.receiveMessage(), Lifecycle.Ended.class).code());
        }
        expectNothing(first, second);
    }

    @Test
    void aStreamsSourceGetsEachBatchAsOneMessageUpToAndIncludingTheEndWhileActorsGetEventByEvent() {
        TestProbe<EventBatch<MarketDataEvent>> stream = testKit.<EventBatch<MarketDataEvent>>createTestProbe();
        Issued issued = live();
        subscription.tell(new ManagedSubscription.SubscribeStream(stream.ref()));

        subscription.tell(tick(1));
        assertEquals(EventBatch.of(tick(1)), stream.receiveMessage());
        subscription.tell(new RequestEvents(List.of(tick(2), error(issued.id(), 10167, "delayed data"), tick(3),
                error(issued.id(), 200, "no security definition"), tick(4))));

        EventBatch<MarketDataEvent> batch = stream.receiveMessage();
        assertEquals(List.of(tick(2), new MarketDataEvent.Status(new Lifecycle.Warning(10167, "delayed data")), tick(3)),
                batch.events().subList(0, 3));
        assertEquals(200, assertInstanceOf(Lifecycle.Ended.class, Lifecycle.of(batch.events().get(3)).orElse(null)).code());
        assertEquals(4, batch.events().size(), "the tick after the end is not delivered");
        first.expectMessage(tick(1));
        first.expectMessage(tick(2));
        stream.expectNoMessage();

        // A source that comes after the end learns of it at once.
        TestProbe<EventBatch<MarketDataEvent>> late = testKit.<EventBatch<MarketDataEvent>>createTestProbe();
        subscription.tell(new ManagedSubscription.SubscribeStream(late.ref()));
        assertEquals(200, assertInstanceOf(Lifecycle.Ended.class,
                Lifecycle.of(late.receiveMessage().events().get(0)).orElse(null)).code());
    }

    @Test
    void aBatchWithoutErrorsGoesOnWholeToActorsAndStreamsAndNothingAfterTheEnd() {
        TestProbe<EventBatch<MarketDataEvent>> stream = testKit.<EventBatch<MarketDataEvent>>createTestProbe();
        live();
        subscription.tell(new ManagedSubscription.SubscribeStream(stream.ref()));
        MarketDataEvent params = new MarketDataEvent.Params(0.01, "SMART", 3);

        subscription.tell(new RequestEvents(List.of(tick(1), params, tick(2)), false));
        for (TestProbe<MarketDataEvent> subscriber : List.of(first, second)) {
            subscriber.expectMessage(tick(1));
            subscriber.expectMessage(params);
            subscriber.expectMessage(tick(2));
        }
        assertEquals(new EventBatch<MarketDataEvent>(List.of(tick(1), params, tick(2))),
                stream.receiveMessage());

        connection.tell(state(ConnectionState.CLOSED, ConnectionState.READY));
        signal(first.receiveMessage(), Lifecycle.Ended.class);
        signal(second.receiveMessage(), Lifecycle.Ended.class);
        stream.receiveMessage();
        subscription.tell(new RequestEvents(List.of(tick(3), tick(4)), false));
        expectNothing(first, second);
        stream.expectNoMessage();
    }

    @Test
    void aSnapshotsEndInABatchWithoutErrorsStillEndsIt() {
        start(SNAPSHOT);
        subscribe(first);
        connection.tell(echo(ConnectionState.READY));
        expectIssued(SNAPSHOT).sent();

        subscription.tell(new RequestEvents(List.of(tick(1), new MarketDataEvent.SnapshotEnd()), false));
        first.expectMessage(tick(1));
        first.expectMessage(new MarketDataEvent.SnapshotEnd());
        first.expectMessage(new MarketDataEvent.Status(new Lifecycle.Ended(0, "snapshot complete")));
    }

    @Test
    void aStoppedStreamSourceIsForgottenAndTheLastOneLeavingRetiresTheSubscription() {
        TestProbe<EventBatch<MarketDataEvent>> stream = testKit.<EventBatch<MarketDataEvent>>createTestProbe();
        start(STREAM);
        subscription.tell(new ManagedSubscription.SubscribeStream(stream.ref()));
        connection.tell(echo(ConnectionState.READY));
        expectIssued(STREAM).sent();

        stream.stop();
        owner.expectMessage(retire());
    }

    @Test
    void createdWhileReadyIssuesAtOnce() {
        start(STREAM);
        subscribe(first);
        connection.tell(echo(ConnectionState.READY));

        Issued issued = expectIssued(STREAM);
        issued.sent();
        subscription.tell(tick(1));
        first.expectMessage(tick(1));
        expectNothing(first, pacer, dispatcher);
    }

    // ------------------------------------------------------------------ outages

    @Test
    void aLostConnectionGivesOneInterruptedAndAReissueUnderANewIdThenOneResumed() {
        Issued old = live();

        connection.tell(lost(ConnectionState.READY));
        Lifecycle.Interrupted interrupted = signal(first.receiveMessage(), Lifecycle.Interrupted.class);
        assertTrue(interrupted.reason().contains("socket closed by peer"), interrupted.reason());
        second.expectMessage(new MarketDataEvent.Status(interrupted));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(old.id()));

        connection.tell(state(ConnectionState.CONNECTING, ConnectionState.RECONNECTING));
        connection.tell(state(ConnectionState.HANDSHAKING, ConnectionState.CONNECTING));
        expectNothing(first, second, pacer, dispatcher);

        connection.tell(ready(ConnectionState.HANDSHAKING, true));
        Issued again = expectIssued(STREAM);
        assertNotEquals(old.id(), again.id());
        // The pacer drops the old request's copy: that is no reason to resume.
        old.rejected(OutboundRequest.Reason.DISCONNECTED, "socket gone");
        expectNothing(first, second);

        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        subscription.tell(tick(1));
        expectEach(tick(1), first, second);
        expectNothing(first, second, pacer, dispatcher, owner);
    }

    @Test
    void connectivityLostThenDataKeptResumesWithoutReissuing() {
        Issued issued = live();

        degrade();
        expectInterrupted(first, second);
        expectNothing(dispatcher, pacer);

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_KEPT));
        connection.tell(ready(ConnectionState.DEGRADED, false));
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(false)), first, second);
        expectNothing(pacer, dispatcher);

        // The original request is still the live one: its errors still reach the subscribers.
        subscription.tell(error(issued.id(), TwsErrorCode.DELAYED_DATA_DISPLAYED, "delayed"));
        expectEach(new MarketDataEvent.Status(new Lifecycle.Warning(TwsErrorCode.DELAYED_DATA_DISPLAYED, "delayed")), first, second);
        expectNothing(first, second);
    }

    @Test
    void connectivityLostThenDataLostReissuesAndResumesAfterSent() {
        Issued old = live();

        degrade();
        expectInterrupted(first, second);
        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        connection.tell(ready(ConnectionState.DEGRADED, true));

        Issued again = expectReissued(old.id());
        expectNothing(first, second);
        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void aSocketLostWhileDegradedIsStillOneOutage() {
        Issued old = live();
        degrade();
        expectInterrupted(first, second);

        connection.tell(lost(ConnectionState.DEGRADED));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(old.id()));
        connection.tell(state(ConnectionState.CONNECTING, ConnectionState.RECONNECTING));
        connection.tell(state(ConnectionState.HANDSHAKING, ConnectionState.CONNECTING));
        connection.tell(ready(ConnectionState.HANDSHAKING, true));
        Issued again = expectIssued(STREAM);
        assertNotEquals(old.id(), again.id());
        expectNothing(first, second);

        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void dataLostNoticeWhileReadyInterruptsAndReissues() {
        Issued old = live();

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        expectInterrupted(first, second);
        Issued again = expectReissued(old.id());
        expectNothing(first, second);

        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void aRequestStillUnansweredAfterARateErrorIsCancelledAndReissued() {
        Issued old = live();
        connection.tell(notice(TwsErrorCode.MAX_RATE_EXCEEDED, NoticeKind.OTHER));
        manualTime.timePasses(Duration.ofMillis(1999));
        expectNothing(first, second, pacer, dispatcher);
        manualTime.timePasses(Duration.ofMillis(1));
        expectInterrupted(first, second);
        OutboundRequest cancel = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertArrayEquals(MarketDataCodec.cancelMktData(old.id()), cancel.encoder().apply(SERVER_VERSION));
        Issued again = expectReissued(old.id());
        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void anAnsweredRequestIsLeftAloneAfterARateError() {
        live();
        subscription.tell(tick(1));
        expectEach(tick(1), first, second);
        connection.tell(notice(TwsErrorCode.MAX_RATE_EXCEEDED, NoticeKind.OTHER));
        manualTime.timePasses(Duration.ofSeconds(3));
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void dataLostNoticeWhileDegradedLeavesTheReissueToTheReadyThatFollows() {
        Issued old = live();
        degrade();
        expectInterrupted(first, second);

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        expectNothing(pacer, dispatcher, first, second);

        connection.tell(ready(ConnectionState.DEGRADED, true));
        Issued again = expectReissued(old.id());
        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(pacer, dispatcher, first, second);
    }

    @Test
    void aSentOutcomeWhileDegradedDoesNotResume() {
        Issued old = live();
        reconnect();
        expectInterrupted(first, second);
        Issued pending = expectReissued(old.id());

        // 1100 while the re-issued request still waits in the pacer's queue.
        degrade();
        pending.sent();
        expectNothing(first, second);

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        connection.tell(ready(ConnectionState.DEGRADED, true));
        Issued again = expectReissued(pending.id());
        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second);
    }

    // ------------------------------------------------------------------ subscribers and retirement

    @Test
    void theLastSubscriberUnsubscribingRetiresThenCancelsOnStop() {
        Issued issued = live();

        subscription.tell(new ManagedSubscription.Unsubscribe(first.ref()));
        subscription.tell(tick(1));
        second.expectMessage(tick(1));
        owner.expectNoMessage();

        subscription.tell(new ManagedSubscription.Unsubscribe(second.ref()));
        owner.expectMessage(retire());
        subscription.tell(tick(2));
        expectNothing(first, second, pacer, dispatcher);

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        expectCancelled(issued.id());
        expectStopped();
    }

    @Test
    void theLastSubscriberStoppingRetiresThenCancelsOnStop() {
        start(STREAM);
        ActorRef<MarketDataEvent> subscriber = testKit.spawn(Behaviors.empty());
        subscription.tell(new ManagedSubscription.Subscribe(subscriber));
        connection.tell(echo(ConnectionState.READY));
        Issued issued = expectIssued(STREAM);
        issued.sent();
        owner.expectNoMessage();

        testKit.stop(subscriber);
        owner.expectMessage(retire());
        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        expectCancelled(issued.id());
        expectStopped();
    }

    @Test
    void aSubscriberArrivingDuringRetirementCallsItOff() {
        live();
        subscription.tell(new ManagedSubscription.Unsubscribe(first.ref()));
        subscription.tell(new ManagedSubscription.Unsubscribe(second.ref()));
        owner.expectMessage(retire());

        TestProbe<MarketDataEvent> late = testKit.createTestProbe(MarketDataEvent.class);
        subscribe(late);
        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        owner.expectMessage(new Retirement.Unretire(new MarketDataSpec(STREAM), subscription.narrow()));
        expectNothing(pacer, dispatcher, supervisor);

        subscription.tell(tick(1));
        late.expectMessage(tick(1));
        expectNothing(first, second);

        // Retirement works again afterwards.
        subscription.tell(new ManagedSubscription.Unsubscribe(late.ref()));
        owner.expectMessage(retire());
    }

    // ------------------------------------------------------------------ errors

    @ParameterizedTest
    @ValueSource(ints = {TwsErrorCode.NO_SECURITY_DEFINITION, TwsErrorCode.MARKET_DATA_NOT_SUBSCRIBED})
    void aFatalErrorEndsTheSubscriptionWithoutCancelOrReissue(int code) {
        Issued issued = live();
        String message = "TWS says " + code;

        LoggingTestKit.warn("ended by TWS error " + code).expect(testKit.system(),
                () -> {
                    subscription.tell(error(issued.id(), code, message));
                    return null;
                });
        expectEach(new MarketDataEvent.Status(new Lifecycle.Ended(code, message)), first, second);
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        owner.expectMessage(retire());

        // Ended is the last event: no ticks, no re-issue after a reconnect.
        subscription.tell(tick(1));
        reconnect();
        expectNothing(first, second, pacer, dispatcher);

        TestProbe<MarketDataEvent> late = testKit.createTestProbe(MarketDataEvent.class);
        subscribe(late);
        signal(late.receiveMessage(), Lifecycle.Ended.class);

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        expectStopped();
        expectNothing(pacer, dispatcher, owner);
    }

    @Test
    void anInformationalErrorIsAWarningAndErrorsForOtherIdsAreIgnored() {
        Issued old = live();
        String delayed = "Requested market data is not subscribed. Displaying delayed market data.";

        subscription.tell(error(old.id(), TwsErrorCode.DELAYED_DATA_DISPLAYED, delayed));
        expectEach(new MarketDataEvent.Status(new Lifecycle.Warning(TwsErrorCode.DELAYED_DATA_DISPLAYED, delayed)), first, second);
        subscription.tell(tick(1));
        expectEach(tick(1), first, second);

        // An id this subscription never had.
        subscription.tell(error(old.id() + 1000, TwsErrorCode.NO_SECURITY_DEFINITION, "unknown"));
        subscription.tell(tick(2));
        expectEach(tick(2), first, second);

        // Its own previous id, after a re-issue.
        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST,
                NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        expectInterrupted(first, second);
        expectReissued(old.id()).sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        subscription.tell(error(old.id(), TwsErrorCode.NO_SECURITY_DEFINITION, "stale"));
        subscription.tell(tick(3));
        expectEach(tick(3), first, second);
        expectNothing(first, second, owner, dispatcher, pacer);
    }

    // ------------------------------------------------------------------ rejections and the end of the connection

    @Test
    void aFullQueueInterruptsAndRetriesUnderANewIdAfterOneSecond() {
        start(STREAM);
        subscribe(first);
        connection.tell(echo(ConnectionState.READY));
        Issued rejected = expectIssued(STREAM);

        rejected.rejected(OutboundRequest.Reason.QUEUE_FULL, "pacing queue full");
        signal(first.receiveMessage(), Lifecycle.Interrupted.class);
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(rejected.id()));
        // A subscriber arriving now is told about the gap; its answer also shows the retry timer is set.
        subscribe(second);
        signal(second.receiveMessage(), Lifecycle.Interrupted.class);

        manualTime.expectNoMessageFor(RETRY_AFTER_REJECTION.minusMillis(1), pacer, dispatcher);
        manualTime.timePasses(Duration.ofMillis(1));
        Issued again = expectIssued(STREAM);
        assertNotEquals(rejected.id(), again.id());
        again.sent();
        expectEach(new MarketDataEvent.Status(new Lifecycle.Resumed(true)), first, second);
        expectNothing(first, second, pacer, dispatcher);
    }

    @Test
    void anInvalidRequestEndsTheSubscription() {
        start(STREAM);
        subscribe(first);
        connection.tell(echo(ConnectionState.READY));
        Issued issued = expectIssued(STREAM);

        issued.rejected(OutboundRequest.Reason.INVALID, "bad contract");
        first.expectMessage(new MarketDataEvent.Status(new Lifecycle.Ended(0, "bad contract")));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        owner.expectMessage(retire());
        manualTime.timePasses(RETRY_AFTER_REJECTION.multipliedBy(2));
        expectNothing(first, pacer, dispatcher);
    }

    @Test
    void aClosedConnectionEndsTheSubscription() {
        Issued issued = live();

        connection.tell(state(ConnectionState.CLOSED, ConnectionState.READY));
        for (TestProbe<MarketDataEvent> subscriber : List.of(first, second)) {
            assertEquals(0, signal(subscriber.receiveMessage(), Lifecycle.Ended.class).code());
        }
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        owner.expectMessage(retire());

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        expectStopped();
        expectNothing(pacer, dispatcher, first, second);
    }

    // ------------------------------------------------------------------ snapshots

    @Test
    void aSnapshotEndsOnSnapshotEndWithoutCancelOrReissue() {
        start(SNAPSHOT);
        subscribe(first);
        connection.tell(echo(ConnectionState.READY));
        Issued issued = expectIssued(SNAPSHOT);
        issued.sent();

        subscription.tell(tick(1));
        subscription.tell(new MarketDataEvent.SnapshotEnd());
        first.expectMessage(tick(1));
        first.expectMessage(new MarketDataEvent.SnapshotEnd());
        first.expectMessage(new MarketDataEvent.Status(new Lifecycle.Ended(0, "snapshot complete")));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        owner.expectMessage(new Retirement.Retire(new MarketDataSpec(SNAPSHOT), subscription.narrow()));

        reconnect();
        expectNothing(pacer, dispatcher, first);

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        expectStopped();
        expectNothing(pacer, dispatcher);
    }
}
