package io.github.twssupervisor.orders;

import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.config.OrdersSettings;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import java.util.List;
import java.util.Optional;

/**
 * The order book's intake: TWS's openOrder, orderStatus, execDetails, commissionReport and errors with an order id,
 * applied to the orders they are about (adopting this client id's orders placed by an earlier process), and the
 * closing of finished orders once their last fill and commission are in. Plain Java owned by the order book.
 */
final class OrderFeed implements OrderReconciler.Intake {

    private final ActorContext<RequestEvent> context;
    private final TimerScheduler<RequestEvent> timers;
    private final OrdersSettings settings;
    private final SubscriptionPorts ports;
    private final OrderTracker tracker;
    private final OrderReconciler reconciler;
    private final OrderSender sender;
    private final ExecutionOwners executionOwners = new ExecutionOwners();

    OrderFeed(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers, OrdersSettings settings,
              SubscriptionPorts ports, OrderTracker tracker, OrderReconciler reconciler, OrderSender sender) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.ports = ports;
        this.tracker = tracker;
        this.reconciler = reconciler;
        this.sender = sender;
    }

    /** The commission grace of a finished order is over: it closes with what it has. */
    void onGraceOver(int orderId) {
        tracker.get(orderId).filter(TrackedOrder::isFinished).ifPresent(o -> close(o, Optional.empty()));
    }

    /** @param event an order message, or a TWS error with an order id */
    void onInbound(RequestEvent event) {
        if (event instanceof RequestError error) {
            onError(error);
        } else if (event instanceof OrderMessage.OpenOrderReceived received) {
            reconciler.openOrderRow(received.order());
            adoptOrUpdate(received.order());
        } else if (event instanceof OrderMessage.StatusReceived received) {
            tracker.get(received.report().orderId()).ifPresent(o -> tracker.apply(o, o.status(received.report())));
        } else if (event instanceof OrderMessage.ExecutionReceived received) {
            onFill(received.execution());
        } else if (event instanceof OrderMessage.CommissionReceived received) {
            onCommission(received.report());
        } else if (event instanceof OrderMessage message) {
            reconciler.onAnswer(message); // the Ends of id-less answers, and completed orders
        }
    }

    /** A fill, live or from reconciliation: applied once per execId. */
    @Override
    public void onFill(Execution execution) {
        boolean seen = executionOwners.knows(execution.execId()); // reconciliation repeats the day's executions
        executionOwners.put(execution.execId(), execution.orderId());
        Optional<TrackedOrder> order = tracker.get(execution.orderId());
        if (order.isPresent()) {
            tracker.apply(order.get(), order.get().fill(execution));
            closeIfComplete(order.get());
        } else if (!seen && !tracker.isFinished(execution.orderId())) {
            tracker.publishUntracked(new OrderEvent.Filled(execution.orderId(), execution));
        }
        executionOwners.takeEarly(execution.execId()).ifPresent(this::onCommission);
    }

    private void onCommission(CommissionReport report) {
        if (!executionOwners.knows(report.execId())) {
            executionOwners.holdEarly(report); // its fill is still on its way (reqExecutions' rows)
            return;
        }
        int orderId = executionOwners.orderOf(report.execId());
        Optional<TrackedOrder> order = tracker.get(orderId);
        if (order.isEmpty()) {
            tracker.publishUntracked(new OrderEvent.Commission(orderId, report));
            return;
        }
        tracker.apply(order.get(), order.get().commission(report));
        closeIfComplete(order.get());
    }

    /** A finished order closes once its last fill and commission are in (or its grace period is over). */
    private void closeIfComplete(TrackedOrder order) {
        if (order.phase() == TrackedOrder.Phase.FINISHING && !order.awaitsNews()) {
            timers.cancel(new OrderBook.GraceOver(order.orderId()));
            close(order, Optional.empty());
        }
    }

    @Override
    public void adoptFinished(int orderId, CompletedOrder order, List<Execution> fills) {
        OpenOrder asOpen = new OpenOrder(orderId, order.contract(), order.action(), order.totalQuantity(),
                order.orderType(), order.limitPrice(), order.auxPrice(), order.tif(), "", order.account(),
                order.orderRef(), reconciler.clientId(), order.permId(), 0, order.status(), "");
        TrackedOrder adopted = adopt(asOpen);
        context.getLog().info("Order {} of client id {} finished ({}) before this process followed it: reported with "
                + "its {} fill(s)", orderId, reconciler.clientId(), order.status().wireName(), fills.size());
        fills.forEach(this::onFill);
        tracker.apply(adopted, adopted.reconcile(false, Optional.of(order.status())));
    }

    /** An openOrder: news of a tracked order, or an order of this client id placed before this process started. */
    private void adoptOrUpdate(OpenOrder open) {
        Optional<TrackedOrder> order = tracker.get(open.orderId());
        if (order.isPresent()) {
            tracker.apply(order.get(), order.get().openOrder(open));
        } else if (open.orderId() > 0 && open.clientId() == reconciler.clientId()
                && !tracker.isFinished(open.orderId()) && !open.status().isTerminal()) {
            TrackedOrder adopted = adopt(open);
            context.getLog().info("Adopted order {} of client id {} (placed before this process): {} {} {}",
                    open.orderId(), open.clientId(), open.action(), open.totalQuantity().toPlainString(),
                    open.contract().displayName());
            tracker.apply(adopted, adopted.openOrder(open));
        }
    }

    private TrackedOrder adopt(OpenOrder open) {
        TrackedOrder adopted = new TrackedOrder(open.orderId(), open.contract(), open.totalQuantity(),
                TrackedOrder.Phase.ACKNOWLEDGED);
        tracker.add(adopted);
        ports.dispatcher().tell(new Dispatcher.RegisterOwner(RouteKey.order(open.orderId()), context.getSelf()));
        tracker.publishUntracked(new OrderEvent.Adopted(open.orderId(), open));
        return adopted;
    }

    private void onError(RequestError error) {
        int orderId = error.error().id();
        Optional<TrackedOrder> order = tracker.get(orderId);
        if (order.isEmpty()) {
            if (tracker.isFinished(orderId)) {
                context.getLog().debug("TWS error {} for finished order {}: {}", error.error().code(), orderId,
                        error.error().message());
            } else {
                context.getLog().info("TWS error {} for order {} that this client does not track: {}",
                        error.error().code(), orderId, error.error().message());
            }
            return;
        }
        OrderErrors.Effect effect = OrderErrors.effect(error.error().code(), order.get());
        if (effect == OrderErrors.Effect.REQUEST_IDS) {
            sender.requestIds();
        }
        if (effect == OrderErrors.Effect.FAILS_ORDER || effect == OrderErrors.Effect.REQUEST_IDS) {
            context.getLog().warn("Order {} failed: TWS error {}: {}", orderId, error.error().code(),
                    error.error().message());
            close(order.get(), Optional.of(OrderErrors.failure(error.error(), orderId)));
        } else if (effect == OrderErrors.Effect.CANCELS_ORDER) {
            tracker.apply(order.get(), order.get().status(OrderErrors.cancelled(order.get(), error.error())));
        } else {
            tracker.apply(order.get(), order.get().warning(error.error().code(), error.error().message()));
        }
    }

    /** The order is terminal: it closes once its fills' commissions are in, or after the grace period. */
    void onFinishing(int orderId) {
        tracker.get(orderId).ifPresent(order -> {
            if (order.awaitsNews() && !settings.commissionGrace().isZero()) {
                timers.startSingleTimer(new OrderBook.GraceOver(orderId), settings.commissionGrace());
            } else {
                close(order, Optional.empty());
            }
        });
    }

    void close(TrackedOrder order, Optional<OrderException> failure) {
        if (order.phase() == TrackedOrder.Phase.CLOSED) {
            return;
        }
        tracker.close(order, failure);
        ports.dispatcher().tell(new Dispatcher.UnregisterOwner(RouteKey.order(order.orderId())));
    }
}
