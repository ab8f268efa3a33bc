package io.github.twssupervisor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.github.twssupervisor.history.PacingAdmission.Queued;
import io.github.twssupervisor.history.PacingAdmission.Refused;

import io.github.twssupervisor.history.PacingAdmission.Send;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class HistoricalPacingTest {

    private static final Instant T0 = Instant.parse("2026-04-02T13:30:00Z");
    private static final Duration IDENTICAL = PacingLimits.IDENTICAL_REQUEST_WINDOW;
    private static final Duration SAME_CONTRACT = PacingLimits.SAME_CONTRACT_WINDOW;
    private static final Duration ROLLING = PacingLimits.ROLLING_WINDOW;
    private static final Duration NANO = Duration.ofNanos(1);

    private long nextId = 9000;

    /** A TRADES request for its own contract, unique unless the caller reuses the identity. */
    private PacedRequest bars(String contract) {
        return new PacedRequest(contract + "|1 hour|1 D|TRADES|RTH", contract + "@SMART|TRADES", false, nextId++);
    }

    /** Same contract, a different request each time (another end date). */
    private PacedRequest barsEnding(String contract, int end) {
        return new PacedRequest(contract + "|end" + end + "|1 hour|1 D|TRADES|RTH", contract + "@SMART|TRADES", false,
                nextId++);
    }

    private PacedRequest bidAsk(String contract, int end) {
        return new PacedRequest(contract + "|end" + end + "|1 min|1 D|BID_ASK|RTH", contract + "@SMART|BID_ASK", true,
                nextId++);
    }

    private PacedRequest again(PacedRequest r) {
        return new PacedRequest(r.identityKey(), r.contractKey(), r.bidAsk(), nextId++);
    }

    private static PacingLimits limits(int maxOpen, int queueCapacity) {
        return new PacingLimits(IDENTICAL, SAME_CONTRACT, PacingLimits.SAME_CONTRACT_MAX, ROLLING, PacingLimits.ROLLING_MAX, maxOpen,
                queueCapacity, PacingLimits.RETRY_AFTER_162);
    }

    private static void assertSend(PacingAdmission a) {
        assertInstanceOf(Send.class, a, () -> "expected Send, got " + a);
    }

    private static Queued assertQueued(PacingAdmission a) {
        return assertInstanceOf(Queued.class, a, () -> "expected Queued, got " + a);
    }

    // ---- each rule alone

    @Test
    void anIdenticalRequestWaitsAndGoesAtFifteenSecondsExactly() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        PacedRequest first = bars("AAPL");
        assertSend(pacing.submit(first, T0));
        pacing.answered(first);

        PacedRequest repeat = again(first);
        Queued queued = assertQueued(pacing.submit(repeat, T0.plusSeconds(1)));
        assertEquals(new Queued(1, T0.plus(IDENTICAL)), queued);
        assertEquals(Optional.of(T0.plus(IDENTICAL)), pacing.nextDue(T0.plusSeconds(1)));
        assertEquals(List.of(), pacing.due(T0.plus(IDENTICAL).minus(NANO)));
        assertEquals(List.of(repeat), pacing.due(T0.plus(IDENTICAL)));
    }

    @Test
    void theSixthSameContractRequestWaitsUntilTheFirstOnesTwoSecondsHavePassed() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        for (int i = 0; i < PacingLimits.SAME_CONTRACT_MAX; i++) {
            assertSend(pacing.submit(barsEnding("AAPL", i), T0.plusMillis(100L * i)));
        }
        PacedRequest sixth = barsEnding("AAPL", 5);
        Instant now = T0.plusMillis(500);
        assertEquals(new Queued(1, T0.plus(SAME_CONTRACT)), pacing.submit(sixth, now));
        assertSend(pacing.submit(bars("MSFT"), now)); // another contract is not held
        assertEquals(Optional.of(T0.plus(SAME_CONTRACT)), pacing.nextDue(now));
        assertEquals(List.of(), pacing.due(T0.plus(SAME_CONTRACT).minus(NANO)));
        assertEquals(List.of(sixth), pacing.due(T0.plus(SAME_CONTRACT)));
    }

    @Test
    void bidAskCountsTwiceForTheSameContractRule() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        assertSend(pacing.submit(bidAsk("AAPL", 0), T0));
        assertSend(pacing.submit(bidAsk("AAPL", 1), T0)); // 4 units
        PacedRequest third = bidAsk("AAPL", 2);                  // would make 6
        assertEquals(new Queued(1, T0.plus(SAME_CONTRACT)), pacing.submit(third, T0));

        HistoricalPacing plain = HistoricalPacing.withTwsLimits();
        assertSend(plain.submit(bidAsk("AAPL", 0), T0));
        assertSend(plain.submit(bidAsk("AAPL", 1), T0));
        PacedRequest fifthUnit = new PacedRequest("AAPL|end2|1 min|1 D|BID|RTH", "AAPL@SMART|BID_ASK", false, nextId++);
        assertSend(plain.submit(fifthUnit, T0));            // one unit left: a plain request fits
        assertQueued(plain.submit(new PacedRequest("AAPL|end3|1 min|1 D|BID|RTH", "AAPL@SMART|BID_ASK", false, nextId++),
                T0));
    }

    @Test
    void bidAskCountsTwiceForTheRollingRule() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        for (int i = 0; i < PacingLimits.ROLLING_MAX / 2; i++) {
            PacedRequest r = bidAsk("C" + i, 0);
            assertSend(pacing.submit(r, T0));
            pacing.answered(r);
        }
        assertEquals(new Queued(1, T0.plus(ROLLING)), pacing.submit(bars("LAST"), T0));
    }

    @Test
    void theSixtyFirstRequestInTenMinutesWaitsForTheFirstOnesTenMinutes() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        for (int i = 0; i < PacingLimits.ROLLING_MAX; i++) {
            PacedRequest r = bars("C" + i);
            assertSend(pacing.submit(r, T0.plusSeconds(i)));
            pacing.answered(r);
        }
        PacedRequest sixtyFirst = bars("C60");
        Instant now = T0.plusSeconds(PacingLimits.ROLLING_MAX);
        assertEquals(new Queued(1, T0.plus(ROLLING)), pacing.submit(sixtyFirst, now));
        assertEquals(Optional.of(T0.plus(ROLLING)), pacing.nextDue(now));
        assertEquals(List.of(), pacing.due(T0.plus(ROLLING).minus(NANO)));
        assertEquals(List.of(sixtyFirst), pacing.due(T0.plus(ROLLING)));
    }

    @Test
    void theFiftyFirstOpenRequestWaitsForAnAnswer() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        List<PacedRequest> sent = new ArrayList<>();
        for (int i = 0; i < PacingLimits.MAX_OPEN; i++) {
            PacedRequest r = bars("C" + i);
            assertSend(pacing.submit(r, T0));
            sent.add(r);
        }
        PacedRequest fiftyFirst = bars("C50");
        // The windows allow it now; only an answer can free a slot, so no timer either.
        assertEquals(new Queued(1, T0), pacing.submit(fiftyFirst, T0));
        assertEquals(Optional.empty(), pacing.nextDue(T0));
        assertEquals(List.of(), pacing.due(T0.plusSeconds(30)));

        pacing.answered(sent.get(0));
        assertEquals(Optional.of(T0.plusSeconds(30)), pacing.nextDue(T0.plusSeconds(30)));
        assertEquals(List.of(fiftyFirst), pacing.due(T0.plusSeconds(30)));
    }

    // ---- the queue

    @Test
    void beyondTheQueueCapacityARequestIsRefusedWithAReason() {
        HistoricalPacing pacing = new HistoricalPacing(limits(1, 2));
        assertSend(pacing.submit(bars("A"), T0));
        assertQueued(pacing.submit(bars("B"), T0));
        assertQueued(pacing.submit(bars("C"), T0));
        PacingAdmission refused = pacing.submit(bars("D"), T0);
        Refused r = assertInstanceOf(Refused.class, refused);
        assertTrue(r.reason().contains("queue is full (2 requests waiting)"), r.reason());
        assertEquals(2, pacing.footprint().queued());
    }

    @Test
    void aRequestIdAlreadyQueuedOrOpenIsRefused() {
        HistoricalPacing pacing = new HistoricalPacing(limits(1, 10));
        PacedRequest a = bars("A");
        PacedRequest b = bars("B");
        assertSend(pacing.submit(a, T0));
        assertQueued(pacing.submit(b, T0));
        assertInstanceOf(Refused.class, pacing.submit(new PacedRequest("x", "y", false, a.requestId()), T0));
        assertInstanceOf(Refused.class, pacing.submit(new PacedRequest("x", "y", false, b.requestId()), T0));
    }

    @Test
    void queuedRequestsGoInArrivalOrder() {
        HistoricalPacing pacing = new HistoricalPacing(limits(1, 10));
        PacedRequest a = bars("A");
        assertSend(pacing.submit(a, T0));
        List<PacedRequest> waiting = List.of(bars("B"), bars("C"), bars("D"));
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals(i + 1, assertQueued(pacing.submit(waiting.get(i), T0)).position());
        }
        PacedRequest previous = a;
        List<PacedRequest> order = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            pacing.answered(previous);
            List<PacedRequest> due = pacing.due(T0.plusSeconds(i + 1));
            assertEquals(1, due.size());
            previous = due.get(0);
            order.add(previous);
        }
        assertEquals(waiting, order);
    }

    @Test
    void aRequestHeldByTheIdenticalRuleDoesNotHoldLaterDifferentRequests() {
        HistoricalPacing pacing = new HistoricalPacing(limits(1, 10));
        PacedRequest a = bars("A");
        assertSend(pacing.submit(a, T0));
        PacedRequest repeat = again(a);
        PacedRequest b = bars("B");
        PacedRequest c = bars("C");
        assertQueued(pacing.submit(repeat, T0.plusSeconds(1)));
        assertQueued(pacing.submit(b, T0.plusSeconds(1))); // the open slot is taken
        assertQueued(pacing.submit(c, T0.plusSeconds(1)));

        pacing.answered(a);
        assertEquals(List.of(b), pacing.due(T0.plusSeconds(2)), "b overtakes the held repeat");
        pacing.answered(b);
        assertEquals(List.of(c), pacing.due(T0.plusSeconds(3)));
        pacing.answered(c);
        assertEquals(Optional.of(T0.plus(IDENTICAL)), pacing.nextDue(T0.plusSeconds(3)));
        assertEquals(List.of(repeat), pacing.due(T0.plus(IDENTICAL)));
    }

    @Test
    void aNewRequestOvertakesOnlyKeyHeldEntriesAndKeepsPerContractOrder() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        PacedRequest a = bars("A");
        assertSend(pacing.submit(a, T0));
        pacing.answered(a);
        PacedRequest repeat = again(a);
        assertQueued(pacing.submit(repeat, T0.plusSeconds(1)));
        // Same contract as the held repeat, though not identical: it keeps its place behind it.
        assertQueued(pacing.submit(barsEnding("A", 7), T0.plusSeconds(1)));
        // Another contract goes straight away.
        assertSend(pacing.submit(bars("B"), T0.plusSeconds(1)));
    }

    @Test
    void aRequestHeldByTheRollingRuleHoldsEveryoneBehindIt() {
        PacingLimits small = new PacingLimits(IDENTICAL, SAME_CONTRACT, PacingLimits.SAME_CONTRACT_MAX, ROLLING, 3, 50, 10,
                PacingLimits.RETRY_AFTER_162);
        HistoricalPacing pacing = new HistoricalPacing(small);
        assertSend(pacing.submit(bars("A"), T0));
        assertSend(pacing.submit(bars("B"), T0.plusSeconds(1)));
        PacedRequest wide = bidAsk("C", 0);                       // needs 2 units, 1 left
        PacedRequest narrow = bars("D");                          // would fit in the 1 unit
        assertEquals(new Queued(1, T0.plus(ROLLING)), pacing.submit(wide, T0.plusSeconds(2)));
        assertEquals(new Queued(2, T0.plus(ROLLING).plusSeconds(1)), pacing.submit(narrow, T0.plusSeconds(2)));
        assertEquals(List.of(), pacing.due(T0.plusSeconds(3)), "no overtaking on the shared budget");
        assertEquals(List.of(wide), pacing.due(T0.plus(ROLLING)));
        assertEquals(List.of(narrow), pacing.due(T0.plus(ROLLING).plusSeconds(1)));
    }

    @Test
    void etasMatchWhenTheRequestsActuallyGo() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        for (int i = 0; i < PacingLimits.ROLLING_MAX; i++) {
            PacedRequest r = bars("C" + i);
            assertSend(pacing.submit(r, T0.plusSeconds(i)));
            pacing.answered(r);
        }
        Instant now = T0.plusSeconds(100);
        List<Queued> admissions = new ArrayList<>();
        List<PacedRequest> waiting = new ArrayList<>();
        // Three for one contract, then an identical repeat of the first, then another contract.
        for (int i = 0; i < 3; i++) {
            waiting.add(barsEnding("X", i));
        }
        waiting.add(again(waiting.get(0)));
        waiting.add(bars("Y"));
        for (PacedRequest r : waiting) {
            admissions.add(assertQueued(pacing.submit(r, now)));
        }
        // Each takes a rolling slot freed at T0 + i s + 10 min; the repeat additionally waits 15 s after X's first.
        assertEquals(List.of(
                new Queued(1, T0.plus(ROLLING)),
                new Queued(2, T0.plus(ROLLING).plusSeconds(1)),
                new Queued(3, T0.plus(ROLLING).plusSeconds(2)),
                new Queued(4, T0.plus(ROLLING).plus(IDENTICAL)),
                new Queued(5, T0.plus(ROLLING).plusSeconds(3))), admissions);

        List<Instant> wentAt = new ArrayList<>(List.of(T0, T0, T0, T0, T0));
        Instant t = now;
        int sent = 0;
        while (sent < waiting.size()) {
            t = pacing.nextDue(t).orElseThrow();
            for (PacedRequest r : pacing.due(t)) {
                wentAt.set(waiting.indexOf(r), t);
                pacing.answered(r);
                sent++;
            }
        }
        assertEquals(admissions.stream().map(Queued::eta).toList(), wentAt);
    }

    // ---- 162

    @Test
    void aRequestRefusedWith162IsRetriedOnceAfterTheDelay() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        PacedRequest r = bars("AAPL");
        assertSend(pacing.submit(r, T0));
        assertTrue(pacing.failedWith162(r, T0.plusSeconds(1)));
        assertEquals(0, pacing.footprint().open());
        Instant retryAt = T0.plusSeconds(1).plus(PacingLimits.RETRY_AFTER_162);
        assertEquals(Optional.of(retryAt), pacing.nextDue(T0.plusSeconds(1)));
        assertEquals(List.of(), pacing.due(retryAt.minus(NANO)));
        assertEquals(List.of(r), pacing.due(retryAt));

        assertFalse(pacing.failedWith162(r, retryAt.plusSeconds(1)), "only one retry");
        assertEquals(new HistoricalPacing.Footprint(1, 1, 1, 2, 0, 0, 0), pacing.footprint());
        assertEquals(Optional.empty(), pacing.nextDue(retryAt.plusSeconds(1)));
    }

    @Test
    void aRetryDoesNotHoldOtherContracts() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        PacedRequest r = bars("AAPL");
        assertSend(pacing.submit(r, T0));
        assertTrue(pacing.failedWith162(r, T0));
        assertSend(pacing.submit(bars("MSFT"), T0.plusSeconds(1)));
    }

    @Test
    void cancelRemovesAQueuedRequestOrFreesAnOpenSlot() {
        HistoricalPacing pacing = new HistoricalPacing(limits(1, 10));
        PacedRequest a = bars("A");
        PacedRequest b = bars("B");
        PacedRequest c = bars("C");
        assertSend(pacing.submit(a, T0));
        assertQueued(pacing.submit(b, T0));
        assertQueued(pacing.submit(c, T0));
        assertTrue(pacing.cancel(b));
        assertTrue(pacing.cancel(a));
        assertFalse(pacing.cancel(a));
        assertEquals(List.of(c), pacing.due(T0.plusSeconds(1)));
    }

    // ---- limits and clock

    @Test
    void limitsDefaultToTwsAndRejectNonsense() {
        assertEquals(new PacingLimits(Duration.ofSeconds(15), Duration.ofSeconds(2), 5, Duration.ofMinutes(10), 60, 50, 1000,
                Duration.ofSeconds(15)), PacingLimits.TWS);
        assertThrows(IllegalArgumentException.class, () -> new PacingLimits(IDENTICAL, SAME_CONTRACT, 1, ROLLING, 60, 50,
                1000, IDENTICAL));
        assertThrows(IllegalArgumentException.class, () -> new PacingLimits(Duration.ZERO, SAME_CONTRACT, 5, ROLLING, 60, 50,
                1000, IDENTICAL));
        assertThrows(IllegalArgumentException.class, () -> new PacingLimits(IDENTICAL, SAME_CONTRACT, 5, ROLLING, 60, 0,
                1000, IDENTICAL));
        assertThrows(IllegalArgumentException.class, () -> new PacingLimits(IDENTICAL, SAME_CONTRACT, 5, ROLLING, 60, 50,
                -1, IDENTICAL));
    }

    @Test
    void timeMustNotGoBackwards() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        pacing.due(T0);
        assertThrows(IllegalArgumentException.class, () -> pacing.due(T0.minus(NANO)));
    }

    // ---- drain and memory

    /** What TWS would check, kept independently of the class under test. */
    private static final class PacingJudge {
        private record Went(Instant at, PacedRequest request) {
        }

        private final List<Went> went = new ArrayList<>();
        private int open;

        void sent(PacedRequest r, Instant at) {
            went.add(new Went(at, r));
            open++;
            int sameContract = 0;
            int rolling = 0;
            for (Went w : went) {
                if (w.request() != r && w.request().identityKey().equals(r.identityKey())) {
                    assertFalse(at.isBefore(w.at().plus(IDENTICAL)), () -> "identical within 15 s: " + r);
                }
                int weight = w.request().bidAsk() ? 2 : 1;
                if (at.isBefore(w.at().plus(SAME_CONTRACT)) && w.request().contractKey().equals(r.contractKey())) {
                    sameContract += weight;
                }
                if (at.isBefore(w.at().plus(ROLLING))) {
                    rolling += weight;
                }
            }
            assertTrue(sameContract <= PacingLimits.SAME_CONTRACT_MAX, () -> "same contract within 2 s at " + at);
            int rollingUnits = rolling;
            assertTrue(rollingUnits <= PacingLimits.ROLLING_MAX, () -> "rolling " + rollingUnits + " at " + at);
            assertTrue(open <= PacingLimits.MAX_OPEN, () -> "open " + open + " at " + at);
        }

        void answered() {
            open--;
        }
    }

    private record Answer(Instant at, PacedRequest request) {
    }

    @Test
    void twoHundredRequestsForDistinctContractsDrainWithoutBreakingARule() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        PacingJudge judge = new PacingJudge();
        Duration answerAfter = Duration.ofSeconds(3); // TWS answers each request 3 s after it goes
        PriorityQueue<Answer> answers = new PriorityQueue<>(Comparator.comparing(Answer::at));
        int total = 200;
        int sent = 0;
        for (int i = 0; i < total; i++) {
            PacedRequest r = bars("C" + i);
            PacingAdmission a = pacing.submit(r, T0);
            if (a instanceof Send) {
                judge.sent(r, T0);
                answers.add(new Answer(T0.plus(answerAfter), r));
                sent++;
            } else {
                assertQueued(a);
            }
        }
        Instant t = T0;
        Instant last = T0;
        while (sent < total) {
            Optional<Instant> next = pacing.nextDue(t);
            Instant answerAt = answers.isEmpty() ? null : answers.peek().at();
            assertTrue(next.isPresent() || answerAt != null, "stuck with requests waiting");
            t = next.isEmpty() || (answerAt != null && answerAt.isBefore(next.get())) ? answerAt : next.get();
            while (!answers.isEmpty() && !answers.peek().at().isAfter(t)) {
                pacing.answered(answers.poll().request());
                judge.answered();
            }
            for (PacedRequest r : pacing.due(t)) {
                judge.sent(r, t);
                answers.add(new Answer(t.plus(answerAfter), r));
                sent++;
                last = t;
            }
        }
        Duration took = Duration.between(T0, last);
        System.out.println("HistoricalPacingTest: " + total + " historical requests to distinct contracts sent in "
                + took + " of virtual time");
        // 60 per 10 minutes: the 181st to 200th wait for the third window to end.
        assertEquals(ROLLING.multipliedBy(3), took);
    }

    @Test
    void memoryStaysBoundedAfterTenThousandRequests() {
        HistoricalPacing pacing = HistoricalPacing.withTwsLimits();
        Instant t = T0;
        int maxEntries = 0;
        for (int i = 0; i < 10_000; i++) {
            // 1.25 units per 13 s on average stays under 60 per 10 min, so the queue drains as it fills.
            t = t.plusSeconds(13);
            // A few contracts and repeated identities, so every rule and window is exercised.
            PacedRequest r = i % 4 == 0 ? bidAsk("C" + (i % 7), i % 3) : barsEnding("C" + (i % 7), i % 5);
            if (pacing.submit(r, t) instanceof Send) {
                pacing.answered(r);
            }
            pacing.due(t).forEach(pacing::answered);
            HistoricalPacing.Footprint f = pacing.footprint();
            assertTrue(f.identities() <= 60 && f.contracts() <= 60 && f.contractSends() <= 60
                    && f.rollingSends() <= PacingLimits.ROLLING_MAX && f.open() <= PacingLimits.MAX_OPEN
                    && f.queued() <= PacingLimits.QUEUE_CAPACITY && f.retried() == 0, f::toString);
            maxEntries = Math.max(maxEntries, f.queued());
        }
        // Let every window pass: nothing is left but what still waits.
        Instant later = t.plus(ROLLING).plus(ROLLING);
        while (pacing.nextDue(later).isPresent()) {
            later = pacing.nextDue(later).get();
            pacing.due(later).forEach(pacing::answered);
        }
        Instant end = later.plus(ROLLING);
        pacing.due(end);
        assertEquals(new HistoricalPacing.Footprint(0, 0, 0, 0, 0, 0, 0), pacing.footprint());
        assertTrue(maxEntries <= PacingLimits.QUEUE_CAPACITY);
    }
}
