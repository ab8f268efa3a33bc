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
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.connection.ConnectionEvent.NoticeKind;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.FakeDomain.End;
import io.github.twssupervisor.subscription.FakeDomain.OneShot;
import io.github.twssupervisor.subscription.FakeDomain.Row;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel's request -> rows -> End exchange with a fake spec: the rows in order at End, a TWS error as a typed
 * failure, a timeout (ManualTime) as a failure with a cancel, and a connection lost before End as
 * {@link ConnectionLostException}, never an empty answer.
 */
class OneShotRequestTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int SERVER_VERSION = 200;
    private static final OneShot SPEC = new OneShot("details");

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<StatusReply<List<Row>>> replyTo = testKit.createTestProbe();

    private ActorRef<RequestEvent> request;
    private ActorRef<ConnectionEvent> connection;
    private int reqId;
    private OutboundRequest outbound;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** Started while READY: registered, on the pacer. */
    private void start() {
        request = testKit.spawn(OneShotRequest.create(SPEC, new SubscriptionPorts(pacer.ref(), dispatcher.ref(),
                supervisor.ref(), new RequestIds(), testKit.<Retirement>createTestProbe().ref()), TIMEOUT,
                replyTo.ref()));
        connection = supervisor.expectMessageClass(ConnectionSupervisor.Subscribe.class).subscriber();
        connection.tell(ready(ConnectionState.READY, false));
        reqId = assertInstanceOf(RouteKey.RequestId.class,
                dispatcher.expectMessageClass(Dispatcher.RegisterOwner.class).key()).id();
        outbound = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertEquals(reqId, outbound.requestId());
        assertArrayEquals(frame("req details", reqId), outbound.encoder().apply(SERVER_VERSION));
    }

    /** Started and on the wire. */
    private void sent() {
        start();
        outbound.replyTo().tell(new OutboundRequest.Sent(reqId, 1));
    }

    private Throwable expectFailure() {
        StatusReply<List<Row>> reply = replyTo.receiveMessage();
        assertTrue(reply.isError(), "a failure, not " + reply);
        return reply.getError();
    }

    /** Whatever the outcome, it leaves the dispatcher and the supervisor and stops. */
    private void expectCleanedUp() {
        dispatcher.expectMessage(new Dispatcher.UnregisterOwner(reqId));
        supervisor.expectMessage(new ConnectionSupervisor.Unsubscribe(connection));
        testKit.createTestProbe().expectTerminated(request);
    }

    @Test
    void theRowsComeInOrderOnceTheEndArrives() {
        sent();
        request.tell(new Row("a", 1));
        request.tell(new RequestEvents(List.of(new Row("b", 2), new Row("c", 3))));
        replyTo.expectNoMessage();

        request.tell(new End());

        assertEquals(StatusReply.success(List.of(new Row("a", 1), new Row("b", 2), new Row("c", 3))),
                replyTo.receiveMessage());
        expectCleanedUp();
    }

    @Test
    void anEndInTheSameBatchAsTheRowsAnswersAndWhatFollowsIsIgnored() {
        sent();
        request.tell(new RequestEvents(List.of(new Row("a", 1), new End(), new Row("late", 2))));
        assertEquals(StatusReply.success(List.of(new Row("a", 1))), replyTo.receiveMessage());
        expectCleanedUp();
    }

    @Test
    void anEndWithoutRowsIsAnEmptyAnswerBecauseTwsSaidSo() {
        sent();
        request.tell(new End());
        assertEquals(StatusReply.success(List.of()), replyTo.receiveMessage());
    }

    @Test
    void aTwsErrorForItsIdFailsWithTheCodeAndTextWhileAWarningOrAnotherIdsErrorDoesNot() {
        sent();
        request.tell(new Row("a", 1));
        request.tell(error(reqId, FakeDomain.WARNING, "just so you know"));
        request.tell(error(reqId + 1, 200, "someone else's"));
        replyTo.expectNoMessage();

        request.tell(error(reqId, 200, "No security definition has been found"));

        TwsRequestException failure = assertInstanceOf(TwsRequestException.class, expectFailure());
        assertEquals(200, failure.code());
        assertEquals("No security definition has been found", failure.twsMessage());
        expectCleanedUp();
    }

    @Test
    void noEndWithinTheTimeoutFailsAndCancelsAtTws() {
        sent();
        request.tell(new Row("a", 1));
        manualTime.timePasses(TIMEOUT.minusMillis(1));
        replyTo.expectNoMessage();

        manualTime.timePasses(Duration.ofMillis(1));

        Throwable failure = expectFailure();
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("1 row(s)"), failure.getMessage());
        OutboundRequest cancel = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        assertArrayEquals(frame("cancel details", reqId), cancel.encoder().apply(SERVER_VERSION));
        expectCleanedUp();
    }

    @Test
    void aConnectionLostBeforeTheEndFailsWithConnectionLostNotAPartialAnswer() {
        sent();
        request.tell(new Row("a", 1));

        connection.tell(lost(ConnectionState.READY));

        ConnectionLostException failure = assertInstanceOf(ConnectionLostException.class, expectFailure());
        assertTrue(failure.getMessage().contains("1 row(s)"), failure.getMessage());
        expectCleanedUp();
    }

    @Test
    void notice1101BeforeTheEndFailsWithConnectionLost() {
        sent();
        connection.tell(notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST, NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST));
        assertInstanceOf(ConnectionLostException.class, expectFailure());
        expectCleanedUp();
    }

    @Test
    void aRequestDroppedByThePacerBecauseItsSocketWentFailsWithConnectionLost() {
        start();
        connection.tell(lost(ConnectionState.READY)); // not sent yet: the pacer decides
        replyTo.expectNoMessage();
        outbound.replyTo().tell(new OutboundRequest.Rejected(reqId, outbound.description(),
                OutboundRequest.Reason.DISCONNECTED, "socket gone"));
        assertInstanceOf(ConnectionLostException.class, expectFailure());
        expectCleanedUp();
    }

    @Test
    void waitingForTheConnectionIsNoFailureButClosingIs() {
        start();
        connection.tell(state(ConnectionState.DEGRADED, ConnectionState.READY));
        replyTo.expectNoMessage();
        connection.tell(state(ConnectionState.CLOSED, ConnectionState.DEGRADED));
        assertInstanceOf(ConnectionLostException.class, expectFailure());
        expectCleanedUp();
    }

    @Test
    void aRequestThePacerRefusesFailsWithItsReason() {
        start();
        outbound.replyTo().tell(new OutboundRequest.Rejected(reqId, outbound.description(),
                OutboundRequest.Reason.QUEUE_FULL, "pacing queue full"));
        Throwable failure = expectFailure();
        assertTrue(failure.getMessage().contains("pacing queue full"), failure.getMessage());
        expectCleanedUp();
    }
}
