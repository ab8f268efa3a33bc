package io.github.twssupervisor.client;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import com.typesafe.config.Config;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.SocketOptionsReport;
import io.github.twssupervisor.contract.Contract;
import io.github.twssupervisor.dispatch.RawEvent;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataHandle;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.marketdata.MarketDataRequest;
import io.github.twssupervisor.marketdata.MarketDataStreams;
import io.github.twssupervisor.marketdata.Quote;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One supervised connection to TWS / IB Gateway: the public API. It connects at once and keeps reconnecting until
 * {@link #close()}.
 *
 * <p>Actor users talk to {@link #ref()} with the {@link Command} protocol; plain Java users call the
 * {@link CompletionStage} and {@link Source} helpers, which wrap the same messages.
 *
 * <pre>{@code
 * TwsClient client = TwsClient.create(system, TwsSettings.from(config));
 * client.ready().thenAccept(r -> System.out.println("accounts " + r.accounts()));
 * client.currentTime().thenAccept(System.out::println);
 * client.events().runForeach(System.out::println, system);
 * client.close();
 * }</pre>
 */
public final class TwsClient {

    /** Messages to a client. */
    public sealed interface Command permits CurrentTime, AwaitReady, SubscribeEvents, UnsubscribeEvents, SubscribeRaw,
            UnsubscribeRaw, SendRaw, GetSocketOptions, Close, SubscribeMarketData, UnsubscribeMarketData,
            ClientGuardian.RawOutcome, ClientGuardian.LifecycleReport, ClientGuardian.SubscriptionStopped,
            ClientGuardian.SubscribeStream {
    }

    /**
     * Subscribes an actor to market data. Equal requests share one subscription and one line at TWS; the
     * subscription outlives reconnects and marks every gap with Interrupted / Resumed.
     *
     * @param request    what to subscribe to ({@link MarketDataRequest#stream})
     * @param subscriber receives the events; watched, so stopping it unsubscribes
     */
    public record SubscribeMarketData(MarketDataRequest request, ActorRef<MarketDataEvent> subscriber)
            implements Command {
    }

    /**
     * @param request    the request it subscribed to
     * @param subscriber receives nothing more; the last subscriber leaving cancels the request at TWS
     */
    public record UnsubscribeMarketData(MarketDataRequest request, ActorRef<MarketDataEvent> subscriber)
            implements Command {
    }

    /**
     * Asks TWS for its clock (reqCurrentTime, paced like every request).
     *
     * @param replyTo the time, or an error if the request could not be sent or the connection was lost first
     */
    public record CurrentTime(ActorRef<StatusReply<Instant>> replyTo) implements Command {
    }

    /**
     * @param replyTo the current connection's {@link Ready}, now or when next READY; an error once closed
     */
    public record AwaitReady(ActorRef<StatusReply<Ready>> replyTo) implements Command {
    }

    /**
     * @param subscriber receives the current state at once, then every state change and notice; watched
     */
    public record SubscribeEvents(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /**
     * @param subscriber to remove
     */
    public record UnsubscribeEvents(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /**
     * @param subscriber receives every inbound message no domain handles, as text fields; watched
     */
    public record SubscribeRaw(ActorRef<RawEvent> subscriber) implements Command {
    }

    /**
     * @param subscriber to remove
     */
    public record UnsubscribeRaw(ActorRef<RawEvent> subscriber) implements Command {
    }

    /**
     * Sends a message the library does not model, through the pacer.
     *
     * @param fields  the fields, message id first; printable ASCII
     * @param replyTo acknowledged when handed to the socket, or an error
     */
    public record SendRaw(List<String> fields, ActorRef<StatusReply<Done>> replyTo) implements Command {
        /** Validates and copies. */
        public SendRaw {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a raw message needs at least its message id");
            }
        }
    }

    /**
     * @param replyTo the socket options of the last socket, as read back from the OS
     */
    public record GetSocketOptions(ActorRef<Optional<SocketOptionsReport>> replyTo) implements Command {
    }

    /**
     * Closes for good: no reconnect, nothing more sent.
     *
     * @param replyTo told when the socket is gone
     */
    public record Close(ActorRef<Done> replyTo) implements Command {
    }

    /** How long {@link #snapshot(Contract)} waits: TWS documents about 11 s for a snapshot to complete. */
    public static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofSeconds(15);

    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(TwsClient.class);
    /** The configuration path of the dispatcher the client's actors run on (see reference.conf). */
    public static final String CLIENT_DISPATCHER = "tws.client-dispatcher";
    private final AtomicLong snapshots = new AtomicLong();
    private static final int EVENT_BUFFER = 256;

    private final ActorSystem<?> system;
    private final ActorRef<Command> guardian;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final AtomicReference<ConnectionState> stateView;
    private final CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisor = new CompletableFuture<>();
    private final boolean ownsSystem;

    private TwsClient(ActorSystem<?> system, ConnectionSettings settings, boolean ownsSystem) {
        this.system = system;
        this.settings = settings;
        this.ownsSystem = ownsSystem;
        this.metrics = new ConnectionMetrics();
        this.stateView = new AtomicReference<>(ConnectionState.DISCONNECTED);
        this.guardian = system.systemActorOf(ClientGuardian.create(settings, metrics, stateView, supervisor),
                "tws-client-" + INSTANCES.incrementAndGet(), clientDispatcher(system));
    }

    /**
     * @return the dispatcher of {@link #CLIENT_DISPATCHER}, or the default one if the system's configuration sets it
     *     to null
     */
    private static Props clientDispatcher(ActorSystem<?> system) {
        if (system.settings().config().hasPath(CLIENT_DISPATCHER)) {
            return DispatcherSelector.fromConfig(CLIENT_DISPATCHER);
        }
        LOG.info("No {} in the actor system's configuration: the client's actors run on the default dispatcher",
                CLIENT_DISPATCHER);
        return DispatcherSelector.defaultDispatcher();
    }

    /**
     * Starts a connection inside an existing actor system.
     *
     * @param system   the actor system
     * @param settings the settings ({@code settings.connection()} is used)
     * @return the client, already connecting
     */
    public static TwsClient create(ActorSystem<?> system, TwsSettings settings) {
        return new TwsClient(system, settings.connection(), false);
    }

    /**
     * Starts a connection in an actor system of its own, configured from a HOCON file over the defaults; {@link #close()}
     * terminates that system.
     *
     * @param applicationConf usually {@code conf/application.conf}; ignored if absent
     * @return the client, already connecting
     */
    public static TwsClient create(Path applicationConf) {
        Config config = TwsSettings.loadConfig(applicationConf);
        TwsSettings settings = TwsSettings.from(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tws-client", config);
        return new TwsClient(system, settings.connection(), true);
    }

    /** @return the actor of this connection, for the {@link Command} protocol */
    public ActorRef<Command> ref() {
        return guardian;
    }

    /** @return the state right now, as last published by the connection supervisor */
    public ConnectionState state() {
        return stateView.get();
    }

    /** @return counters: messages in and out, reconnects, time connected */
    public ConnectionMetrics metrics() {
        return metrics;
    }

    /**
     * @return TWS's clock, through a paced reqCurrentTime; fails after {@code request-timeout}
     */
    public CompletionStage<Instant> currentTime() {
        ActorRef<ConnectionSupervisor.Command> direct = supervisor.getNow(null);
        if (direct != null) {
            // Straight to the supervisor: one thread hand-off less on a latency-sensitive round trip.
            return AskPattern.askWithStatus(direct, ConnectionSupervisor.RequestCurrentTime::new,
                    settings.requestTimeout(), system.scheduler());
        }
        return AskPattern.askWithStatus(guardian, CurrentTime::new, settings.requestTimeout(), system.scheduler());
    }

    /** @return the Ready of the current connection, now or when next READY; fails after {@code request-timeout} */
    public CompletionStage<Ready> ready() {
        return ready(settings.requestTimeout());
    }

    /**
     * @param timeout how long to wait for READY
     * @return the Ready of the current connection, now or when next READY
     */
    public CompletionStage<Ready> ready(Duration timeout) {
        return AskPattern.askWithStatus(guardian, AwaitReady::new, timeout, system.scheduler());
    }

    /**
     * @param subscriber receives the current state, then every state change and notice
     */
    public void subscribe(ActorRef<ConnectionEvent> subscriber) {
        guardian.tell(new SubscribeEvents(subscriber));
    }

    /**
     * Connection events as a stream: the current state first, then every change. A consumer that falls more than 256
     * events behind loses the oldest ones rather than holding up the connection.
     *
     * @return a source; cancelling it unsubscribes
     */
    public Source<ConnectionEvent, NotUsed> events() {
        return ActorSource.<ConnectionEvent>actorRef(e -> false, e -> Optional.empty(), EVENT_BUFFER,
                        OverflowStrategy.dropHead())
                .mapMaterializedValue(ref -> {
                    subscribe(ref);
                    return NotUsed.getInstance();
                });
    }

    /**
     * @param subscriber receives every inbound message no domain handles
     */
    public void subscribeRaw(ActorRef<RawEvent> subscriber) {
        guardian.tell(new SubscribeRaw(subscriber));
    }

    /**
     * Raw inbound messages as a stream; a consumer more than 1024 messages behind loses the oldest.
     *
     * @return a source; cancelling it unsubscribes
     */
    public Source<RawEvent, NotUsed> rawEvents() {
        return ActorSource.<RawEvent>actorRef(e -> false, e -> Optional.empty(), 4 * EVENT_BUFFER,
                        OverflowStrategy.dropHead())
                .mapMaterializedValue(ref -> {
                    subscribeRaw(ref);
                    return NotUsed.getInstance();
                });
    }

    /**
     * Sends a message the library does not model, through the pacer.
     *
     * @param fields the fields, message id first; printable ASCII only
     * @return completes when handed to the socket; fails if rejected (invalid, queue full, closed)
     */
    public CompletionStage<Done> sendRaw(List<String> fields) {
        if (fields == null || fields.isEmpty() || fields.stream().anyMatch(Objects::isNull)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "a raw message needs at least its message id, and no null field"));
        }
        return AskPattern.askWithStatus(guardian, replyTo -> new SendRaw(fields, replyTo), settings.requestTimeout(),
                system.scheduler());
    }

    /**
     * Subscribes an actor to market data (see {@link SubscribeMarketData}).
     *
     * @param contract   the contract
     * @param options    generic ticks and data type (the overflow policy applies to streams only)
     * @param subscriber receives the events
     */
    public void subscribe(Contract contract, MarketDataOptions options, ActorRef<MarketDataEvent> subscriber) {
        requireArguments(contract, options);
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        guardian.tell(new SubscribeMarketData(MarketDataRequest.stream(contract, options), subscriber));
    }

    /**
     * @param contract   the contract
     * @param options    the options it subscribed with
     * @param subscriber receives nothing more
     */
    public void unsubscribe(Contract contract, MarketDataOptions options, ActorRef<MarketDataEvent> subscriber) {
        guardian.tell(new UnsubscribeMarketData(MarketDataRequest.stream(contract, options), subscriber));
    }

    /**
     * Market data as a stream that survives reconnects: ticks, with {@code Interrupted} / {@code Resumed} at every
     * gap. A slow consumer gets the options' overflow policy ({@code conflate} by default: the latest value per field);
     * the connection never waits for it.
     *
     * @param contract the contract
     * @param options  generic ticks, data type, overflow policy
     * @return a source that completes after {@code Ended} (a fatal TWS error, the client closed, or
     *     {@link MarketDataHandle#cancel()}); cancelling it unsubscribes
     */
    public Source<MarketDataEvent, MarketDataHandle> marketData(Contract contract, MarketDataOptions options) {
        requireArguments(contract, options);
        MarketDataRequest request = MarketDataRequest.stream(contract, options);
        return MarketDataStreams.source(contract.displayName(), options.overflow(),
                ref -> guardian.tell(new ClientGuardian.SubscribeStream(request, ref)));
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
        MarketDataRequest request = MarketDataRequest.snapshot(contract, snapshots.incrementAndGet());
        return MarketDataStreams.source(contract.displayName(), new MarketDataOptions.Overflow.Buffer(10_000),
                        ref -> guardian.tell(new ClientGuardian.SubscribeStream(request, ref)))
                .completionTimeout(timeout)
                .takeWhile(e -> !(e instanceof MarketDataEvent.SnapshotEnd))
                .map(e -> {
                    if (e instanceof MarketDataEvent.Ended ended) {
                        throw new IllegalStateException("snapshot of " + contract.displayName() + " ended before it "
                                + "was complete: " + (ended.code() != 0 ? "TWS error " + ended.code() + " " : "")
                                + ended.message());
                    }
                    return e;
                })
                .runFold(Quote.empty(), Quote::with, system);
    }

    private static void requireArguments(Contract contract, MarketDataOptions options) {
        Objects.requireNonNull(contract, "contract must not be null");
        Objects.requireNonNull(options, "options must not be null (MarketDataOptions.defaults())");
    }

    /** @return the options of the last socket as read back from the OS, if one connected */
    public CompletionStage<Optional<SocketOptionsReport>> socketOptions() {
        return AskPattern.ask(guardian, GetSocketOptions::new, settings.requestTimeout(), system.scheduler());
    }

    /**
     * Closes for good: disarms reconnecting, sends nothing more; an actor system created by {@link #create(Path)} is
     * terminated too.
     *
     * @return completes when the socket is gone
     */
    public CompletionStage<Done> close() {
        CompletionStage<Done> closed = AskPattern.ask(guardian, Close::new, settings.requestTimeout(),
                system.scheduler());
        if (!ownsSystem) {
            return closed;
        }
        return closed.thenCompose(done -> {
            system.terminate();
            return system.getWhenTerminated().thenApply(t -> Done.getInstance());
        });
    }

    /** @return the actor system this client runs in */
    public ActorSystem<?> system() {
        return system;
    }
}
