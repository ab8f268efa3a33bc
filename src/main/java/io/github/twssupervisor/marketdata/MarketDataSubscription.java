package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One logical market data subscription. A child of the client, not of the socket, so it outlives reconnects: it owns
 * its request, the wire request id of the current connection, and its subscribers.
 *
 * <ul>
 * <li>On READY after a new socket, and on notice 1101 (data lost), it re-issues its request through the pacer, under a
 *     new request id; on 1102 (data kept) it does nothing.</li>
 * <li>Subscribers get {@link MarketDataEvent.Interrupted} when data stops being trustworthy (connection lost, 1100) and
 *     {@link MarketDataEvent.Resumed} when the re-issued request is on the wire (or TWS kept the data): one pair per
 *     outage.</li>
 * <li>Errors for its request id: the fatal ones (no security definition, not subscribed, ...) end it with
 *     {@link MarketDataEvent.Ended}; the others arrive as {@link MarketDataEvent.Warning}.</li>
 * <li>Subscribers are watched. When the last one goes it asks its owner to retire it, and only when the owner agrees
 *     (no new subscriber was routed to it meanwhile) does it send cancelMktData and stop, so no subscriber can be lost
 *     in that race.</li>
 * </ul>
 *
 * No timer and no thread per subscription: ten thousand of them cost ten thousand small actors.
 */
public final class MarketDataSubscription extends AbstractBehavior<RequestEvent> {

    /** Messages of a subscription (it also receives its request's {@link MarketDataEvent}s and errors). */
    public sealed interface Command extends RequestEvent permits Subscribe, SubscribeStream, Unsubscribe, Stop,
            Reinstated, SubscriberStopped, ConnectionChanged, Outcome, RetryIssue, RateCheck {
    }

    /**
     * @param subscriber receives every event from now on; watched
     */
    public record Subscribe(ActorRef<MarketDataEvent> subscriber) implements Command {
    }

    /**
     * A stream's source subscribes: it gets the events of each batch of frames as one {@link MarketDataBatch}.
     *
     * @param source receives every event from now on; watched
     */
    public record SubscribeStream(ActorRef<MarketDataBatch> source) implements Command {
    }

    /**
     * @param subscriber receives nothing more
     */
    public record Unsubscribe(ActorRef<MarketDataEvent> subscriber) implements Command {
    }

    /** The owner agreed to retire this subscription: stop, unless a subscriber arrived meanwhile. */
    public enum Stop implements Command {
        /** The one instance. */
        INSTANCE
    }

    /** The owner took this subscription back after a retirement that was called off. */
    public enum Reinstated implements Command {
        /** The one instance. */
        INSTANCE
    }

    private record SubscriberStopped(ActorRef<?> subscriber) implements Command {
    }

    private record ConnectionChanged(ConnectionEvent event) implements Command {
    }

    private record Outcome(OutboundRequest.Outcome outcome) implements Command {
    }

    private enum RetryIssue implements Command {
        INSTANCE
    }

    private enum RateCheck implements Command {
        INSTANCE
    }

    private static final Duration RETRY_AFTER_REJECTION = Duration.ofSeconds(1);
    /** After error 100, how long a request may stay unanswered before it counts as one TWS rejected. */
    private static final Duration ANSWER_GRACE_AFTER_RATE_ERROR = Duration.ofSeconds(2);

    private final TimerScheduler<RequestEvent> timers;
    private final MarketDataRequest request;
    private final SubscriptionPorts ports;
    private final ActorRef<OutboundRequest.Outcome> outcomes;
    private final ActorRef<ConnectionEvent> connectionEvents;
    private final Audience subscribers = new Audience();
    private ConnectionState connection = ConnectionState.DISCONNECTED;
    /** The request id on the current socket, 0 when no request is live. */
    private int reqId;
    private boolean interrupted;
    private boolean retiring;
    private boolean ended;
    /** Why it ended, told to any subscriber that arrives afterwards. */
    private MarketDataEvent.Ended endedWith;
    /** Whether anything arrived for the current request id: TWS accepted it. */
    private boolean answered;

    private MarketDataSubscription(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                                   MarketDataRequest request, SubscriptionPorts ports) {
        super(context);
        this.timers = timers;
        this.request = request;
        this.ports = ports;
        this.outcomes = context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new);
        this.connectionEvents = context.messageAdapter(ConnectionEvent.class, ConnectionChanged::new);
        // The supervisor answers with the current state at once: a subscription made while READY issues right away.
        ports.supervisor().tell(new ConnectionSupervisor.Subscribe(connectionEvents));
    }

    /**
     * @param request the request to keep alive
     * @param ports   the client's actors
     * @return the behaviour
     */
    public static Behavior<RequestEvent> create(MarketDataRequest request, SubscriptionPorts ports) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new MarketDataSubscription(ctx, timers, request,
                ports)));
    }

    @Override
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(MarketDataEvent.class, this::onMarketData)
                .onMessage(RequestError.class, this::onRequestError)
                .onMessage(RequestEvents.class, this::onRequestEvents)
                .onMessage(Subscribe.class, m -> onSubscribe(m.subscriber(), () -> subscribers.addActor(m.subscriber()),
                        m.subscriber()::tell))
                .onMessage(SubscribeStream.class, m -> onSubscribe(m.source(), () -> subscribers.addStream(m.source()),
                        event -> m.source().tell(MarketDataBatch.of(event))))
                .onMessage(Unsubscribe.class, m -> onSubscriberGone(m.subscriber()))
                .onMessage(SubscriberStopped.class, m -> onSubscriberGone(m.subscriber()))
                .onMessage(ConnectionChanged.class, this::onConnectionChanged)
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(RetryIssue.class, m -> {
                    if (reqId == 0 && connection.isConnected() && !ended) {
                        issue();
                    }
                    return this;
                })
                .onMessage(RateCheck.class, m -> onRateCheck())
                .onMessage(Stop.class, m -> onStop())
                .onMessage(Reinstated.class, m -> this)
                .build();
    }

    // ------------------------------------------------------------------ events of the request

    private Behavior<RequestEvent> onMarketData(MarketDataEvent event) {
        if (ended) {
            return this;
        }
        answered = true;
        publish(event);
        if (request.snapshot() && event instanceof MarketDataEvent.SnapshotEnd) {
            // TWS ends a snapshot by itself: nothing to cancel, nothing to re-issue.
            unregister();
            end(0, "snapshot complete");
        }
        return this;
    }

    private Behavior<RequestEvent> onRequestEvents(RequestEvents batch) {
        subscribers.startBatch();
        try {
            if (!batch.withErrors() && !request.snapshot()) {
                // Nothing in it can end a stream subscription (only errors, and a snapshot's end, do): its events go
                // on unread, which spares a cache miss per event (the socket's thread made them).
                if (!ended) {
                    answered = true;
                    subscribers.publishUnread(batch.events());
                }
                return this;
            }
            for (RequestEvent event : batch.events()) {
                if (event instanceof MarketDataEvent marketData) {
                    onMarketData(marketData);
                } else if (event instanceof RequestError error) {
                    onRequestError(error);
                }
            }
            return this;
        } finally {
            // Even after a bug's exception (this actor is resumed): what was collected goes out, and later events are
            // not left in a batch that never ends.
            subscribers.endBatch();
        }
    }

    private Behavior<RequestEvent> onRequestError(RequestError m) {
        SessionCodec.TwsError error = m.error();
        if (ended || error.id() != reqId) {
            return this;
        }
        answered = true;
        if (MarketDataErrors.isFatal(error.code())) {
            getContext().getLog().warn("{} ended by TWS error {}: {}", request.description(), error.code(),
                    error.message());
            unregister();
            end(error.code(), error.message());
        } else {
            getContext().getLog().info("{}: TWS says {} {}", request.description(), error.code(), error.message());
            publish(new MarketDataEvent.Warning(error.code(), error.message()));
        }
        return this;
    }

    // ------------------------------------------------------------------ the connection

    private Behavior<RequestEvent> onConnectionChanged(ConnectionChanged m) {
        if (ended) {
            return this;
        }
        if (m.event() instanceof ConnectionEvent.Notice notice) {
            if (notice.kind() == ConnectionEvent.NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST
                    && connection == ConnectionState.READY) {
                // 1101 without a 1100 before it: TWS dropped the subscription while we thought all was well.
                interrupt("TWS lost market data subscriptions (1101)");
                unregister();
                issue();
            } else if (notice.code() == TwsErrorCode.MAX_RATE_EXCEEDED && reqId != 0 && !answered) {
                // TWS rejected some message above its rate and says not which (id -1): if this request stays
                // unanswered, it was one of them.
                timers.startSingleTimer(RateCheck.INSTANCE, ANSWER_GRACE_AFTER_RATE_ERROR);
            }
            return this;
        }
        ConnectionEvent.StateChanged change = (ConnectionEvent.StateChanged) m.event();
        ConnectionState previous = connection;
        connection = change.state();
        switch (change.state()) {
            case READY:
                if (reqId == 0 || change.dataLost() && change.previous() != ConnectionState.READY) {
                    unregister();
                    issue();
                } else if (interrupted) {
                    resume();
                }
                break;
            case DEGRADED:
                interrupt("TWS lost its connection to IB (" + TwsErrorCode.CONNECTIVITY_LOST + ")");
                break;
            case CLOSED:
                unregister();
                end(0, "the connection was closed");
                break;
            default:
                if (previous.isConnected() || reqId != 0) {
                    interrupt("connection lost: " + change.reason().map(Object::toString).orElse(change.state()
                            .toString()));
                }
                unregister();
                break;
        }
        return this;
    }

    private Behavior<RequestEvent> onRateCheck() {
        if (!ended && reqId != 0 && !answered && connection == ConnectionState.READY) {
            int rejected = reqId;
            getContext().getLog().info("{}: request {} unanswered after TWS error {} (rate exceeded): re-issuing",
                    request.description(), rejected, TwsErrorCode.MAX_RATE_EXCEEDED);
            interrupt("TWS rejected requests above its message rate (" + TwsErrorCode.MAX_RATE_EXCEEDED + ")");
            // In case TWS did take it after all: a cancel for an unknown id costs only an error 300.
            ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(rejected, "cancelMktData "
                    + request.contract().displayName(), v -> MarketDataCodec.cancelMktData(rejected),
                    getContext().getSystem().ignoreRef(), OutboundRequest.Retention.DROP_ON_DISCONNECT)));
            unregister();
            issue();
        }
        return this;
    }

    private void issue() {
        answered = false;
        reqId = ports.requestIds().next();
        int id = reqId;
        ports.dispatcher().tell(new Dispatcher.RegisterOwner(id, getContext().getSelf()));
        request.marketDataType().ifPresent(type -> ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(-id,
                "reqMarketDataType " + type, v -> MarketDataCodec.reqMarketDataType(type), outcomes,
                OutboundRequest.Retention.DROP_ON_DISCONNECT))));
        ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id, request.description(),
                version -> MarketDataCodec.reqMktData(version, id, request.contract(), request.genericTicks(),
                        request.snapshot(), false), outcomes, OutboundRequest.Retention.DROP_ON_DISCONNECT)));
        getContext().getLog().debug("{} issued as request {}", request.description(), id);
    }

    private Behavior<RequestEvent> onOutcome(Outcome m) {
        if (m.outcome().requestId() != reqId || ended) {
            return this;
        }
        if (m.outcome() instanceof OutboundRequest.Sent) {
            // Sent while DEGRADED is no resumption: TWS has no link to IB; the READY that follows decides.
            if (interrupted && connection == ConnectionState.READY) {
                resume();
            }
            return this;
        }
        OutboundRequest.Rejected rejected = (OutboundRequest.Rejected) m.outcome();
        switch (rejected.reason()) {
            case DISCONNECTED:
                // Re-issued on the next READY.
                break;
            case INVALID:
            case CLOSED:
                unregister();
                end(0, rejected.message());
                break;
            default:
                // Queue full, or not connected under the fail policy: try again soon rather than give up.
                interrupt(rejected.message());
                unregister();
                timers.startSingleTimer(RetryIssue.INSTANCE, RETRY_AFTER_REJECTION);
                break;
        }
        return this;
    }

    private void interrupt(String reason) {
        if (!interrupted) {
            interrupted = true;
            publish(new MarketDataEvent.Interrupted(reason));
        }
    }

    private void resume() {
        interrupted = false;
        publish(new MarketDataEvent.Resumed());
    }

    private void unregister() {
        if (reqId != 0) {
            ports.dispatcher().tell(new Dispatcher.UnregisterOwner(reqId));
            reqId = 0;
        }
    }

    // ------------------------------------------------------------------ subscribers and retirement

    /**
     * @param subscriber the actor or stream's source
     * @param add        adds it to the subscribers; false if it was there already
     * @param tellNow    tells it one event
     */
    private Behavior<RequestEvent> onSubscribe(ActorRef<?> subscriber, BooleanSupplier add,
                                               Consumer<MarketDataEvent> tellNow) {
        if (ended) {
            tellNow.accept(endedWith);
            return this;
        }
        if (add.getAsBoolean()) {
            getContext().watchWith(subscriber, new SubscriberStopped(subscriber));
            if (interrupted) {
                tellNow.accept(new MarketDataEvent.Interrupted("waiting for the connection"));
            }
        }
        return this;
    }

    private Behavior<RequestEvent> onSubscriberGone(ActorRef<?> subscriber) {
        if (subscribers.remove(subscriber)) {
            getContext().unwatch(subscriber);
        }
        if (subscribers.isEmpty() && !retiring) {
            retiring = true;
            ports.owner().tell(new SubscriptionLifecycle.Retire(request, getContext().getSelf().narrow()));
        }
        return this;
    }

    private Behavior<RequestEvent> onStop() {
        if (subscribers.isEmpty() || ended) {
            if (reqId != 0 && !ended) {
                int id = reqId;
                // Nobody waits for the outcome: this actor is gone by then.
                ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id, "cancelMktData "
                        + request.contract().displayName(), v -> MarketDataCodec.cancelMktData(id),
                        getContext().getSystem().ignoreRef(), OutboundRequest.Retention.DROP_ON_DISCONNECT)));
            }
            unregister();
            ports.supervisor().tell(new ConnectionSupervisor.Unsubscribe(connectionEvents));
            return Behaviors.stopped();
        }
        retiring = false;
        ports.owner().tell(new SubscriptionLifecycle.Unretire(request, getContext().getSelf().narrow()));
        return this;
    }

    private void end(int code, String message) {
        ended = true;
        endedWith = new MarketDataEvent.Ended(code, message);
        publish(endedWith);
        subscribers.clear(s -> getContext().unwatch(s));
        if (!retiring) {
            retiring = true;
            ports.owner().tell(new SubscriptionLifecycle.Retire(request, getContext().getSelf().narrow()));
        }
    }

    private void publish(MarketDataEvent event) {
        subscribers.publish(event);
    }
}
