package io.github.twssupervisor.history;

import io.github.twssupervisor.subscription.DomainContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Historical bars of one client ({@code client.history()}), within TWS's historical-data pacing: a request that would
 * break a rule (TWS-WIRE.md §7) waits until it may go, so TWS never answers with a pacing violation. Safe from any
 * thread.
 *
 * <pre>{@code
 * List<Bar> bars = client.history().bars(HistoricalRequest.upToNow(Contract.stock("AAPL"), "1 D", "1 hour",
 *         "TRADES")).toCompletableFuture().join();
 * }</pre>
 */
public final class HistoryFacade {

    /** The pacer's name among the client's residents. */
    static final String RESIDENT = "history";
    /** How long a caller waits at most; a request may wait a long time for TWS's 60-per-10-minutes rule. */
    private static final Duration ASK_TIMEOUT = Duration.ofHours(1);

    private final DomainContext kernel;

    /** @param kernel the client's kernel services */
    public HistoryFacade(DomainContext kernel) {
        this.kernel = kernel;
    }

    /**
     * @param request the bars wanted (not keepUpToDate: that is a subscription, not built yet)
     * @return the bars, oldest first, once TWS sent them all; fails with {@code TwsRequestException} (e.g. 200 no
     *     such contract, 162 twice), a timeout once sent, or a lost connection
     */
    public CompletionStage<List<Bar>> bars(HistoricalRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        if (request.keepUpToDate()) {
            throw new IllegalArgumentException("keepUpToDate requests are subscriptions, not one-shot bars");
        }
        return kernel.ask(RESIDENT, replyTo -> new HistoricalPacer.Fetch(request, replyTo), ASK_TIMEOUT);
    }
}
