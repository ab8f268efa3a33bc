package io.github.twssupervisor.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.connection.StateTally;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The actor side of {@link TwsMetrics}: follows every order of the client (the order book's live events) and keeps the
 * count of orders by their latest status in the gauges' {@link AtomicLong}s; registers a gauge for each (domain, state)
 * of the client's subscriptions the first time the kernel's tally has it. Not one of the client's actors: it only
 * listens, and the client never waits for it.
 */
final class MetricsBinder extends AbstractBehavior<MetricsBinder.Command> {

    /** Messages of the binder. */
    sealed interface Command permits OrderNews, SyncSubscriptions, Stop {
    }

    /** Stops following the client; the subscription gauges it registered are removed. */
    enum Stop implements Command {
        /** The one instance. */
        INSTANCE
    }

    private record OrderNews(OrderEvent event) implements Command {
    }

    private enum SyncSubscriptions implements Command {
        INSTANCE
    }

    private final MeterRegistry registry;
    private final Tags tags;
    private final StateTally subscriptions;
    private final Map<OrderStatus, AtomicLong> orders;
    private final Map<Integer, OrderStatus> latest = new HashMap<>();
    private final Set<StateTally.Key> registered = new HashSet<>();
    private final List<Meter> meters = new ArrayList<>();

    private MetricsBinder(ActorContext<Command> context, TimerScheduler<Command> timers, StateTally subscriptions,
                          Consumer<ActorRef<OrderEvent>> orderEvents, MeterRegistry registry, Tags tags,
                          Map<OrderStatus, AtomicLong> orders) {
        super(context);
        this.registry = registry;
        this.tags = tags;
        this.subscriptions = subscriptions;
        this.orders = orders;
        orderEvents.accept(context.messageAdapter(OrderEvent.class, OrderNews::new));
        timers.startTimerWithFixedDelay(SyncSubscriptions.INSTANCE, TwsMetrics.SUBSCRIPTION_SYNC);
    }

    /**
     * @param client   the client to follow
     * @param registry where the subscription gauges go
     * @param tags     the binding's tags
     * @param orders   the order gauges' counts, one per status, updated here only
     * @return the behaviour
     */
    static Behavior<Command> create(TwsClient client, MeterRegistry registry, Tags tags,
                                    Map<OrderStatus, AtomicLong> orders) {
        return create(client.metrics().subscriptions(), client.orders()::subscribe, registry, tags, orders);
    }

    /**
     * @param subscriptions the client's subscription tally
     * @param orderEvents   subscribes an actor to the live events of every order
     * @param registry      where the subscription gauges go
     * @param tags          the binding's tags
     * @param orders        the order gauges' counts, one per status, updated here only
     * @return the behaviour
     */
    static Behavior<Command> create(StateTally subscriptions, Consumer<ActorRef<OrderEvent>> orderEvents,
                                    MeterRegistry registry, Tags tags, Map<OrderStatus, AtomicLong> orders) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new MetricsBinder(ctx, timers, subscriptions,
                orderEvents, registry, tags, orders)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(OrderNews.class, this::onOrderNews)
                .onMessage(SyncSubscriptions.class, m -> onSyncSubscriptions())
                .onMessage(Stop.class, m -> Behaviors.stopped())
                .onSignal(PostStop.class, s -> onPostStop())
                .build();
    }

    private Behavior<Command> onOrderNews(OrderNews m) {
        OrderEvent event = m.event();
        if (event instanceof OrderEvent.Closed) {
            move(event.orderId(), null);
        } else if (event instanceof OrderEvent.Acknowledged a) {
            move(event.orderId(), a.ack().status());
        } else if (event instanceof OrderEvent.StatusChanged s) {
            move(event.orderId(), s.report().status());
        } else if (event instanceof OrderEvent.Reconciled r) {
            move(event.orderId(), r.status());
        } else if (!latest.containsKey(event.orderId())) {
            // Any other first word on an order (an adoption, a fill of an order placed before binding): followed
            // from now on, its status unknown until TWS reports one.
            move(event.orderId(), OrderStatus.OTHER);
        }
        return this;
    }

    /** @param status the order's status now, or null when it is closed */
    private void move(int orderId, OrderStatus status) {
        OrderStatus before = status == null ? latest.remove(orderId) : latest.put(orderId, status);
        if (before != null) {
            orders.get(before).decrementAndGet();
        }
        if (status != null) {
            orders.get(status).incrementAndGet();
        }
    }

    private Behavior<Command> onSyncSubscriptions() {
        for (StateTally.Key key : subscriptions.keys()) {
            if (registered.add(key)) {
                meters.add(Gauge.builder("tws.subscriptions", subscriptions,
                                t -> t.count(key.group(), key.state()))
                        .description("subscriptions by domain and state (as their subscribers see them)")
                        .tags(tags).strongReference(true).tag("domain", key.group()).tag("state", key.state())
                        .register(registry));
            }
        }
        return this;
    }

    private Behavior<Command> onPostStop() {
        meters.forEach(registry::remove);
        return this;
    }
}
