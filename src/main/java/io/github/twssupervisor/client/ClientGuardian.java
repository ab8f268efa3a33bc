package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.connection.TwsProtocol;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.FrameDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.ManagedSubscription;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.Resident;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionLimits;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.FieldWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The guardian of one logical connection: it assembles the Dispatcher, the Pacer and the ConnectionSupervisor and routes
 * {@link TwsClient.Command}s to them; it spawns one {@link ManagedSubscription} per distinct subscription spec and one
 * {@link OneShotRequest} per one-shot request, and builds its router from the client's list of {@link Domain}s, so it
 * names no domain. Its children are supervised with {@code resume}: their state is the connection itself (the socket,
 * the queued requests, the routes), so an unexpected exception drops only the message that caused it, which Akka logs
 * at ERROR, and never the connection.
 */
final class ClientGuardian extends AbstractBehavior<GuardianMessage> {

    // The generic messages' classes, typed with their wildcards: raw types would erase the whole receive chain.
    private static final Class<TwsClient.Subscribe<?>> SUBSCRIBE = generic(TwsClient.Subscribe.class);
    private static final Class<TwsClient.Unsubscribe<?>> UNSUBSCRIBE = generic(TwsClient.Unsubscribe.class);
    private static final Class<TwsClient.Request<?>> REQUEST = generic(TwsClient.Request.class);
    private static final Class<GuardianMessage.SubscribeStream<?>> SUBSCRIBE_STREAM =
            generic(GuardianMessage.SubscribeStream.class);

    private final ActorRef<Dispatcher.Command> dispatcher;
    private final ActorRef<Pacer.Command> pacer;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final ActorRef<OutboundRequest.Outcome> rawOutcomes;
    private final Map<Long, ActorRef<StatusReply<akka.Done>>> rawWaiters = new HashMap<>();
    private final Map<SubscriptionSpec<?>, ActorRef<ManagedSubscription.Command>> subscriptions = new HashMap<>();
    private final SubscriptionPorts ports;
    private final Map<String, ActorRef<RequestEvent>> residents = new HashMap<>();
    private long nextRawId;
    private long subscriptionCounter;
    private long requestCounter;

    private ClientGuardian(ActorContext<GuardianMessage> context, ConnectionSettings settings,
                           ConnectionMetrics metrics, AtomicReference<ConnectionState> stateView,
                           CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisorView,
                           List<Domain> domains, LogSettings log) {
        super(context);
        this.dispatcher = context.spawn(Behaviors.supervise(Dispatcher.create(metrics))
                .onFailure(SupervisorStrategy.resume()), "dispatcher", DispatcherSelector.sameAsParent());
        FrameDecoder decoder = new FrameDecoder(new InboundRouter(domains.stream()
                .flatMap(d -> d.decoders().stream()).toList()), dispatcher, metrics);
        this.pacer = context.spawn(Behaviors.supervise(Pacer.create(settings, metrics, TwsProtocol.INSTANCE))
                .onFailure(SupervisorStrategy.resume()), "pacer", DispatcherSelector.sameAsParent());
        this.supervisor = context.spawn(Behaviors.supervise(
                        ConnectionSupervisor.create(settings, pacer, (epoch, clientId, connection) ->
                                SocketActor.create(epoch, clientId, settings, connection, decoder, metrics,
                                        TwsProtocol.INSTANCE),
                                metrics, stateView, log, TwsProtocol.INSTANCE))
                .onFailure(SupervisorStrategy.resume()), "connection", DispatcherSelector.sameAsParent());
        supervisorView.complete(supervisor);
        this.rawOutcomes = context.messageAdapter(OutboundRequest.Outcome.class, GuardianMessage.RawOutcome::new);
        this.ports = new SubscriptionPorts(pacer, dispatcher, supervisor, new RequestIds(),
                context.messageAdapter(Retirement.class, GuardianMessage.RetirementReport::new), metrics);
        for (Resident resident : domains.stream().flatMap(d -> d.residents().stream()).toList()) {
            ActorRef<RequestEvent> ref = context.spawn(Behaviors.supervise(resident.create(ports))
                    .onFailure(SupervisorStrategy.resume()), resident.name(), resident.props());
            resident.routes().forEach(key -> dispatcher.tell(new Dispatcher.RegisterOwner(key, ref)));
            residents.put(resident.name(), ref);
        }
    }

    /**
     * @param domains        whose decoders the client's router uses
     * @param supervisorView completed with the connection supervisor once it exists, so that the facade can ask it
     *                       directly: a request-reply saves the hop through this actor
     * @param log            how accounts are shown in INFO logs
     */
    static Behavior<GuardianMessage> create(ConnectionSettings settings, ConnectionMetrics metrics,
                                            AtomicReference<ConnectionState> stateView,
                                            CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisorView,
                                            List<Domain> domains, LogSettings log) {
        return Behaviors.setup(ctx -> new ClientGuardian(ctx, settings, metrics, stateView, supervisorView,
                domains, log));
    }

    @Override
    public Receive<GuardianMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(TwsClient.CurrentTime.class, m -> forward(new ConnectionSupervisor.RequestCurrentTime(
                        m.replyTo())))
                .onMessage(TwsClient.AwaitReady.class, m -> forward(new ConnectionSupervisor.AwaitReady(m.replyTo())))
                .onMessage(TwsClient.SubscribeEvents.class, m -> forward(new ConnectionSupervisor.Subscribe(
                        m.subscriber())))
                .onMessage(TwsClient.UnsubscribeEvents.class, m -> forward(new ConnectionSupervisor.Unsubscribe(
                        m.subscriber())))
                .onMessage(TwsClient.GetSocketOptions.class, m -> forward(new ConnectionSupervisor.GetSocketOptions(
                        m.replyTo())))
                .onMessage(TwsClient.Close.class, m -> forward(new ConnectionSupervisor.Close(m.replyTo())))
                .onMessage(TwsClient.SubscribeRaw.class, m -> {
                    dispatcher.tell(new Dispatcher.SubscribeRaw(m.subscriber()));
                    return this;
                })
                .onMessage(TwsClient.UnsubscribeRaw.class, m -> {
                    dispatcher.tell(new Dispatcher.UnsubscribeRaw(m.subscriber()));
                    return this;
                })
                .onMessage(TwsClient.SendRaw.class, this::onSendRaw)
                .onMessage(GuardianMessage.RawOutcome.class, this::onRawOutcome)
                .onMessage(SUBSCRIBE, this::onSubscribe)
                .onMessage(SUBSCRIBE_STREAM, this::onSubscribeStream)
                .onMessage(UNSUBSCRIBE, this::onUnsubscribe)
                .onMessage(REQUEST, this::onRequest)
                .onMessage(GuardianMessage.RetirementReport.class, this::onRetirement)
                .onMessage(GuardianMessage.ToResident.class, this::onToResident)
                .onMessage(GuardianMessage.SubscriptionStopped.class, m -> {
                    subscriptions.remove(m.spec(), m.subscription());
                    return this;
                })
                .build();
    }

    /**
     * @param system the actor system the client starts in
     * @return the dispatcher of {@link TwsClient#CLIENT_DISPATCHER}, or the default one if the system's configuration
     *     sets it to null
     */
    static Props dispatcher(ActorSystem<?> system) {
        if (system.settings().config().hasPath(TwsClient.CLIENT_DISPATCHER)) {
            return DispatcherSelector.fromConfig(TwsClient.CLIENT_DISPATCHER);
        }
        LoggerFactory.getLogger(TwsClient.class).info("No {} in the actor system's configuration: the client's actors "
                + "run on the default dispatcher", TwsClient.CLIENT_DISPATCHER);
        return DispatcherSelector.defaultDispatcher();
    }

    /** @return the class of a generic message, typed with its wildcard */
    @SuppressWarnings("unchecked")
    private static <T> Class<T> generic(Class<?> type) {
        return (Class<T>) type;
    }

    private Behavior<GuardianMessage> forward(ConnectionSupervisor.Command command) {
        supervisor.tell(command);
        return this;
    }

    private Behavior<GuardianMessage> onSendRaw(TwsClient.SendRaw m) {
        long id = nextRawId++;
        rawWaiters.put(id, m.replyTo());
        String description = "raw message " + m.fields().get(0);
        pacer.tell(new Pacer.Enqueue(new OutboundRequest(id, description, version -> FieldWriter.frameOf(m.fields()),
                rawOutcomes)));
        return this;
    }

    private <E extends RequestEvent> Behavior<GuardianMessage> onSubscribe(TwsClient.Subscribe<E> m) {
        return subscribe(m.spec(), new ManagedSubscription.Subscribe<>(m.subscriber()),
                refusal -> m.subscriber().tell(m.spec().signal(refusal)));
    }

    @SuppressWarnings("unchecked")
    private <E> Behavior<GuardianMessage> onSubscribeStream(GuardianMessage.SubscribeStream<E> m) {
        SubscriptionSpec<?> spec = m.spec();
        return subscribe(spec, new ManagedSubscription.SubscribeStream<>(m.source()),
                refusal -> m.source().tell(EventBatch.of((E) spec.signal(refusal))));
    }

    /**
     * Equal specs share one subscription: the first subscriber spawns it, the others join it. A distinct spec beyond
     * TWS's limit for its kind is refused here, before anything is sent.
     *
     * @param refuse tells the subscriber its request ended before it began
     */
    private Behavior<GuardianMessage> subscribe(SubscriptionSpec<?> spec, ManagedSubscription.Command subscribe,
                                                Consumer<Lifecycle.Ended> refuse) {
        ActorRef<ManagedSubscription.Command> subscription = subscriptions.get(spec);
        if (subscription == null) {
            Optional<String> refusal = SubscriptionLimits.refusal(spec, subscriptions.keySet());
            if (refusal.isPresent()) {
                getContext().getLog().warn("Refused {}: {}", spec.description(), refusal.get());
                refuse.accept(new Lifecycle.Ended(0, refusal.get()));
                return this;
            }
            ActorRef<RequestEvent> spawned = getContext().spawn(Behaviors.supervise(
                            ManagedSubscription.create(spec, ports))
                    .onFailure(SupervisorStrategy.resume()), "subscription-" + (++subscriptionCounter),
                    DispatcherSelector.sameAsParent());
            subscription = spawned.narrow();
            getContext().watchWith(subscription, new GuardianMessage.SubscriptionStopped(spec, subscription));
            subscriptions.put(spec, subscription);
            getContext().getLog().debug("New subscription {} for {}", subscription.path().name(),
                    spec.description());
        }
        subscription.tell(subscribe);
        return this;
    }

    private Behavior<GuardianMessage> onUnsubscribe(TwsClient.Unsubscribe<?> m) {
        ActorRef<ManagedSubscription.Command> subscription = subscriptions.get(m.spec());
        if (subscription != null) {
            subscription.tell(new ManagedSubscription.Unsubscribe(m.subscriber()));
        }
        return this;
    }

    /** One child per one-shot request; it answers the caller itself and stops. */
    private <R> Behavior<GuardianMessage> onRequest(TwsClient.Request<R> m) {
        getContext().spawn(OneShotRequest.create(m.spec(), ports, m.timeout(), m.replyTo()),
                "request-" + (++requestCounter), DispatcherSelector.sameAsParent());
        return this;
    }

    /** Retirement goes through here so that a subscriber routed to a retiring subscription is never lost. */
    private Behavior<GuardianMessage> onRetirement(GuardianMessage.RetirementReport m) {
        if (m.event() instanceof Retirement.Retire retire) {
            subscriptions.remove(retire.spec(), retire.subscription());
            retire.subscription().tell(ManagedSubscription.Stop.INSTANCE);
        } else if (m.event() instanceof Retirement.Unretire unretire) {
            // If a newer subscription took the request meanwhile, the old one serves its subscribers unrouted.
            subscriptions.putIfAbsent(unretire.spec(), unretire.subscription());
        }
        return this;
    }

    private Behavior<GuardianMessage> onToResident(GuardianMessage.ToResident m) {
        ActorRef<RequestEvent> resident = residents.get(m.resident());
        if (resident == null) {
            throw new IllegalArgumentException("no resident actor named " + m.resident()); // a facade's bug
        }
        resident.tell(m.message());
        return this;
    }

    private Behavior<GuardianMessage> onRawOutcome(GuardianMessage.RawOutcome m) {
        ActorRef<StatusReply<akka.Done>> waiter = rawWaiters.remove(m.outcome().requestId());
        if (waiter != null) {
            waiter.tell(m.outcome() instanceof OutboundRequest.Rejected rejected ? StatusReply.error(rejected.message())
                    : StatusReply.ack());
        }
        return this;
    }
}
