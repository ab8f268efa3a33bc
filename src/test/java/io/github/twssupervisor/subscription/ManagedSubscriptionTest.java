package io.github.twssupervisor.subscription;

import static io.github.twssupervisor.subscription.FakeDomain.frame;
import static io.github.twssupervisor.testutil.ConnectionEvents.error;
import static io.github.twssupervisor.testutil.ConnectionEvents.lost;
import static io.github.twssupervisor.testutil.ConnectionEvents.notice;
import static io.github.twssupervisor.testutil.ConnectionEvents.ready;
import static io.github.twssupervisor.testutil.ConnectionEvents.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.ConnectionEvent.NoticeKind;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.FakeDomain.FakeEvent;
import io.github.twssupervisor.subscription.FakeDomain.Row;
import io.github.twssupervisor.subscription.FakeDomain.Spec;
import io.github.twssupervisor.subscription.SubscriptionSpec.Recovery;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel's subscription with a fake domain's spec, against probes for its pacer, dispatcher, supervisor and owner:
 * re-issue on READY after a reconnect and on 1101 but not on 1102, one Interrupted / Resumed pair per outage, fatal
 * errors against warnings, the spec's recoveries, and the last subscriber's leaving that cancels at TWS.
 */
class ManagedSubscriptionTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int SERVER_VERSION = 200;
    private static final long EPOCH = 1;

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<Retirement> owner = testKit.createTestProbe(Retirement.class);
    private final TestProbe<FakeEvent> subscriber = testKit.createTestProbe(FakeEvent.class);

    private Spec spec;
    private ActorRef<RequestEvent> subscription;
    private ActorRef<ConnectionEvent> connection;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** A request on the pacer under the id registered for it. */
    private record Issued(int id, OutboundRequest request) {
        void sent() {
            request.replyTo().tell(new OutboundRequest.Sent(id, EPOCH));
        }
    }

    private void start(Spec started) {
        spec = started;
        subscription = testKit.spawn(ManagedSubscription.create(spec, new SubscriptionPorts(pacer.ref(),
                dispatcher.ref(), supervisor.ref(), new RequestIds(), owner.ref())));
        connection = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class).subscriber();
        subscription.tell(new ManagedSubscription.Subscribe<>(subscriber.ref()));
    }

    /** Subscribed, issued on READY and on the wire. */
    private Issued live(Spec started) {
        start(started);
        connection.tell(ready(ConnectionState.READY, false));
        Issued issued = expectIssued();
        issued.sent();
        subscriber.expectNoMessage();
        return issued;
    }

    private Issued expectIssued() {
        RouteKey key = dispatcher.expectMessageClass(Dispatcher.RegisterOwner.class).key();
        int id = assertInstanceOf(RouteKey.RequestId.class, key).id();
        OutboundRequest request = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(id, request.requestId());
        assertArrayEquals(frame("req " + spec.name(), id), request.encoder().apply(SERVER_VERSION));
        return new Issued(id, request);
    }

    private Issued expectReissued(int oldId) {
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(oldId));
        Issued again = expectIssued();
        assertNotEquals(oldId, again.id(), "a fresh request id");
        return again;
    }

    private <L extends Lifecycle> L expectSignal(Class<L> type) {
        return assertInstanceOf(type, assertInstanceOf(FakeDomain.Signal.class, subscriber.receiveMessage())
                .lifecycle());
    }

    @Test
    void onReadyAfterAReconnectItReissuesUnderAFreshIdWithOneInterruptedResumedPair() {
        Issued old = live(Spec.of("a"));

        connection.tell(lost(ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(old.id()));
        // Every state of the reconnect, and a failed attempt, belong to the same outage.
        connection.tell(state(ConnectionState.CONNECTING, ConnectionState.RECONNECTING));
        connection.tell(lost(ConnectionState.CONNECTING));
        connection.tell(state(ConnectionState.HANDSHAKING, ConnectionState.CONNECTING));
        subscriber.expectNoMessage();
        connection.tell(ready(ConnectionState.HANDSHAKING, true));
        Issued again = expectIssued();
        assertNotEquals(old.id(), again.id());
        subscriber.expectNoMessage(); // Resumed only once the request is on the wire
        again.sent();

        expectSignal(Lifecycle.Resumed.class);
        subscriber.expectNoMessage();
    }

    @Test
    void notice1101ReissuesAtOnceWithOnePair() {
        Issued old = live(Spec.of("b"));

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST, NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        expectSignal(Lifecycle.Interrupted.class);
        Issued again = expectReissued(old.id());
        again.sent();
        expectSignal(Lifecycle.Resumed.class);
        subscriber.expectNoMessage();
    }

    @Test
    void after1100TheReadyOf1101ReissuesButTheReadyOf1102OnlyResumes() {
        Issued old = live(Spec.of("c"));

        connection.tell(notice(TwsErrorCode.CONNECTIVITY_LOST, NoticeKind.CONNECTIVITY_LOST));
        connection.tell(state(ConnectionState.DEGRADED, ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT, NoticeKind.CONNECTIVITY_RESTORED_DATA_KEPT));
        connection.tell(ready(ConnectionState.DEGRADED, false));
        expectSignal(Lifecycle.Resumed.class);
        pacer.expectNoMessage();
        dispatcher.expectNoMessage();

        connection.tell(state(ConnectionState.DEGRADED, ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        connection.tell(ready(ConnectionState.DEGRADED, true));
        Issued again = expectReissued(old.id());
        subscriber.expectNoMessage();
        again.sent();
        expectSignal(Lifecycle.Resumed.class);
        subscriber.expectNoMessage();
    }

    @Test
    void aFatalErrorEndsItAndRetiresItWhileAnyOtherIsAWarning() {
        Issued issued = live(Spec.of("d"));
        subscription.tell(new Row("x", 1));
        subscriber.expectMessage(new Row("x", 1));

        subscription.tell(error(issued.id(), FakeDomain.WARNING, "delayed data"));
        assertEquals(new Lifecycle.Warning(FakeDomain.WARNING, "delayed data"), expectSignal(Lifecycle.Warning.class));
        subscription.tell(error(issued.id() + 1, FakeDomain.FATAL, "not ours"));
        subscriber.expectNoMessage();

        subscription.tell(error(issued.id(), FakeDomain.FATAL, "no security definition"));
        assertEquals(new Lifecycle.Ended(FakeDomain.FATAL, "no security definition"),
                expectSignal(Lifecycle.Ended.class));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        owner.expectMessage(new Retirement.Retire(spec, subscription.narrow()));
        subscription.tell(new Row("x", 2));
        subscriber.expectNoMessage();

        // Dead at TWS already: stopping sends no cancel.
        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        testKit.createTestProbe().expectTerminated(subscription);
        pacer.expectNoMessage();
    }

    @Test
    void theLastSubscriberLeavingRetiresItAndTheOwnersStopCancelsAtTws() {
        Issued issued = live(Spec.of("e"));
        TestProbe<FakeEvent> second = testKit.createTestProbe(FakeEvent.class);
        subscription.tell(new ManagedSubscription.Subscribe<>(second.ref()));

        subscription.tell(new ManagedSubscription.Unsubscribe(subscriber.ref()));
        owner.expectNoMessage();
        second.stop(); // watched: a stopped subscriber leaves too
        owner.expectMessage(new Retirement.Retire(spec, subscription.narrow()));

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        OutboundRequest cancel = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(issued.id(), cancel.requestId());
        assertArrayEquals(frame("cancel e", issued.id()), cancel.encoder().apply(SERVER_VERSION));
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(issued.id()));
        supervisor.expectMessage(new ConnectionSupervisor.Unsubscribe(connection));
        testKit.createTestProbe().expectTerminated(subscription);
    }

    @Test
    void aSubscriberArrivingDuringRetirementCallsItOff() {
        live(Spec.of("f"));
        subscription.tell(new ManagedSubscription.Unsubscribe(subscriber.ref()));
        owner.expectMessage(new Retirement.Retire(spec, subscription.narrow()));
        TestProbe<FakeEvent> late = testKit.createTestProbe(FakeEvent.class);
        subscription.tell(new ManagedSubscription.Subscribe<>(late.ref()));

        subscription.tell(ManagedSubscription.Stop.INSTANCE);
        owner.expectMessage(new Retirement.Unretire(spec, subscription.narrow()));
        pacer.expectNoMessage();
        subscription.tell(new Row("y", 3));
        late.expectMessage(new Row("y", 3));
    }

    @Test
    void aSpecThatCannotSurviveAReconnectEndsOnTheNextReady() {
        Issued old = live(new Spec("g", Recovery.END, Recovery.REISSUE, Recovery.RESUME));

        connection.tell(lost(ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(old.id()));
        connection.tell(ready(ConnectionState.HANDSHAKING, true));

        assertEquals(0, expectSignal(Lifecycle.Ended.class).code());
        owner.expectMessage(new Retirement.Retire(spec, subscription.narrow()));
        pacer.expectNoMessage();
    }

    @Test
    void aSpecThatReissuesOn1102DoesSoInsteadOfResuming() {
        Issued old = live(new Spec("h", Recovery.REISSUE, Recovery.REISSUE, Recovery.REISSUE));

        connection.tell(state(ConnectionState.DEGRADED, ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        connection.tell(ready(ConnectionState.DEGRADED, false));
        Issued again = expectReissued(old.id());
        subscriber.expectNoMessage();
        again.sent();
        expectSignal(Lifecycle.Resumed.class);
    }

    @Test
    void aSubscriberArrivingDuringAnOutageLearnsOfItAtOnce() {
        live(Spec.of("i"));
        connection.tell(lost(ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);

        TestProbe<FakeEvent> late = testKit.createTestProbe(FakeEvent.class);
        subscription.tell(new ManagedSubscription.Subscribe<>(late.ref()));
        assertInstanceOf(Lifecycle.Interrupted.class, assertInstanceOf(FakeDomain.Signal.class,
                late.receiveMessage()).lifecycle());
        subscriber.expectNoMessage();
    }

    @Test
    void aRequestAnsweredByMessageKindsOwnsThemWhileLiveAndAgainAfterAReissue() {
        FakeDomain.Limited limited = new FakeDomain.Limited("positions",
                Set.of(IncomingMessageId.POSITION, IncomingMessageId.POSITION_END), 1);
        ActorRef<RequestEvent> byKind = testKit.spawn(ManagedSubscription.create(limited, new SubscriptionPorts(
                pacer.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(), owner.ref())));
        ActorRef<ConnectionEvent> events = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class)
                .subscriber();
        byKind.tell(new ManagedSubscription.Subscribe<>(subscriber.ref()));
        events.tell(ready(ConnectionState.READY, false));
        int id = expectKindsRegistered();
        pacer.expectMessageClass(Pacer.Enqueue.class).request().replyTo().tell(new OutboundRequest.Sent(id, EPOCH));

        // An event of its kind, routed here by the dispatcher, reaches the subscriber like any other.
        byKind.tell(new Row("AAPL", 100));
        assertEquals(new Row("AAPL", 100), subscriber.receiveMessage());

        events.tell(lost(ConnectionState.READY));
        expectSignal(Lifecycle.Interrupted.class);
        assertEquals(Set.of(RouteKey.request(id), RouteKey.kind(IncomingMessageId.POSITION),
                RouteKey.kind(IncomingMessageId.POSITION_END)), Set.of(unregistered(), unregistered(), unregistered()));
        events.tell(ready(ConnectionState.HANDSHAKING, true));
        assertNotEquals(id, expectKindsRegistered());
    }

    @Test
    void aLaterSubscriberGetsTheFullSetKeptSinceTheLastIssueThenTheOutageItIsIn() {
        FakeDomain.Limited positions = new FakeDomain.Limited("positions",
                Set.of(IncomingMessageId.POSITION, IncomingMessageId.POSITION_END), 1);
        ActorRef<RequestEvent> shared = testKit.spawn(ManagedSubscription.create(positions, new SubscriptionPorts(
                pacer.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(), owner.ref())));
        ActorRef<ConnectionEvent> events = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class)
                .subscriber();
        shared.tell(new ManagedSubscription.Subscribe<>(subscriber.ref()));
        events.tell(ready(ConnectionState.READY, false));
        int id = expectKindsRegistered();
        pacer.expectMessageClass(Pacer.Enqueue.class).request().replyTo().tell(new OutboundRequest.Sent(id, EPOCH));
        shared.tell(new Row("AAPL", 100));
        shared.tell(new Row("MSFT", 5));
        shared.tell(new FakeDomain.End());
        shared.tell(new Row("AAPL", 150));
        subscriber.receiveSeveralMessages(4);

        TestProbe<FakeEvent> late = testKit.createTestProbe(FakeEvent.class);
        shared.tell(new ManagedSubscription.Subscribe<>(late.ref()));
        assertEquals(java.util.List.of(new Row("AAPL", 150), new Row("MSFT", 5), new FakeDomain.End()),
                late.receiveSeveralMessages(3), "the latest row per key, in the order keys came, and the end");

        // 1101: the request goes again, and nothing of the old set is replayed; an outage comes after the set.
        events.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST, NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        expectSignal(Lifecycle.Interrupted.class);
        late.receiveMessage();
        shared.tell(new Row("IBM", 1));
        subscriber.receiveMessage();
        late.receiveMessage();
        TestProbe<FakeEvent> later = testKit.createTestProbe(FakeEvent.class);
        shared.tell(new ManagedSubscription.Subscribe<>(later.ref()));
        assertEquals(new Row("IBM", 1), later.receiveMessage());
        assertInstanceOf(Lifecycle.Interrupted.class, assertInstanceOf(FakeDomain.Signal.class,
                later.receiveMessage()).lifecycle());
    }

    @Test
    void aRequestTheSessionCannotMakeEndsAtReadyAndIsNeverSent() {
        FakeDomain.Limited stranger = new FakeDomain.Limited("DU999", Set.of(IncomingMessageId.ACCOUNT_VALUE), 1);
        ActorRef<RequestEvent> refused = testKit.spawn(ManagedSubscription.create(stranger, new SubscriptionPorts(
                pacer.ref(), dispatcher.ref(), supervisor.ref(), new RequestIds(), owner.ref())));
        ActorRef<ConnectionEvent> events = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class)
                .subscriber();
        refused.tell(new ManagedSubscription.Subscribe<>(subscriber.ref()));

        events.tell(ready(ConnectionState.READY, false)); // the session manages DU1 only
        assertEquals(new Lifecycle.Ended(0, "account DU999 is not managed by this session"),
                expectSignal(Lifecycle.Ended.class));
        owner.expectMessage(new Retirement.Retire(stranger, refused.narrow()));
        pacer.expectNoMessage();
    }

    /** @return the request id registered, after checking both message kinds were registered with it */
    private int expectKindsRegistered() {
        int id = assertInstanceOf(RouteKey.RequestId.class, dispatcher.expectMessageClass(
                Dispatcher.RegisterOwner.class).key()).id();
        assertEquals(Set.of(RouteKey.kind(IncomingMessageId.POSITION), RouteKey.kind(IncomingMessageId.POSITION_END)),
                Set.of(dispatcher.expectMessageClass(Dispatcher.RegisterOwner.class).key(),
                        dispatcher.expectMessageClass(Dispatcher.RegisterOwner.class).key()));
        return id;
    }

    private RouteKey unregistered() {
        return dispatcher.expectMessageClass(Dispatcher.UnregisterOwner.class).key();
    }
}
