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
import java.time.Duration;
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
 * unknown contract, and an invalid request refused before anything is sent.
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
}
