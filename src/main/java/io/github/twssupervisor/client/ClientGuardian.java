package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.FrameDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.marketdata.MarketDataBatch;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataRequest;
import io.github.twssupervisor.marketdata.MarketDataSubscription;
import io.github.twssupervisor.marketdata.SubscriptionLifecycle;
import io.github.twssupervisor.marketdata.SubscriptionPorts;
import io.github.twssupervisor.wire.FieldWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The guardian of one logical connection: it assembles the Dispatcher, the Pacer and the ConnectionSupervisor and routes
 * {@link TwsClient.Command}s to them. Its children are supervised with {@code resume}: their state is the connection
 * itself (the socket, the queued requests, the routes), so an unexpected exception drops only the message that caused
 * it, which Akka logs at ERROR, and never the connection.
 */
final class ClientGuardian extends AbstractBehavior<TwsClient.Command> {

    record RawOutcome(OutboundRequest.Outcome outcome) implements TwsClient.Command {
    }

    record LifecycleReport(SubscriptionLifecycle event) implements TwsClient.Command {
    }

    /** What {@link TwsClient#marketData} sends: a stream's source subscribes, to get batches. */
    record SubscribeStream(MarketDataRequest request, ActorRef<MarketDataBatch> source) implements TwsClient.Command {
    }

    record SubscriptionStopped(MarketDataRequest request, ActorRef<MarketDataSubscription.Command> subscription)
            implements TwsClient.Command {
    }

    private final ActorRef<Dispatcher.Command> dispatcher;
    private final ActorRef<Pacer.Command> pacer;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final ActorRef<OutboundRequest.Outcome> rawOutcomes;
    private final Map<Long, ActorRef<StatusReply<akka.Done>>> rawWaiters = new HashMap<>();
    private final Map<MarketDataRequest, ActorRef<MarketDataSubscription.Command>> subscriptions = new HashMap<>();
    private final SubscriptionPorts ports;
    private long nextRawId;
    private long subscriptionCounter;

    private ClientGuardian(ActorContext<TwsClient.Command> context, ConnectionSettings settings,
                           ConnectionMetrics metrics, AtomicReference<ConnectionState> stateView,
                           CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisorView) {
        super(context);
        this.dispatcher = context.spawn(Behaviors.supervise(Dispatcher.create())
                .onFailure(SupervisorStrategy.resume()), "dispatcher", DispatcherSelector.sameAsParent());
        FrameDecoder decoder = new FrameDecoder(new InboundRouter(List.of(new MarketDataCodec())), dispatcher);
        this.pacer = context.spawn(Behaviors.supervise(Pacer.create(settings, metrics))
                .onFailure(SupervisorStrategy.resume()), "pacer", DispatcherSelector.sameAsParent());
        this.supervisor = context.spawn(Behaviors.supervise(
                        ConnectionSupervisor.create(settings, pacer, (epoch, clientId, connection) ->
                                SocketActor.create(epoch, clientId, settings, connection, decoder, metrics,
                                        Optional.empty()),
                                metrics, stateView))
                .onFailure(SupervisorStrategy.resume()), "connection", DispatcherSelector.sameAsParent());
        supervisorView.complete(supervisor);
        this.rawOutcomes = context.messageAdapter(OutboundRequest.Outcome.class, RawOutcome::new);
        this.ports = new SubscriptionPorts(pacer, dispatcher, supervisor, new RequestIds(),
                context.messageAdapter(SubscriptionLifecycle.class, LifecycleReport::new));
    }

    /**
     * @param supervisorView completed with the connection supervisor once it exists, so that the facade can ask it
     *                       directly: a request-reply saves the hop through this actor
     */
    static Behavior<TwsClient.Command> create(ConnectionSettings settings, ConnectionMetrics metrics,
                                              AtomicReference<ConnectionState> stateView,
                                              CompletableFuture<ActorRef<ConnectionSupervisor.Command>> supervisorView) {
        return Behaviors.setup(ctx -> new ClientGuardian(ctx, settings, metrics, stateView, supervisorView));
    }

    @Override
    public Receive<TwsClient.Command> createReceive() {
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
                .onMessage(RawOutcome.class, this::onRawOutcome)
                .onMessage(TwsClient.SubscribeMarketData.class, m -> subscribe(m.request(),
                        new MarketDataSubscription.Subscribe(m.subscriber())))
                .onMessage(SubscribeStream.class, m -> subscribe(m.request(),
                        new MarketDataSubscription.SubscribeStream(m.source())))
                .onMessage(TwsClient.UnsubscribeMarketData.class, this::onUnsubscribeMarketData)
                .onMessage(LifecycleReport.class, this::onSubscriptionLifecycle)
                .onMessage(SubscriptionStopped.class, m -> {
                    subscriptions.remove(m.request(), m.subscription());
                    return this;
                })
                .build();
    }

    private Behavior<TwsClient.Command> forward(ConnectionSupervisor.Command command) {
        supervisor.tell(command);
        return this;
    }

    private Behavior<TwsClient.Command> onSendRaw(TwsClient.SendRaw m) {
        long id = nextRawId++;
        rawWaiters.put(id, m.replyTo());
        String description = "raw message " + m.fields().get(0);
        pacer.tell(new Pacer.Enqueue(new OutboundRequest(id, description, version -> FieldWriter.frameOf(m.fields()),
                rawOutcomes)));
        return this;
    }

    private Behavior<TwsClient.Command> subscribe(MarketDataRequest request, MarketDataSubscription.Command subscribe) {
        ActorRef<MarketDataSubscription.Command> subscription = subscriptions.get(request);
        if (subscription == null) {
            ActorRef<RequestEvent> spawned = getContext().spawn(Behaviors.supervise(
                            MarketDataSubscription.create(request, ports))
                    .onFailure(SupervisorStrategy.resume()), "market-data-" + (++subscriptionCounter),
                    DispatcherSelector.sameAsParent());
            subscription = spawned.narrow();
            getContext().watchWith(subscription, new SubscriptionStopped(request, subscription));
            subscriptions.put(request, subscription);
            getContext().getLog().debug("New subscription {} for {}", subscription.path().name(),
                    request.description());
        }
        subscription.tell(subscribe);
        return this;
    }

    private Behavior<TwsClient.Command> onUnsubscribeMarketData(TwsClient.UnsubscribeMarketData m) {
        ActorRef<MarketDataSubscription.Command> subscription = subscriptions.get(m.request());
        if (subscription != null) {
            subscription.tell(new MarketDataSubscription.Unsubscribe(m.subscriber()));
        }
        return this;
    }

    /** Retirement goes through here so that a subscriber routed to a retiring subscription is never lost. */
    private Behavior<TwsClient.Command> onSubscriptionLifecycle(LifecycleReport m) {
        if (m.event() instanceof SubscriptionLifecycle.Retire retire) {
            subscriptions.remove(retire.request(), retire.subscription());
            retire.subscription().tell(MarketDataSubscription.Stop.INSTANCE);
        } else if (m.event() instanceof SubscriptionLifecycle.Unretire unretire) {
            // If a newer subscription took the request meanwhile, the old one serves its subscribers unrouted.
            subscriptions.putIfAbsent(unretire.request(), unretire.subscription());
        }
        return this;
    }

    private Behavior<TwsClient.Command> onRawOutcome(RawOutcome m) {
        ActorRef<StatusReply<akka.Done>> waiter = rawWaiters.remove(m.outcome().requestId());
        if (waiter != null) {
            waiter.tell(m.outcome() instanceof OutboundRequest.Rejected rejected ? StatusReply.error(rejected.message())
                    : StatusReply.ack());
        }
        return this;
    }
}
