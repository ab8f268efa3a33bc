package io.github.twssupervisor.orders;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.OrdersSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The orders of one client: at most once across every reconnect. It assigns order ids ({@link OrderIds}), sends orders
 * only on a READY socket and never again on a later one, follows each order ({@link TrackedOrder}) from TWS's
 * openOrder, orderStatus, execDetails and commissionReport, and after every lost connection or 1101/1102 reconciles
 * with TWS ({@link OrderReconciler}); TWS's news is applied by its {@link OrderFeed}. A resident of the client: it owns the order message kinds for as long as the
 * client lives. Runs on Akka's blocking-I/O dispatcher, for the fsync of the order-id mark.
 */
public final class OrderBook extends AbstractBehavior<RequestEvent> {

    /** What the orders facade sends. */
    public sealed interface Command extends RequestEvent permits Place, Modify, Cancel, CancelAll, Watch, WatchAll,
            QueryOpenOrders, QueryCompletedOrders {
    }

    /**
     * Places one order, or a bracket's three (ids consecutive, children attached to the first, the last transmits).
     *
     * @param contract what to trade
     * @param legs     one order, or a bracket's parent, take-profit and stop-loss
     * @param bracket  whether the legs are a bracket
     * @param replyTo  the order ids, or why nothing was sent
     */
    public record Place(Contract contract, List<Order> legs, boolean bracket,
                        ActorRef<StatusReply<List<Integer>>> replyTo) implements Command {
        /** Copies the list. */
        public Place {
            legs = List.copyOf(legs);
        }
    }

    /**
     * @param orderId the order to change
     * @param order   its new terms
     * @param replyTo done when the change is written to TWS, or why it was not
     */
    public record Modify(int orderId, Order order, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /**
     * @param orderId the order to cancel
     * @param replyTo done when the cancel is written to TWS (its effect comes as the order's events)
     */
    public record Cancel(int orderId, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** @param replyTo done when reqGlobalCancel is written to TWS */
    public record CancelAll(ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /**
     * @param orderId the order
     * @param watcher gets its events so far, then the live ones, ending with {@link OrderEvent.Closed}
     */
    public record Watch(int orderId, ActorRef<OrderEvent> watcher) implements Command {
    }

    /** @param watcher gets the live events of every order of the client id */
    public record WatchAll(ActorRef<OrderEvent> watcher) implements Command {
    }

    /** @param replyTo this client id's open orders, as TWS lists them now */
    public record QueryOpenOrders(ActorRef<StatusReply<List<OpenOrder>>> replyTo) implements Command {
    }

    /** @param replyTo the day's completed orders, as TWS lists them now */
    public record QueryCompletedOrders(ActorRef<StatusReply<List<CompletedOrder>>> replyTo) implements Command {
    }

    /** Messages of its own. */
    sealed interface Internal extends RequestEvent permits ConnectionChanged, GraceOver, WatcherStopped,
            OrderReconciler.Internal, OrderSender.Outcome {
    }

    record ConnectionChanged(ConnectionEvent event) implements Internal {
    }

    record GraceOver(int orderId) implements Internal {
    }

    record WatcherStopped(ActorRef<OrderEvent> watcher) implements Internal {
    }

    private final SubscriptionPorts ports;
    private final OrderIds ids;
    private final OrderTracker tracker;
    private final OrderSender sender;
    private final OrderReconciler reconciler;
    private final OrderFeed feed;

    private OrderBook(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers, OrdersSettings settings,
                      int clientId, SubscriptionPorts ports) {
        super(context);
        this.ports = ports;
        this.ids = new OrderIds(settings, clientId, context.getLog());
        this.tracker = new OrderTracker(settings.maxFinished(), id -> feed().onFinishing(id));
        this.sender = new OrderSender(context, ports);
        this.reconciler = new OrderReconciler(context, timers, settings, ports, sender, tracker,
                new OrderReconciler.Intake() { // the feed comes next: it needs the reconciler
                    @Override
                    public void onFill(Execution execution) {
                        feed().onFill(execution);
                    }

                    @Override
                    public void adoptFinished(int orderId, CompletedOrder order, List<Execution> fills) {
                        feed().adoptFinished(orderId, order, fills);
                    }
                });
        this.feed = new OrderFeed(context, timers, settings, ports, tracker, reconciler, sender);
        ports.supervisor().tell(new ConnectionSupervisor.Subscribe(context.messageAdapter(ConnectionEvent.class,
                ConnectionChanged::new)));
    }

    /**
     * @param settings the order settings
     * @param clientId the configured client id (its order-id state)
     * @param ports    the client's actors
     * @return the behaviour
     */
    public static Behavior<RequestEvent> create(OrdersSettings settings, int clientId, SubscriptionPorts ports) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new OrderBook(ctx, timers, settings, clientId,
                ports)));
    }

    @Override
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(Place.class, m -> same(() -> onPlace(m)))
                .onMessage(Modify.class, m -> same(() -> onModify(m)))
                .onMessage(Cancel.class, m -> same(() -> onCancel(m)))
                .onMessage(CancelAll.class, m -> same(() -> refusal(0).ifPresentOrElse(
                        r -> m.replyTo().tell(StatusReply.error(r)), () -> sender.cancelAll(m.replyTo()))))
                .onMessage(Watch.class, m -> same(() -> onWatch(m)))
                .onMessage(WatchAll.class, m -> same(() -> {
                    tracker.watchAll(m.watcher());
                    getContext().watchWith(m.watcher(), new WatcherStopped(m.watcher()));
                }))
                .onMessage(QueryOpenOrders.class, m -> same(() -> reconciler.queryOpenOrders(m.replyTo())))
                .onMessage(QueryCompletedOrders.class, m -> same(() -> reconciler.queryCompletedOrders(m.replyTo())))
                .onMessage(WatcherStopped.class, m -> same(() -> tracker.remove(m.watcher())))
                .onMessage(ConnectionChanged.class, m -> same(() -> onConnectionEvent(m.event())))
                .onMessage(GraceOver.class, m -> same(() -> feed.onGraceOver(m.orderId())))
                .onMessage(OrderSender.Outcome.class, m -> same(() -> sender.onOutcome(m, this::onSent,
                        this::onNotSent)))
                .onMessage(OrderReconciler.Internal.class, m -> same(() -> reconciler.on(m)))
                .onMessage(RequestEvents.class, m -> same(() -> m.events().forEach(feed::onInbound)))
                .onMessage(RequestEvent.class, m -> same(() -> feed.onInbound(m)))
                .onSignal(PostStop.class, s -> same(ids::close))
                .build();
    }

    private OrderFeed feed() {
        return feed;
    }

    private Behavior<RequestEvent> same(Runnable action) {
        action.run();
        return this;
    }

    private void onPlace(Place m) {
        Optional<OrderException> refusal = refusal(0);
        if (refusal.isPresent()) {
            m.replyTo().tell(StatusReply.error(refusal.get()));
            return;
        }
        int first;
        try {
            first = ids.take(m.legs().size());
        } catch (IOException e) {
            getContext().getLog().error("Order not sent: the order-id mark could not be written: {}", e.getMessage());
            m.replyTo().tell(StatusReply.error(new OrderException(OrderException.Reason.STATE_UNAVAILABLE, 0, 0,
                    "order not sent: the order-id mark could not be written: " + e.getMessage())));
            return;
        }
        List<Integer> placed = new ArrayList<>();
        for (int i = 0; i < m.legs().size(); i++) {
            int orderId = first + i;
            Order order = m.bracket() ? bracketLeg(m.legs().get(i), i, first, m.legs().size()) : m.legs().get(i);
            tracker.add(new TrackedOrder(orderId, m.contract(), order.totalQuantity(), TrackedOrder.Phase.SENDING));
            ports.dispatcher().tell(new Dispatcher.RegisterOwner(RouteKey.order(orderId), getContext().getSelf()));
            getContext().getLog().info("Placing order {}: {} {}", orderId, order.describe(),
                    m.contract().displayName());
            sender.place(orderId, m.contract(), order);
            placed.add(orderId);
        }
        m.replyTo().tell(StatusReply.success(placed));
    }

    /** The parent and the take-profit wait at TWS; the stop-loss transmits all three. */
    private static Order bracketLeg(Order leg, int index, int parentId, int legs) {
        if (index == 0) {
            return leg.withTransmit(false);
        }
        return leg.withParentId(parentId).withOcaGroup("bracket-" + parentId, 1).withTransmit(index == legs - 1);
    }

    private void onModify(Modify m) {
        Optional<TrackedOrder> order = changeable(m.orderId(), m.replyTo());
        order.ifPresent(o -> sender.modify(o.orderId(), o.contract(), m.order(), m.replyTo()));
    }

    private void onCancel(Cancel m) {
        Optional<TrackedOrder> order = changeable(m.orderId(), m.replyTo());
        order.ifPresent(o -> sender.cancel(o.orderId(), m.replyTo()));
    }

    /** An order may change only while READY, known, not finished and not waiting for reconciliation. */
    private Optional<TrackedOrder> changeable(int orderId, ActorRef<StatusReply<Done>> replyTo) {
        Optional<TrackedOrder> order = tracker.get(orderId);
        Optional<OrderException> refusal = refusal(orderId)
                .or(() -> OrderErrors.refusalToChange(orderId, order, tracker.isFinished(orderId)));
        refusal.ifPresent(r -> replyTo.tell(StatusReply.error(r)));
        return refusal.isPresent() ? Optional.empty() : order;
    }

    private Optional<OrderException> refusal(int orderId) {
        if (!reconciler.isReady()) {
            return Optional.of(new OrderException(OrderException.Reason.NOT_CONNECTED, orderId, 0,
                    "not connected to TWS: nothing was sent (orders are never queued for a later connection)"));
        }
        return ids.refusal().filter(r -> orderId == 0).map(r -> new OrderException(
                OrderException.Reason.STATE_UNAVAILABLE, 0, 0, "order not sent: " + r));
    }

    private void onWatch(Watch m) {
        if (tracker.watchOrClose(m.orderId(), m.watcher())) {
            getContext().watchWith(m.watcher(), new WatcherStopped(m.watcher()));
        }
    }

    private void onConnectionEvent(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.NextValidId id) {
            ids.onNextValidId(id.orderId());
        } else if (event instanceof ConnectionEvent.StateChanged change) {
            change.ready().ifPresent(ready -> ids.onNextValidId(ready.nextOrderId()));
            if (change.state() == ConnectionState.CLOSED) {
                ids.close(); // releases the client id's lock for a client built after this one
            }
            boolean hadSocket = reconciler.hasSocket();
            reconciler.onStateChanged(change);
            if (change.state() == ConnectionState.READY && change.previous() == ConnectionState.DEGRADED
                    && !change.dataLost()) {
                // 1102: TWS kept its data; what changed meanwhile reaches us as usual.
                tracker.snapshot().stream().filter(TrackedOrder::awaitsReconciliation)
                        .forEach(o -> tracker.apply(o, o.reconcile(!o.status().isTerminal(), Optional.empty())));
            } else if (change.state() == ConnectionState.DEGRADED) {
                // TWS still has the socket: only orders it acknowledged can change unseen at IB.
                tracker.snapshot().stream().filter(o -> o.phase() == TrackedOrder.Phase.ACKNOWLEDGED)
                        .forEach(o -> tracker.apply(o, o.connectionLost()));
            } else if (hadSocket && !reconciler.hasSocket() && change.state() != ConnectionState.CLOSED) {
                // A deliberate close is no interruption: the orders stay at TWS, for a later client to adopt.
                tracker.snapshot().forEach(o -> tracker.apply(o, o.connectionLost()));
            }
        }
    }

    /**
     * The frame went to a socket. The pacer's word and the supervisor's news of a lost socket come from two actors in
     * either order: written to a socket already gone, the order is Unknown at once, as if the loss came after.
     */
    private void onSent(int orderId, boolean toAnOlderSocket) {
        tracker.get(orderId).ifPresent(order -> {
            order.sent();
            if (toAnOlderSocket || !reconciler.hasSocket()) {
                tracker.apply(order, order.connectionLost());
            }
        });
    }

    private void onNotSent(int orderId, OrderException failure) {
        tracker.get(orderId).filter(o -> o.phase() == TrackedOrder.Phase.SENDING).ifPresent(o -> {
            getContext().getLog().warn("Order {} not sent: {}", orderId, failure.getMessage());
            feed.close(o, Optional.of(failure));
        });
    }

}
