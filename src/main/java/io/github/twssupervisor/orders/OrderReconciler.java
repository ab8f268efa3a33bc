package io.github.twssupervisor.orders;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.OrdersSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotRequest;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The order book's view of the connection and its conversations with TWS about orders as a whole: reconciliation on
 * every READY (a new socket, or TWS's link to IB back with 1101/1102), and the caller's openOrders() /
 * completedOrders(). Open and completed orders come without a request id, so each is an {@link AnswerQueue} with a
 * timeout per request; executions are a request-id {@link OneShotRequest}. Plain Java owned by the order book.
 */
final class OrderReconciler {

    /** Where reconciliation's findings go: the book's intake. */
    interface Intake {
        /** @param execution a fill of the day, applied once per execId */
        void onFill(Execution execution);

        /**
         * An order of this client id that finished while no process followed it (a fill of it, and its completedOrder).
         *
         * @param orderId the order id its executions carry
         * @param order   TWS's completedOrder
         * @param fills   its executions
         */
        void adoptFinished(int orderId, CompletedOrder order, List<Execution> fills);
    }

    /** Its messages, through the order book. */
    sealed interface Internal extends OrderBook.Internal permits AnswerTimedOut, ExecutionsAnswered, Retry {
    }

    /** @param openOrders which queue: open (true) or completed (false) orders */
    record AnswerTimedOut(boolean openOrders, long answerId) implements Internal {
    }

    record ExecutionsAnswered(StatusReply<List<Execution>> reply) implements Internal {
    }

    enum Retry implements Internal {
        INSTANCE
    }

    private final ActorContext<RequestEvent> context;
    private final TimerScheduler<RequestEvent> timers;
    private final OrdersSettings settings;
    private final SubscriptionPorts ports;
    private final OrderSender sender;
    private final OrderTracker tracker;
    private final Intake intake;
    private final ActorRef<StatusReply<List<Execution>>> executionsAnswers;
    private final AnswerQueue<OpenOrder> open = new AnswerQueue<>(o -> o.permId() != 0 ? o.permId() : o.orderId());
    private final AnswerQueue<CompletedOrder> completed = new AnswerQueue<>(CompletedOrder::permId);
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private int clientId = -1;
    private Optional<ReconcileRun> run = Optional.empty();
    private Optional<ActorRef<RequestEvent>> executionsRequest = Optional.empty();
    private long runs;

    @SuppressWarnings({"unchecked", "rawtypes"})
    OrderReconciler(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers, OrdersSettings settings,
                    SubscriptionPorts ports, OrderSender sender, OrderTracker tracker, Intake intake) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.ports = ports;
        this.sender = sender;
        this.tracker = tracker;
        this.intake = intake;
        this.executionsAnswers = (ActorRef) context.messageAdapter(StatusReply.class,
                reply -> new ExecutionsAnswered((StatusReply<List<Execution>>) reply));
    }

    /** @return true while READY: only then are orders sent */
    boolean isReady() {
        return state == ConnectionState.READY;
    }

    /** @return true in READY and DEGRADED: there is a handshaken socket */
    boolean hasSocket() {
        return state.isConnected();
    }

    /** @return the client id of the current (or last) connection */
    int clientId() {
        return clientId;
    }

    void onStateChanged(ConnectionEvent.StateChanged change) {
        boolean hadSocket = state.isConnected();
        state = change.state();
        clientId = change.ready().map(Ready::clientId).orElse(clientId);
        boolean back = state == ConnectionState.READY && change.previous() != ConnectionState.READY;
        boolean dataKept = change.previous() == ConnectionState.DEGRADED && !change.dataLost();
        // 1102 kept everything (the book resumes its orders itself); with no order to follow, only the first READY
        // asks, to adopt the orders of an earlier process.
        if (back && !dataKept && (runs == 0 || !tracker.all().isEmpty())) {
            start(change.previous() == ConnectionState.DEGRADED ? "TWS's link to IB came back without its data (" + TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST + ")"
                    : "a new connection");
        } else if (hadSocket && !state.isConnected()) {
            abandon("the connection was lost");
        }
    }

    void on(Internal m) {
        if (m instanceof AnswerTimedOut timedOut) {
            String reason = "no answer from TWS within " + settings.reconcileTimeout().toSeconds() + " s";
            (timedOut.openOrders() ? open : completed).timedOut(timedOut.answerId(), reason);
        } else if (m instanceof ExecutionsAnswered answered) {
            onExecutions(answered.reply());
        } else if (run.isEmpty() && isReady()) {
            start("a retry");
        }
    }

    void queryOpenOrders(ActorRef<StatusReply<List<OpenOrder>>> replyTo) {
        if (refused(replyTo)) {
            return;
        }
        ask(open, true, "reqOpenOrders", OrderRequestCodec.reqOpenOrders(), (rows, reason) -> replyTo.tell(
                rows != null ? StatusReply.success(rows) : StatusReply.error(failure("reqOpenOrders", reason))));
    }

    void queryCompletedOrders(ActorRef<StatusReply<List<CompletedOrder>>> replyTo) {
        if (refused(replyTo)) {
            return;
        }
        ask(completed, false, "reqCompletedOrders", OrderRequestCodec.reqCompletedOrders(true), (rows, reason) ->
                replyTo.tell(rows != null ? StatusReply.success(rows)
                        : StatusReply.error(failure("reqCompletedOrders", reason))));
    }

    /** An openOrder row, for whoever waits for reqOpenOrders' answer. */
    void openOrderRow(OpenOrder order) {
        open.row(order);
    }

    /** The rest of the id-less answers: completed orders and the Ends. */
    void onAnswer(OrderMessage message) {
        if (message instanceof OrderMessage.OpenOrdersEnd) {
            open.end();
        } else if (message instanceof OrderMessage.CompletedOrderReceived received) {
            completed.row(received.order());
        } else if (message instanceof OrderMessage.CompletedOrdersEnd) {
            completed.end();
        }
    }

    private void start(String cause) {
        executionsRequest.ifPresent(context::stop);
        executionsRequest = Optional.empty();
        ReconcileRun next = new ReconcileRun(++runs, cause);
        run = Optional.of(next);
        context.getLog().debug("Reconciliation {} with TWS after {}: reqOpenOrders", next.id(), cause);
        ask(open, true, "reqOpenOrders", OrderRequestCodec.reqOpenOrders(), (rows, reason) -> {
            if (isCurrent(next, ReconcileRun.Step.OPEN_ORDERS)) {
                if (rows == null) {
                    fail(next, "reqOpenOrders: " + reason);
                    return;
                }
                next.openOrders(rows, clientId);
                ask(completed, false, "reqCompletedOrders", OrderRequestCodec.reqCompletedOrders(true),
                        (done, why) -> onCompleted(next, done, why));
            }
        });
    }

    private void onCompleted(ReconcileRun current, List<CompletedOrder> rows, String reason) {
        if (!isCurrent(current, ReconcileRun.Step.COMPLETED_ORDERS)) {
            return;
        }
        if (rows == null) {
            fail(current, "reqCompletedOrders: " + reason);
            return;
        }
        current.completedOrders(rows);
        executionsRequest = Optional.of(context.spawn(OneShotRequest.create(new ExecutionsSpec(
                ExecutionFilter.ofClient(clientId)), ports, settings.reconcileTimeout(), executionsAnswers),
                "executions-" + current.id()));
    }

    private void onExecutions(StatusReply<List<Execution>> reply) {
        Optional<ReconcileRun> current = run.filter(r -> r.step() == ReconcileRun.Step.EXECUTIONS);
        if (current.isEmpty()) {
            return; // an abandoned run's answer
        }
        executionsRequest = Optional.empty();
        if (reply.isError()) {
            fail(current.get(), "reqExecutions: " + reply.getError().getMessage());
            return;
        }
        adoptFinished(current.get(), reply.getValue());
        reply.getValue().forEach(intake::onFill); // fills already seen live are applied once, by execId
        ReconcileRun.Tally tally = new ReconcileRun.Tally();
        for (TrackedOrder order : tracker.snapshot()) {
            if (order.awaitsReconciliation() || order.phase() == TrackedOrder.Phase.NOT_FOUND) {
                List<OrderEvent> events = order.reconcile(current.get().isOpen(order.orderId()),
                        current.get().completed(order.permId()));
                OrderEvent.Reconciled outcome = (OrderEvent.Reconciled) events.get(events.size() - 1);
                tally.add(outcome.outcome());
                if (outcome.outcome() == Reconciliation.NOT_FOUND_AT_TWS) {
                    context.getLog().warn("Order {} was not found at TWS after {}: it may never have arrived, or TWS"
                            + " may still transmit it; it stays tracked", order.orderId(), current.get().cause());
                }
                tracker.apply(order, events);
            }
        }
        context.getLog().info("Reconciled {} order(s) with TWS after {}: {} ({} execution(s) of the day)",
                tally.total(), current.get().cause(), tally, reply.getValue().size());
        run = Optional.empty();
    }

    /** Orders of this client id nobody followed that TWS lists as completed, found through their fills' permIds. */
    private void adoptFinished(ReconcileRun current, List<Execution> executions) {
        Map<Integer, List<Execution>> untracked = executions.stream().filter(e -> e.clientId() == clientId
                && e.orderId() > 0 && tracker.get(e.orderId()).isEmpty() && !tracker.isFinished(e.orderId()))
                .collect(Collectors.groupingBy(Execution::orderId, LinkedHashMap::new, Collectors.toList()));
        untracked.forEach((orderId, fills) -> current.completedOrder(fills.get(0).permId())
                .ifPresent(order -> intake.adoptFinished(orderId, order, fills)));
    }

    private <T> void ask(AnswerQueue<T> queue, boolean openOrders, String description, byte[] frame,
                         java.util.function.BiConsumer<List<T>, String> done) {
        long id = queue.add(done);
        sender.query(description, frame, reason -> queue.notSent(id, reason));
        timers.startSingleTimer(new AnswerTimedOut(openOrders, id), settings.reconcileTimeout());
    }

    private boolean isCurrent(ReconcileRun candidate, ReconcileRun.Step step) {
        return run.isPresent() && run.get() == candidate && candidate.step() == step;
    }

    private void fail(ReconcileRun current, String reason) {
        run = Optional.empty();
        long waiting = tracker.all().stream().filter(TrackedOrder::awaitsReconciliation).count();
        context.getLog().warn("Reconciliation with TWS after {} failed ({}): {} order(s) stay unreconciled; trying "
                + "again in {} s", current.cause(), reason, waiting, settings.reconcileTimeout().toSeconds());
        timers.startSingleTimer(Retry.INSTANCE, settings.reconcileTimeout());
    }

    private void abandon(String reason) {
        run.ifPresent(r -> context.getLog().info("Reconciliation after {} abandoned: {}", r.cause(), reason));
        run = Optional.empty();
        executionsRequest.ifPresent(context::stop);
        executionsRequest = Optional.empty();
        timers.cancel(Retry.INSTANCE);
        open.failAll(reason);
        completed.failAll(reason);
    }

    private <T> boolean refused(ActorRef<StatusReply<List<T>>> replyTo) {
        if (state.isConnected()) {
            return false;
        }
        replyTo.tell(StatusReply.error(new OrderException(OrderException.Reason.NOT_CONNECTED, 0, 0,
                "not connected to TWS")));
        return true;
    }

    private static OrderException failure(String request, String reason) {
        return new OrderException(reason.startsWith("no answer") ? OrderException.Reason.TIMEOUT
                : OrderException.Reason.NOT_CONNECTED, 0, 0, request + " failed: " + reason);
    }
}
