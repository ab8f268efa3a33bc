package io.github.twssupervisor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.testutil.Loopback;
import io.github.twssupervisor.wire.TwsErrorCode;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client.history() against the simulator: bars oldest first, an identical request held back by the pacer until TWS's
 * 15-second rule allows it (the simulator, which enforces TWS's rules, counts no violation), a typed TWS error for an
 * unknown contract, and an invalid request refused before anything is sent; the head timestamp; a keepUpToDate series
 * across an outage (the simulator refuses connections for a while): Interrupted, then the missed bars and Resumed,
 * with no bar twice and none missing.
 */
class HistoryIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(HistoryIT.class);
    private static final Duration AWAIT = Duration.ofSeconds(40);
    private static final Contract AAPL = Contract.stock("AAPL");

    private record Fixture(TwsSimulator simulator, TwsClient client) {
    }

    private Fixture ready(int clientId) {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), clientId));
        join(client.ready(AWAIT));
        return new Fixture(simulator, client);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(AWAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Test
    void barsComeOldestFirstWithTheirValues() {
        Fixture f = ready(61);
        List<Bar> bars = join(f.client().history().bars(HistoricalRequest.upToNow(AAPL, "1 D", "1 hour", "TRADES")));
        assertEquals(24, bars.size(), bars.toString());
        for (Bar bar : bars) {
            assertTrue(bar.low() <= Math.min(bar.open(), bar.close()) && bar.high() >= Math.max(bar.open(),
                    bar.close()), bar.toString());
        }
        assertTrue(bars.get(0).time().compareTo(bars.get(bars.size() - 1).time()) < 0, bars.toString());
    }

    @Test
    void anIdenticalRequestWaitsForTwsFifteenSecondRuleAndTriggersNoPacingViolation() {
        Fixture f = ready(62);
        HistoricalRequest request = HistoricalRequest.upToNow(AAPL, "2 D", "1 hour", "MIDPOINT");
        CompletableFuture<List<Bar>> first = f.client().history().bars(request).toCompletableFuture();
        CompletableFuture<List<Bar>> second = f.client().history().bars(request).toCompletableFuture();
        assertEquals(48, join(first).size());
        assertEquals(48, join(second).size());
        assertEquals(0, join(f.simulator().stats()).historicalPacingViolations(), "error 162 at the simulator");
    }

    @Test
    void anUnknownContractIsATwsErrorAndAnInvalidRequestIsRefusedBeforeSending() {
        Fixture f = ready(63);
        CompletionException unknown = assertThrows(CompletionException.class, () -> join(f.client().history()
                .bars(HistoricalRequest.upToNow(Contract.stock("ZZZZ"), "1 D", "1 hour", "TRADES"))));
        assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION,
                assertInstanceOf(TwsRequestException.class, unknown.getCause()).code());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> HistoricalRequest.upToNow(AAPL, "1 D", "7 mins", "TRADES"));
        assertTrue(invalid.getMessage().contains("5 mins"), invalid.getMessage()); // names the allowed values
    }

    @Test
    void theHeadTimestampIsTheEarliestDataPointAndAnUnknownContractIsATwsError() {
        Fixture f = ready(64);
        assertEquals(Instant.parse("1982-06-27T14:30:00Z"), join(f.client().history().headTimestamp(AAPL, "TRADES",
                true)), "the simulator's fixed head timestamp of AAPL");
        CompletionException unknown = assertThrows(CompletionException.class, () -> join(f.client().history()
                .headTimestamp(Contract.stock("ZZZZ"), "TRADES", true)));
        assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION,
                assertInstanceOf(TwsRequestException.class, unknown.getCause()).code());
        assertThrows(IllegalArgumentException.class, () -> f.client().history().headTimestamp(AAPL, "LAST", true));
    }

    @Test
    void aFollowedSeriesSurvivesAnOutageWithNoBarTwiceAndNoneMissing() {
        Fixture f = ready(65);
        HistoricalRequest keep = new HistoricalRequest(AAPL, "", "60 S", "5 secs", "TRADES", false, 2, true);
        TestProbe<HistoricalDataEvent> events = LOOPBACK.kit().createTestProbe();
        SubscriptionHandle handle = f.client().history().follow(keep)
                .toMat(Sink.foreach(events.ref()::tell), Keep.left()).run(LOOPBACK.kit().system());
        List<Bar> kept = new ArrayList<>();
        HistoricalDataEvent.Bars first = assertInstanceOf(HistoricalDataEvent.Bars.class, events.receiveMessage(AWAIT));
        assertEquals(12, first.bars().size(), "60 s of 5-second bars");
        kept.addAll(first.bars());
        assertInstanceOf(HistoricalDataEvent.End.class, events.receiveMessage(AWAIT));

        assertEquals(1, join(f.simulator().refuse(Duration.ofSeconds(12)))); // TWS away for more than two bars
        int interrupted = 0;
        int updates = 0;
        while (true) {
            HistoricalDataEvent e = events.receiveMessage(AWAIT);
            if (e instanceof HistoricalDataEvent.Update u) {
                updates++;
                Bar last = kept.get(kept.size() - 1);
                if (last.time().equals(u.bar().time())) {
                    kept.set(kept.size() - 1, u.bar());
                } else {
                    kept.add(u.bar());
                }
                continue;
            }
            Lifecycle signal = Lifecycle.of(e).orElseThrow(() -> new AssertionError("unexpected " + e));
            if (signal instanceof Lifecycle.Interrupted) {
                interrupted++;
                continue;
            }
            assertInstanceOf(Lifecycle.Resumed.class, signal, e.toString());
            break;
        }
        assertEquals(1, interrupted, "one Interrupted for the outage");
        assertTrue(updates >= 2, "the missed bars came as updates: " + updates);
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(Long.parseLong(kept.get(i - 1).time()) + 5, Long.parseLong(kept.get(i).time()),
                    "bar " + i + " follows bar " + (i - 1) + " by one bar, no duplicate, none missing: " + kept);
        }
        assertTrue(kept.size() >= 12 + 2, "the series went on across the outage: " + kept.size() + " bars");
        handle.cancel();
        assertEquals(0, join(f.simulator().stats()).historicalPacingViolations(), "error 162 at the simulator");
    }
}
