package io.github.twssupervisor.history;

import akka.actor.typed.ActorRef;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.subscription.DomainContext;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import io.github.twssupervisor.subscription.SubscriptionStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Historical data of one client ({@code client.history()}), within TWS's historical-data pacing: a request that would
 * break a rule (TWS-WIRE.md §7) waits until it may go, so TWS never answers with a pacing violation. Safe from any
 * thread.
 *
 * <pre>{@code
 * List<Bar> bars = client.history().bars(HistoricalRequest.upToNow(Contract.stock("AAPL"), "1 D", "1 hour",
 *         "TRADES")).toCompletableFuture().join();
 * Instant first = client.history().headTimestamp(Contract.stock("AAPL"), "TRADES", true).toCompletableFuture().join();
 * client.history().follow(new HistoricalRequest(Contract.stock("AAPL"), "", "1 D", "5 mins", "TRADES", false, 1, true))
 *         .runForeach(System.out::println, system);   // Bars, End, Update ..., Status(Interrupted) ... Status(Resumed)
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
     * @param request the bars wanted (not keepUpToDate: see {@link #follow})
     * @return the bars, oldest first, once TWS sent them all; fails with {@code TwsRequestException} (e.g. 200 no
     *     such contract, 162 twice), a timeout once sent, or a lost connection
     */
    public CompletionStage<List<Bar>> bars(HistoricalRequest request) {
        return bars(request, kernel.system().ignoreRef());
    }

    /**
     * The same, telling {@code progress} where the request is: {@link HistoricalProgress.Queued} (its place in the
     * pacing queue and when it should go, again whenever that changes), {@link HistoricalProgress.Sent}, and after an
     * error 162 {@link HistoricalProgress.Retrying} then {@code Sent(2)}.
     *
     * @param request  the bars wanted (not keepUpToDate)
     * @param progress hears the request's progress
     * @return the bars, as {@link #bars(HistoricalRequest)}
     */
    public CompletionStage<List<Bar>> bars(HistoricalRequest request, ActorRef<HistoricalProgress> progress) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
        if (request.keepUpToDate()) {
            throw new IllegalArgumentException("keepUpToDate requests are series: use follow(request)");
        }
        return kernel.ask(RESIDENT, replyTo -> new HistoricalPacer.Fetch(request, replyTo, progress), ASK_TIMEOUT);
    }

    /**
     * reqHeadTimestamp, paced like a historical request (IB counts it as one).
     *
     * @param contract   the instrument
     * @param whatToShow one of {@link HistoricalRequest#WHAT_TO_SHOW}
     * @param useRth     only regular trading hours
     * @return the time of the earliest data point TWS has; fails as {@link #bars(HistoricalRequest)} does
     * @throws IllegalArgumentException for a kind of data TWS does not know, before anything is sent
     */
    public CompletionStage<Instant> headTimestamp(Contract contract, String whatToShow, boolean useRth) {
        HeadTimestampRequest request = new HeadTimestampRequest(contract, whatToShow, useRth);
        return kernel.ask(RESIDENT, replyTo -> new HistoricalPacer.FetchHead(request, replyTo), ASK_TIMEOUT);
    }

    /**
     * A keepUpToDate series that survives reconnects, with the conflate policy (see
     * {@link #follow(HistoricalRequest, Overflow)}).
     *
     * @param request a request with keepUpToDate
     * @return the series' events
     */
    public Source<HistoricalDataEvent, SubscriptionHandle> follow(HistoricalRequest request) {
        return follow(request, new Overflow.Conflate());
    }

    /**
     * A keepUpToDate series that survives reconnects. What the stream carries, in order:
     *
     * <ul>
     * <li>{@link HistoricalDataEvent.Bars} once: the initial bars, oldest first, the last one still forming; then
     *     {@link HistoricalDataEvent.End};</li>
     * <li>{@link HistoricalDataEvent.Update}s: an update with the time of the last bar replaces it, a later one is the
     *     next bar (and the one before is complete);</li>
     * <li>on a lost connection (or TWS's 1100 / 1101) {@code Status(Interrupted)}; once READY again, the series asks
     *     TWS for the time it missed (through the pacer: a re-issue never trips TWS's pacing) and delivers the bars
     *     of the gap as Updates by the same rule (the bar that was forming is replaced, no bar twice, none missing),
     *     then {@code Status(Resumed)};</li>
     * <li>{@code Status(Ended)} last: a fatal TWS error (e.g. 200; 162 after the one retry), {@code close()}, or
     *     {@link SubscriptionHandle#cancel()}.</li>
     * </ul>
     *
     * A consumer keeps the whole series by one rule: append Bars; an Update replaces the last bar if the times are
     * equal, else it is appended. Each call is its own request at TWS (a live keepUpToDate request holds one of TWS's
     * 50 open historical slots).
     *
     * @param request  a request with keepUpToDate (endDateTime "" and TRADES, MIDPOINT, BID or ASK)
     * @param overflow a slow consumer's policy: {@code Conflate} keeps the latest update of each bar time
     * @return the series' events; cancelling the stream cancels the request at TWS
     */
    public Source<HistoricalDataEvent, SubscriptionHandle> follow(HistoricalRequest request, Overflow overflow) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(overflow, "overflow must not be null");
        if (!request.keepUpToDate()) {
            throw new IllegalArgumentException("follow needs a keepUpToDate request; use bars(request) for the others");
        }
        return SubscriptionStreams.source(new KeepUpToDateSpec(request), overflow,
                source -> kernel.tell(RESIDENT, new HistoricalPacer.Follow(request, source)));
    }
}
