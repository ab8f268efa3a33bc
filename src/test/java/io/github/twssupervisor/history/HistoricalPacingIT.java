package io.github.twssupervisor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.HistoricalPacingRules;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 historical requests issued at once all complete, with no error 162 from the simulator (which enforces TWS's
 * rules as TWS does), in a time the pacing rules bound from below and above.
 *
 * <p><b>Scaled windows.</b> With TWS's real rolling rule (60 requests in any 10 minutes) 200 requests take over 30
 * minutes of waiting, far too long for the suite. The rules are settings on both sides ({@code tws.history.pacing}
 * for the client's pacer, {@code tws.simulator.historical-pacing} for the simulator's guard), so this test scales the
 * rolling window down from 10 minutes to 10 seconds (1/60) on both, keeping 60 requests per window. The client's
 * margin on that window is not scaled: it must cover the time a burst of 60 admitted requests spends in the message
 * pacer, which the window's scale does not change, since the historical pacer counts a request from when it admits
 * it and TWS from when it arrives. The default margin (5 s on 10 minutes) covers it; here the client's window is
 * 13 s (at 45 messages/s, 10.5 s let the simulator count 24 violations; and before the pacer stopped computing an
 * eta that nobody asked for, its work delayed the sends by seconds, and even 12 s saw 34).
 *
 * <p><b>The message rate.</b> The client's message pacer runs at 30 messages/s here instead of 45: a burst of 50
 * requests at 45/s, bunched by scheduling jitter on a loaded 2-core machine, once arrived at the simulator as 51
 * within one second, which TWS (and the simulator) answers with error 100 and drops: a one-shot request it dropped
 * waits for its timeout. That is the connection pacer's concern, not historical pacing's; a burst of 60 then spends
 * 2 s in the message pacer, which the 3 s margin covers. The identical-request (15 s)
 * and same-contract (5 in 2 s) rules keep TWS's values: they are already seconds, and with 200 distinct requests
 * over 12 contract keys (3 stocks x 4 kinds of data) neither binds before the rolling rule does (60 per window is 5
 * per key, sent in one burst, and the key's next 5 come a window later).
 *
 * <p><b>The bounds.</b> The simulator admits at most 60 in any 10 s, so the 200th request cannot be admitted before
 * {@code floor(199 / 60) = 3} full windows have passed since the first: at least 30 s. The client waits its own,
 * longer window (13 s), and each burst of 60 leaves through the message pacer (2 s per burst); the upper bound
 * allows for those plus a loaded machine: {@code 3 x 13 s + 4 x 2.5 s + 20 s}.
 */
@ExtendWith(LogCapturing.class)
class HistoricalPacingIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(HistoricalPacingIT.class);
    private static final int REQUESTS = 200;
    private static final Duration SIMULATOR_WINDOW = Duration.ofSeconds(10);
    private static final Duration CLIENT_WINDOW = SIMULATOR_WINDOW.plusSeconds(3);
    private static final int MESSAGES_PER_SECOND = 30;
    private static final int PER_WINDOW = HistoricalPacingRules.TWS.rollingMax();
    private static final List<String> KINDS = List.of("TRADES", "MIDPOINT", "BID", "ASK");
    private static final List<String> STOCKS = List.of("AAPL", "MSFT", "SPY");

    @Test
    void twoHundredRequestsAtOnceCompleteWithoutAViolationWithinThePacingBounds() {
        HistoricalPacingRules twsRules = HistoricalPacingRules.TWS;
        HistoricalPacingRules simulatorRules = new HistoricalPacingRules(twsRules.identicalRequestWindow(),
                twsRules.sameContractWindow(), twsRules.sameContractMax(), SIMULATOR_WINDOW, PER_WINDOW);
        TwsSimulator simulator = LOOPBACK.simulator(Loopback.DEFAULTS.simulator().withAddress("127.0.0.1", 0)
                .withHistoricalPacing(simulatorRules));
        TwsSettings defaults = Loopback.DEFAULTS;
        HistoricalPacingRules clientRules = new HistoricalPacingRules(defaults.history().pacing()
                .identicalRequestWindow(), defaults.history().pacing().sameContractWindow(),
                twsRules.sameContractMax(), CLIENT_WINDOW, PER_WINDOW);
        ConnectionSettings connection = Loopback.settings(simulator.address().getPort(), 71);
        connection = connection.withPacing(new ConnectionSettings.Pacing(MESSAGES_PER_SECOND,
                connection.pacing().queueSize()), connection.disconnectedBehavior());
        TwsClient client = LOOPBACK.client(defaults.withConnection(connection).withHistory(defaults.history()
                .withPacing(clientRules, defaults.history().retryAfter162())));
        client.ready(Duration.ofSeconds(30)).toCompletableFuture().join();

        List<HistoricalRequest> requests = new ArrayList<>();
        for (int days = 1; requests.size() < REQUESTS; days++) {
            for (String stock : STOCKS) {
                for (String kind : KINDS) {
                    if (requests.size() < REQUESTS) {
                        requests.add(HistoricalRequest.upToNow(Contract.stock(stock), days + " D", "1 hour", kind));
                    }
                }
            }
        }
        long start = System.nanoTime();
        List<CompletableFuture<List<Bar>>> answers = requests.stream()
                .map(r -> client.history().bars(r).toCompletableFuture()).toList();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        for (int i = 0; i < REQUESTS; i++) {
            int days = Integer.parseInt(requests.get(i).duration().split(" ")[0]);
            assertEquals(days * 24, answers.get(i).join().size(), requests.get(i).describe());
        }
        long violations = simulator.stats().toCompletableFuture().join().historicalPacingViolations();
        long fullWindows = (REQUESTS - 1) / PER_WINDOW;
        Duration lower = SIMULATOR_WINDOW.multipliedBy(fullWindows);
        Duration upper = CLIENT_WINDOW.multipliedBy(fullWindows).plus(Duration.ofMillis(2500).multipliedBy(
                fullWindows + 1)).plusSeconds(20);
        System.out.printf("HistoricalPacingIT: %d historical requests issued at once completed in %.1f s "
                        + "(bounds from the pacing rules: >= %d s, <= %d s; %d per %d s window); error 162 at the "
                        + "simulator: %d%n", REQUESTS, took.toMillis() / 1000.0, lower.toSeconds(), upper.toSeconds(),
                PER_WINDOW, SIMULATOR_WINDOW.toSeconds(), violations);
        assertEquals(0, violations, "error 162 at the simulator");
        assertTrue(took.compareTo(lower) >= 0, "faster than the rules allow: " + took);
        assertTrue(took.compareTo(upper) <= 0, "slower than the rules explain: " + took);
    }
}
