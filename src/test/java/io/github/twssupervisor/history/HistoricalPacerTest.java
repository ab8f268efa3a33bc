package io.github.twssupervisor.history;

import static io.github.twssupervisor.testutil.ConnectionEvents.error;
import static io.github.twssupervisor.testutil.ConnectionEvents.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.testutil.ManualClock;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link HistoricalPacer} actor with probes for the client's actors and ManualTime (with a {@link ManualClock}
 * moved in step): what goes at once and what waits, the caller's view of its place in the queue, the one retry after
 * an error 162 and the failure with TWS's text after the second, head timestamps paced like bars, and a keepUpToDate
 * series' request holding an open slot until released.
 */
class HistoricalPacerTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());
    private static final Duration ROLLING = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(15);
    private static final String PACING_TEXT = "Historical Market Data Service error message:Historical data request "
            + "pacing violation";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T15:00:00Z"));
    private final TestProbe<Pacer.Command> wire = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);

    /** A request on its way to TWS: the one-shot actor that owns its id, the id, the frame as written at sv 200. */
    private record Issued(ActorRef<RequestEvent> owner, int reqId, String frame) {
    }

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** Three per rolling window of 10 s, at most {@code maxOpen} open, TWS's other rules. */
    private ActorRef<RequestEvent> pacer(int maxOpen) {
        PacingLimits limits = new PacingLimits(Duration.ofSeconds(15), Duration.ofSeconds(2), 5, ROLLING, 3, maxOpen,
                10, RETRY);
        return testKit.spawn(HistoricalPacer.create(new SubscriptionPorts(wire.ref(), dispatcher.ref(),
                supervisor.ref(), new RequestIds(), testKit.<Retirement>createTestProbe().ref()), limits,
                Duration.ofMinutes(5), clock));
    }

    private static HistoricalRequest bars(String symbol) {
        return HistoricalRequest.upToNow(Contract.stock(symbol), "1 D", "1 hour", "TRADES");
    }

    /** The one-shot actor the pacer started: told READY, registered, on the wire. */
    private Issued expectIssued() {
        ConnectionSupervisor.Command m = supervisor.receiveMessage();
        while (m instanceof ConnectionSupervisor.Unsubscribe) { // a one-shot that finished
            m = supervisor.receiveMessage();
        }
        assertInstanceOf(ConnectionSupervisor.Subscribe.class, m).subscriber().tell(ready(ConnectionState.READY,
                false));
        Dispatcher.RegisterOwner owner = registration();
        OutboundRequest out = wire.expectMessageClass(Pacer.Enqueue.class).request();
        int reqId = assertInstanceOf(RouteKey.RequestId.class, owner.key()).id();
        out.replyTo().tell(new OutboundRequest.Sent(reqId, 1));
        byte[] frame = out.encoder().apply(200);
        return new Issued(owner.owner(), reqId, new String(Arrays.copyOfRange(frame, 4, frame.length),
                StandardCharsets.US_ASCII).replace('\0', '|'));
    }

    /** No one-shot request was started (finished ones may still say goodbye). */
    private void expectNothingIssued() {
        while (true) {
            ConnectionSupervisor.Command m;
            try {
                m = supervisor.receiveMessage(Duration.ofMillis(100));
            } catch (AssertionError nothingMore) {
                return;
            }
            assertInstanceOf(ConnectionSupervisor.Unsubscribe.class, m, "nothing new issued");
        }
    }

    private void passes(Duration d) {
        clock.advance(d);
        manualTime.timePasses(d);
    }

    private static HistoricalDataEvent.Bars answer(String time) {
        return new HistoricalDataEvent.Bars(List.of(new Bar(time, 1, 2, 0.5, 1.5, BigDecimal.TEN, BigDecimal.ONE, 3)),
                "a", "b");
    }

    @Test
    void requestsBeyondTheRollingLimitWaitAndTheCallerSeesItsPlaceThenTheSend() {
        ActorRef<RequestEvent> pacer = pacer(50);
        TestProbe<StatusReply<List<Bar>>> replies = testKit.createTestProbe();
        TestProbe<HistoricalProgress> fourth = testKit.createTestProbe();
        TestProbe<HistoricalProgress> fifth = testKit.createTestProbe();
        Instant t0 = clock.instant();
        for (String s : List.of("A", "B", "C")) {
            pacer.tell(new HistoricalPacer.Fetch(bars(s), replies.ref(), testKit.system().ignoreRef()));
            assertTrue(expectIssued().frame().startsWith("20|"));
        }
        pacer.tell(new HistoricalPacer.Fetch(bars("D"), replies.ref(), fourth.ref()));
        pacer.tell(new HistoricalPacer.Fetch(bars("E"), replies.ref(), fifth.ref()));
        assertEquals(new HistoricalProgress.Queued(1, t0.plus(ROLLING)), fourth.receiveMessage());
        assertEquals(new HistoricalProgress.Queued(2, t0.plus(ROLLING)), fifth.receiveMessage());
        wire.expectNoMessage(Duration.ZERO);

        passes(ROLLING.minusMillis(1));
        expectNothingIssued();
        passes(Duration.ofMillis(2));
        assertEquals(new HistoricalProgress.Sent(1), fourth.receiveMessage());
        assertEquals(new HistoricalProgress.Sent(1), fifth.receiveMessage());
        Issued d = expectIssued();
        expectIssued();
        d.owner().tell(answer("20261203 10:00:00 US/Eastern"));
        assertEquals(List.of(answer("20261203 10:00:00 US/Eastern").bars().get(0)), replies.receiveMessage()
                .getValue());
    }

    @Test
    void aPlaceInTheQueueIsToldAgainWhenItMovesUp() {
        ActorRef<RequestEvent> pacer = pacer(1);
        TestProbe<StatusReply<List<Bar>>> replies = testKit.createTestProbe();
        TestProbe<HistoricalProgress> second = testKit.createTestProbe();
        TestProbe<HistoricalProgress> third = testKit.createTestProbe();
        pacer.tell(new HistoricalPacer.Fetch(bars("A"), replies.ref(), testKit.system().ignoreRef()));
        Issued a = expectIssued();
        pacer.tell(new HistoricalPacer.Fetch(bars("B"), replies.ref(), second.ref()));
        pacer.tell(new HistoricalPacer.Fetch(bars("C"), replies.ref(), third.ref()));
        assertEquals(1, assertInstanceOf(HistoricalProgress.Queued.class, second.receiveMessage()).position());
        assertEquals(2, assertInstanceOf(HistoricalProgress.Queued.class, third.receiveMessage()).position());

        a.owner().tell(answer("1"));  // the one open slot frees: B goes, C moves up
        replies.receiveMessage();
        assertEquals(new HistoricalProgress.Sent(1), second.receiveMessage());
        assertEquals(1, assertInstanceOf(HistoricalProgress.Queued.class, third.receiveMessage()).position());
        expectIssued();
    }

    @Test
    void a162IsRetriedOnceAfterTheWindowThenFailsWithTwsText() {
        ActorRef<RequestEvent> pacer = pacer(50);
        TestProbe<StatusReply<List<Bar>>> replies = testKit.createTestProbe();
        TestProbe<HistoricalProgress> progress = testKit.createTestProbe();
        pacer.tell(new HistoricalPacer.Fetch(bars("A"), replies.ref(), progress.ref()));
        assertEquals(new HistoricalProgress.Sent(1), progress.receiveMessage());
        Issued first = expectIssued();
        first.owner().tell(error(first.reqId(), TwsErrorCode.HISTORICAL_DATA_SERVICE, PACING_TEXT));
        assertEquals(new HistoricalProgress.Retrying(TwsErrorCode.HISTORICAL_DATA_SERVICE, PACING_TEXT),
                progress.receiveMessage());
        replies.expectNoMessage(Duration.ZERO);

        passes(RETRY.minusSeconds(1));
        expectNothingIssued();
        passes(Duration.ofSeconds(1).plusMillis(1));
        assertEquals(new HistoricalProgress.Sent(2), progress.receiveMessage());
        Issued second = expectIssued();
        assertEquals(first.frame().substring(first.frame().indexOf('|', 3)),
                second.frame().substring(second.frame().indexOf('|', 3)), "the same request under a new id");
        second.owner().tell(error(second.reqId(), TwsErrorCode.HISTORICAL_DATA_SERVICE, PACING_TEXT));

        StatusReply<List<Bar>> failed = replies.receiveMessage();
        TwsRequestException e = assertInstanceOf(TwsRequestException.class, failed.getError());
        assertEquals(TwsErrorCode.HISTORICAL_DATA_SERVICE, e.code());
        assertEquals(PACING_TEXT, e.twsMessage());
    }

    /**
     * The choice for reqHeadTimestamp: IB counts it among the ongoing historical requests (TWS-WIRE.md §7, from the
     * IB API documentation's historical data limitations), and does not say it is exempt from the windows; so it is
     * admitted by the same pacer, takes an open slot until answered and counts in the rolling window (here 3 per
     * 10 s): three head timestamps, and a bars request waits for the window.
     */
    @Test
    void headTimestampsArePacedLikeBarsAndAnsweredWithTheEarliestTime() {
        ActorRef<RequestEvent> pacer = pacer(50);
        TestProbe<StatusReply<Instant>> heads = testKit.createTestProbe();
        TestProbe<StatusReply<List<Bar>>> replies = testKit.createTestProbe();
        TestProbe<HistoricalProgress> progress = testKit.createTestProbe();
        Instant earliest = Instant.parse("1982-06-27T14:30:00Z");
        for (String s : List.of("A", "B", "C")) {
            pacer.tell(new HistoricalPacer.FetchHead(new HeadTimestampRequest(Contract.stock(s), "TRADES", true),
                    heads.ref()));
            Issued head = expectIssued();
            assertTrue(head.frame().startsWith("87|" + head.reqId() + "|0|" + s + "|STK|"), head.frame());
            head.owner().tell(new HeadTimestamp(earliest));
            assertEquals(earliest, heads.receiveMessage().getValue());
        }
        pacer.tell(new HistoricalPacer.Fetch(bars("D"), replies.ref(), progress.ref()));
        assertInstanceOf(HistoricalProgress.Queued.class, progress.receiveMessage());
        expectNothingIssued();
    }

    @Test
    void aFollowersRequestHoldsAnOpenSlotUntilReleased() {
        ActorRef<RequestEvent> pacer = pacer(1);
        TestProbe<RequestEvent> follower = testKit.createTestProbe();
        TestProbe<StatusReply<List<Bar>>> replies = testKit.createTestProbe();
        TestProbe<HistoricalProgress> progress = testKit.createTestProbe();
        HistoricalRequest keep = new HistoricalRequest(Contract.stock("A"), "", "1 D", "5 mins", "TRADES", false, 1,
                true);
        pacer.tell(new HistoricalPacer.Admit(keep, follower.ref().narrow()));
        long slot = follower.expectMessageClass(BarFollower.Admitted.class).pacingId();
        pacer.tell(new HistoricalPacer.Fetch(bars("B"), replies.ref(), progress.ref()));
        assertInstanceOf(HistoricalProgress.Queued.class, progress.receiveMessage());
        passes(Duration.ofMinutes(1));
        expectNothingIssued(); // still held: keepUpToDate is an ongoing request

        pacer.tell(new HistoricalPacer.Release(slot));
        assertEquals(new HistoricalProgress.Sent(1), progress.receiveMessage());
        expectIssued();

        pacer.tell(new HistoricalPacer.Admit(keep.withDuration("130 S"), follower.ref().narrow()));
        passes(Duration.ofSeconds(20)); // B is open and unanswered: the follower's catch-up waits for the slot
        follower.expectNoMessage(Duration.ZERO);
    }

    @Test
    void aFollowersSecond162IsReportedToIt() {
        ActorRef<RequestEvent> pacer = pacer(50);
        TestProbe<RequestEvent> follower = testKit.createTestProbe();
        HistoricalRequest keep = new HistoricalRequest(Contract.stock("A"), "", "1 D", "5 mins", "TRADES", false, 1,
                true);
        pacer.tell(new HistoricalPacer.Admit(keep, follower.ref().narrow()));
        long slot = follower.expectMessageClass(BarFollower.Admitted.class).pacingId();
        pacer.tell(new HistoricalPacer.Refused162(slot, PACING_TEXT));
        TestProbe<HistoricalProgress> progress = testKit.createTestProbe();
        pacer.tell(new HistoricalPacer.Fetch(bars("B"), testKit.<StatusReply<List<Bar>>>createTestProbe().ref(),
                progress.ref()));
        progress.expectMessage(new HistoricalProgress.Sent(1)); // the pacer has taken the 162 by now
        follower.expectNoMessage(Duration.ZERO);
        passes(RETRY.plusMillis(1));
        assertEquals(new BarFollower.Admitted(slot), follower.receiveMessage());
        pacer.tell(new HistoricalPacer.Refused162(slot, PACING_TEXT));
        assertEquals(new BarFollower.PacingFailed(PACING_TEXT), follower.receiveMessage());
    }

    /** The next registration with the dispatcher, past the goodbyes of requests that finished. */
    private Dispatcher.RegisterOwner registration() {
        Dispatcher.Command m = dispatcher.receiveMessage();
        while (m instanceof Dispatcher.UnregisterOwner) {
            m = dispatcher.receiveMessage();
        }
        return assertInstanceOf(Dispatcher.RegisterOwner.class, m);
    }
}
