package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.subscription.DomainContext;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Market data of one client ({@code client.marketData()}): streams and actor subscriptions that survive reconnects,
 * and snapshots. Safe from any thread.
 *
 * <pre>{@code
 * client.marketData().stream(Contract.stock("AAPL"), MarketDataOptions.defaults())
 *       .runForeach(System.out::println, system);
 * Quote quote = client.marketData().snapshot(Contract.stock("MSFT")).toCompletableFuture().join();
 * }</pre>
 */
public final class MarketDataFacade {

    /** How long {@link #snapshot(Contract)} waits: TWS documents about 11 s for a snapshot to complete. */
    public static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofSeconds(15);
    /** A snapshot's events wait in a buffer this large: a snapshot is a few dozen of them. */
    private static final int SNAPSHOT_BUFFER = 10_000;

    private final DomainContext kernel;
    /** Snapshots are never shared: each carries a number of its own. */
    private final AtomicLong snapshots = new AtomicLong();

    /**
     * @param kernel the client's kernel services
     */
    public MarketDataFacade(DomainContext kernel) {
        this.kernel = kernel;
    }

    /**
     * Market data as a stream that survives reconnects: ticks, with {@code Interrupted} / {@code Resumed} (as
     * {@link MarketDataEvent.Status}) at every gap. A slow consumer gets the options' overflow policy
     * ({@code conflate} by default: the latest value per field); the connection never waits for it.
     *
     * @param contract the contract
     * @param options  generic ticks, data type, overflow policy
     * @return a source that completes after {@code Ended} (a fatal TWS error, the client closed, or
     *     {@link SubscriptionHandle#cancel()}); cancelling it unsubscribes
     */
    public Source<MarketDataEvent, SubscriptionHandle> stream(Contract contract, MarketDataOptions options) {
        requireArguments(contract, options);
        return kernel.stream(new MarketDataSpec(MarketDataRequest.stream(contract, options)), options.overflow());
    }

    /**
     * Subscribes an actor. Equal requests share one subscription and one line at TWS; the subscription outlives
     * reconnects and marks every gap with Interrupted / Resumed.
     *
     * @param contract   the contract
     * @param options    generic ticks and data type (the overflow policy applies to streams only)
     * @param subscriber receives the events; watched, so stopping it unsubscribes
     */
    public void subscribe(Contract contract, MarketDataOptions options, ActorRef<MarketDataEvent> subscriber) {
        requireArguments(contract, options);
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        kernel.subscribe(new MarketDataSpec(MarketDataRequest.stream(contract, options)), subscriber);
    }

    /**
     * @param contract   the contract
     * @param options    the options it subscribed with
     * @param subscriber receives nothing more; the last subscriber leaving sends cancelMktData
     */
    public void unsubscribe(Contract contract, MarketDataOptions options, ActorRef<MarketDataEvent> subscriber) {
        requireArguments(contract, options);
        kernel.unsubscribe(new MarketDataSpec(MarketDataRequest.stream(contract, options)), subscriber);
    }

    /**
     * @param contract the contract
     * @return its quote once TWS signals the snapshot complete; fails after {@link #DEFAULT_SNAPSHOT_TIMEOUT}
     */
    public CompletionStage<Quote> snapshot(Contract contract) {
        return snapshot(contract, DEFAULT_SNAPSHOT_TIMEOUT);
    }

    /**
     * @param contract the contract
     * @param timeout  how long to wait for tickSnapshotEnd
     * @return its quote; fails with the TWS error if the request is refused (e.g. 200 no security definition)
     */
    public CompletionStage<Quote> snapshot(Contract contract, Duration timeout) {
        Objects.requireNonNull(contract, "contract must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        MarketDataSpec spec = new MarketDataSpec(MarketDataRequest.snapshot(contract, snapshots.incrementAndGet()));
        return kernel.stream(spec, new Overflow.Buffer(SNAPSHOT_BUFFER))
                .completionTimeout(timeout)
                .takeWhile(e -> !(e instanceof MarketDataEvent.SnapshotEnd))
                .map(e -> {
                    if (Lifecycle.of(e).orElse(null) instanceof Lifecycle.Ended ended) {
                        throw new IllegalStateException("snapshot of " + contract.displayName() + " ended before it "
                                + "was complete: " + (ended.code() != 0 ? "TWS error " + ended.code() + " " : "")
                                + ended.message());
                    }
                    return e;
                })
                .runFold(Quote.empty(), Quote::with, kernel.system());
    }

    private static void requireArguments(Contract contract, MarketDataOptions options) {
        Objects.requireNonNull(contract, "contract must not be null");
        Objects.requireNonNull(options, "options must not be null (MarketDataOptions.defaults())");
    }
}
