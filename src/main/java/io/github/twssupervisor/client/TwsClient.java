package io.github.twssupervisor.client;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import com.typesafe.config.Config;
import io.github.twssupervisor.account.AccountFacade;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.SocketOptionsReport;
import io.github.twssupervisor.connection.Stages;
import io.github.twssupervisor.dispatch.RawEvent;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.contracts.ContractsFacade;
import io.github.twssupervisor.history.HistoryFacade;
import io.github.twssupervisor.marketdata.MarketDataFacade;
import io.github.twssupervisor.orders.OrdersFacade;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
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
 * client.orders().place(Contract.stock("AAPL"), Order.limit(OrderAction.BUY, 100, 150.00));
 * client.close();
 * }</pre>
 *
 * The {@code CompletionStage}s complete on the actor system's dispatcher, and what is chained to them without an
 * executor runs there: keep such callbacks short and never block in them (chain with an {@code *Async} method and an
 * executor of your own to block).
 */
public final class TwsClient {

    /** Messages to a client: its public protocol (the guardian's own messages are internal). */
    public sealed interface Command extends GuardianMessage permits CurrentTime, AwaitReady, SubscribeEvents,
            UnsubscribeEvents, SubscribeRaw, UnsubscribeRaw, SendRaw, GetSocketOptions, Close, Subscribe, Unsubscribe,
            Request {
    }

    /**
     * Subscribes an actor to a domain's long-lived request (market data: {@code new MarketDataSpec(request)}).
     * Equal specs share one subscription and one line at TWS; the subscription outlives reconnects and marks every
     * gap with Interrupted / Resumed.
     *
     * @param spec       what to subscribe to
     * @param subscriber receives the events; watched, so stopping it unsubscribes
     * @param <E>        the domain's event type
     */
    public record Subscribe<E extends RequestEvent>(SubscriptionSpec<E> spec, ActorRef<E> subscriber)
            implements Command {
    }

    /**
     * @param spec       the request it subscribed to
     * @param subscriber receives nothing more; the last subscriber leaving cancels the request at TWS
     * @param <E>        the domain's event type
     */
    public record Unsubscribe<E extends RequestEvent>(SubscriptionSpec<E> spec, ActorRef<E> subscriber)
            implements Command {
    }

    /**
     * A request -> rows -> End exchange (see {@link OneShotRequest}).
     *
     * @param spec    the request
     * @param timeout how long the complete answer may take
     * @param replyTo the rows, or the failure ({@code TwsRequestException}, {@code ConnectionLostException}, a
     *                timeout)
     * @param <R>     a row of the answer
     */
    public record Request<R>(OneShotSpec<R> spec, Duration timeout, ActorRef<StatusReply<List<R>>> replyTo)
            implements Command {
    }

    /**
     * Asks TWS for its clock (reqCurrentTime, paced like every request).
     *
     * @param replyTo the time, or an error if the request could not be sent or the connection was lost first
     */
    public record CurrentTime(ActorRef<StatusReply<Instant>> replyTo) implements Command {
    }

    /** @param replyTo the current connection's {@link Ready}, now or when next READY; an error once closed */
    public record AwaitReady(ActorRef<StatusReply<Ready>> replyTo) implements Command {
    }

    /** @param subscriber receives the current state at once, then every state change and notice; watched */
    public record SubscribeEvents(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /** @param subscriber to remove */
    public record UnsubscribeEvents(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /** @param subscriber receives every inbound message no domain handles, as text fields; watched */
    public record SubscribeRaw(ActorRef<RawEvent> subscriber) implements Command {
    }

    /** @param subscriber to remove */
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

    /** @param replyTo the socket options of the last socket, as read back from the OS */
    public record GetSocketOptions(ActorRef<Optional<SocketOptionsReport>> replyTo) implements Command {
    }

    /**
     * Closes for good: no reconnect, nothing more sent.
     *
     * @param replyTo told when the socket is gone
     */
    public record Close(ActorRef<Done> replyTo) implements Command {
    }

    private static final AtomicLong INSTANCES = new AtomicLong();
    /** The configuration path of the dispatcher the client's actors run on (see reference.conf). */
    public static final String CLIENT_DISPATCHER = "tws.client-dispatcher";
    private static final int EVENT_BUFFER = 256;

    private final ActorSystem<?> system;
    private final ActorRef<GuardianMessage> guardian;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final AtomicReference<ConnectionState> stateView;
    private final CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisor = new CompletableFuture<>();
    private final boolean ownsSystem;
    private final Facades facades;

    private TwsClient(ActorSystem<?> system, TwsSettings all, boolean ownsSystem, String label) {
        ConnectionSettings settings = all.connection();
        this.system = system;
        this.settings = settings;
        this.ownsSystem = ownsSystem;
        this.metrics = new ConnectionMetrics();
        this.stateView = new AtomicReference<>(ConnectionState.DISCONNECTED);
        this.guardian = system.<GuardianMessage>systemActorOf(ClientGuardian.create(settings, metrics, stateView,
                supervisor, Facades.domains(all), all.log()), "tws-client-" + INSTANCES.incrementAndGet() + label,
                ClientGuardian.dispatcher(system));
        this.facades = Facades.over(new ClientDomainContext(guardian, system, metrics), all);
    }

    /**
     * Starts a connection inside an existing actor system.
     *
     * @param system   the actor system
     * @param settings the settings ({@code settings.connection()} is used)
     * @return the client, already connecting
     */
    public static TwsClient create(ActorSystem<?> system, TwsSettings settings) {
        return new TwsClient(system, settings, false, "");
    }

    /**
     * A client of a {@link TwsClientPool}: its actors' names end with the purpose, so log lines say which one.
     *
     * @param purpose the purpose's name (letters, digits, '-', '_')
     */
    static TwsClient create(ActorSystem<?> system, TwsSettings settings, String purpose) {
        return new TwsClient(system, settings, false, "-" + purpose);
    }

    /**
     * Starts a connection in an actor system of its own, configured from a HOCON file over the defaults; {@link #close()}
     * terminates that system.
     *
     * @param applicationConf usually {@code conf/application.conf}
     * @return the client, already connecting
     * @throws IllegalArgumentException if the file does not exist or does not parse, or a setting in it is unknown
     *                                  (naming the known key most like it), mistyped or out of range
     */
    public static TwsClient create(Path applicationConf) {
        Config config = TwsSettings.loadConfig(applicationConf);
        TwsSettings settings = TwsSettings.from(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tws-client", config);
        return new TwsClient(system, settings, true, "");
    }

    /** @return the actor of this connection, for the {@link Command} protocol */
    public ActorRef<Command> ref() {
        return guardian.narrow();
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
            return Stages.plain(AskPattern.askWithStatus(direct, ConnectionSupervisor.RequestCurrentTime::new,
                    settings.requestTimeout(), system.scheduler()), system.executionContext());
        }
        return Stages.plain(AskPattern.askWithStatus(guardian, CurrentTime::new, settings.requestTimeout(),
                system.scheduler()), system.executionContext());
    }

    /** @return the Ready of the current connection, now or when next READY; fails after {@code request-timeout} */
    public CompletionStage<Ready> ready() {
        return ready(settings.requestTimeout());
    }

    /**
     * @param timeout how long to wait for READY
     * @return the Ready of the current connection, now or when next READY; after the timeout, fails with
     *     {@link NotReadyException} naming why the last attempt failed ({@code CONNECT_REFUSED: ...})
     */
    public CompletionStage<Ready> ready(Duration timeout) {
        String target = settings.host() + ":" + settings.port() + " client id " + settings.clientId();
        return Stages.plain(AskPattern.askWithStatus(guardian, AwaitReady::new, timeout, system.scheduler()),
                        system.executionContext())
                .handle((ready, failure) -> {
                    if (failure != null) {
                        throw NotReadyException.of(failure, timeout, target, metrics.lastFailure());
                    }
                    return ready;
                });
    }

    /** @param subscriber receives the current state, then every state change and notice */
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

    /** @param subscriber receives every inbound message no domain handles */
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
        return Stages.plain(AskPattern.askWithStatus(guardian, replyTo -> new SendRaw(fields, replyTo),
                settings.requestTimeout(), system.scheduler()), system.executionContext());
    }

    /**
     * @return market data: streams, actor subscriptions and snapshots, all surviving reconnects
     */
    public MarketDataFacade marketData() {
        return facades.marketData();
    }

    /** @return orders: place, modify, cancel, reconciled after every lost connection */
    public OrdersFacade orders() {
        return facades.orders();
    }

    /** @return contracts: details and qualification, cached */
    public ContractsFacade contracts() {
        return facades.contracts();
    }

    /** @return historical bars, within TWS's historical-data pacing */
    public HistoryFacade history() {
        return facades.history();
    }

    /** @return positions, account values, account summaries and P&amp;L: live views that survive reconnects */
    public AccountFacade account() {
        return facades.account();
    }

    /** @return the options of the last socket as read back from the OS, if one connected */
    public CompletionStage<Optional<SocketOptionsReport>> socketOptions() {
        return Stages.plain(AskPattern.ask(guardian, GetSocketOptions::new, settings.requestTimeout(),
                system.scheduler()), system.executionContext());
    }

    /**
     * Closes for good: disarms reconnecting, sends nothing more; an actor system created by {@link #create(Path)} is
     * terminated too.
     *
     * @return completes when the socket is gone
     */
    public CompletionStage<Done> close() {
        CompletionStage<Done> closed = Stages.plain(AskPattern.ask(guardian, Close::new, settings.requestTimeout(),
                system.scheduler()), system.executionContext());
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
