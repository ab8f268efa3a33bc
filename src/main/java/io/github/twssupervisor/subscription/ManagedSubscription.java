package io.github.twssupervisor.subscription;

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
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One logical subscription of any domain, kept alive by the kernel. A child of the client, not of the socket, so it
 * outlives reconnects: it owns its request ({@link SubscriptionSpec}), the wire request id of the current connection,
 * and its subscribers.
 *
 * <ul>
 * <li>On READY after a new socket, and on notice 1101 (data lost), it re-issues its request through the pacer, under a
 *     new request id; on 1102 (data kept) it resumes without sending anything (each as the spec's
 *     {@link SubscriptionSpec.Recovery} says).</li>
 * <li>Subscribers get {@link Lifecycle.Interrupted} when data stops being trustworthy (connection lost, 1100) and
 *     {@link Lifecycle.Resumed} when the re-issued request is on the wire (or TWS kept the data): one pair per
 *     outage.</li>
 * <li>Errors for its request id: the fatal ones end it with {@link Lifecycle.Ended}; the others arrive as
 *     {@link Lifecycle.Warning}. After error 100 (rate exceeded, which names no request), a request still unanswered
 *     two seconds later is taken as rejected and re-issued.</li>
 * <li>Subscribers are watched. When the last one goes it asks its owner to retire it, and only when the owner agrees
 *     (no new subscriber was routed to it meanwhile) does it send the cancel and stop, so no subscriber can be lost in
 *     that race.</li>
 * </ul>
 *
 * No timer and no thread per subscription while all is well: ten thousand of them cost ten thousand small actors.
 *
 * @param <E> the domain's event type
 */
public final class ManagedSubscription<E extends RequestEvent> extends AbstractBehavior<RequestEvent> {

    /** Messages of a subscription (it also receives its request's events and errors from the dispatcher). */
    public sealed interface Command extends RequestEvent permits Subscribe, SubscribeStream, Unsubscribe, Stop,
            SubscriberStopped, ConnectionChanged, Outcome, RetryIssue, RateCheck {
    }

    /**
     * @param subscriber receives every event from now on; watched
     * @param <E>        the domain's event type
     */
    public record Subscribe<E>(ActorRef<E> subscriber) implements Command {
    }

    /**
     * A stream's source subscribes: it gets the events of each batch of frames as one {@link EventBatch}.
     *
     * @param source receives every event from now on; watched
     * @param <E>    the domain's event type
     */
    public record SubscribeStream<E>(ActorRef<EventBatch<E>> source) implements Command {
    }

    /**
     * @param subscriber receives nothing more
     */
    public record Unsubscribe(ActorRef<?> subscriber) implements Command {
    }

    /** The owner agreed to retire this subscription: stop, unless a subscriber arrived meanwhile. */
    public enum Stop implements Command {
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
    private final SubscriptionSpec<E> spec;
    private final SubscriptionPorts ports;
    private final ActorRef<ConnectionEvent> connectionEvents;
    private final RequestLine line;
    private final Audience<E> subscribers;
    private final Replay<E> replay;
    private ConnectionState connection = ConnectionState.DISCONNECTED;
    private boolean retiring;
    private boolean ended;

    private ManagedSubscription(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                                SubscriptionSpec<E> spec, SubscriptionPorts ports) {
        super(context);
        this.timers = timers;
        this.spec = spec;
        this.ports = ports;
        this.subscribers = new Audience<>(spec::signal, ports.metrics().subscriptions().entry(Audience.domainOf(spec)));
        this.replay = new Replay<>(spec);
        this.line = new RequestLine(spec, ports, context.getSelf(),
                context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new), context.getSystem().ignoreRef(),
                context.getLog());
        this.connectionEvents = context.messageAdapter(ConnectionEvent.class, ConnectionChanged::new);
        // The supervisor answers with the current state at once: a subscription made while READY issues right away.
        ports.supervisor().tell(new ConnectionSupervisor.Subscribe(connectionEvents));
    }

    /**
     * @param spec  the request to keep alive
     * @param ports the client's actors
     * @param <E>   the domain's event type
     * @return the behaviour
     */
    public static <E extends RequestEvent> Behavior<RequestEvent> create(SubscriptionSpec<E> spec,
                                                                         SubscriptionPorts ports) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ManagedSubscription<>(ctx, timers, spec,
                ports)));
    }

    /** Subscribers come from the client, which built them with this subscription's spec: they take its events. */
    @Override
    @SuppressWarnings("unchecked")
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(spec.eventType(), this::onEvent)
                .onMessage(RequestError.class, this::onRequestError)
                .onMessage(RequestEvents.class, this::onRequestEvents)
                .onMessage((Class<Subscribe<E>>) (Class<?>) Subscribe.class, m -> onSubscribe(m.subscriber(),
                        () -> subscribers.addActor(m.subscriber()), m.subscriber()::tell))
                .onMessage((Class<SubscribeStream<E>>) (Class<?>) SubscribeStream.class, m -> onSubscribe(m.source(),
                        () -> subscribers.addStream(m.source()), event -> m.source().tell(EventBatch.of(event))))
                .onMessage(Unsubscribe.class, m -> onSubscriberGone(m.subscriber()))
                .onMessage(SubscriberStopped.class, m -> onSubscriberGone(m.subscriber()))
                .onMessage(ConnectionChanged.class, this::onConnectionChanged)
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(RetryIssue.class, m -> {
                    if (!line.isLive() && connection.isConnected() && !ended) {
                        issue();
                    }
                    return this;
                })
                .onMessage(RateCheck.class, m -> onRateCheck())
                .onMessage(Stop.class, m -> onStop())
                .build();
    }

    // ------------------------------------------------------------------ events of the request

    private Behavior<RequestEvent> onEvent(E event) {
        if (ended) {
            return this;
        }
        line.markAnswered();
        replay.record(event);
        subscribers.publish(event);
        Optional<String> complete = spec.terminal(event);
        if (complete.isPresent()) {
            // TWS ended the request by itself: nothing to cancel, nothing to re-issue.
            end(0, complete.get());
        }
        return this;
    }

    private Behavior<RequestEvent> onRequestEvents(RequestEvents batch) {
        subscribers.startBatch();
        try {
            if (!batch.withErrors() && !spec.hasTerminal() && !spec.hasReplay()) {
                // Nothing in it can end the subscription (only errors, and a terminal event, do): its events go on
                // unread, which spares a cache miss per event (the socket's thread made them).
                if (!ended) {
                    line.markAnswered();
                    subscribers.publishUnread(batch.events());
                }
                return this;
            }
            for (RequestEvent event : batch.events()) {
                if (spec.eventType().isInstance(event)) {
                    onEvent(spec.eventType().cast(event));
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
        if (ended || error.id() != line.id()) {
            return this;
        }
        line.markAnswered();
        if (spec.isFatal(error.code())) {
            getContext().getLog().warn("{} ended by TWS error {}: {}", spec.description(), error.code(),
                    error.message());
            end(error.code(), error.message());
        } else {
            getContext().getLog().info("{}: TWS says {} {}", spec.description(), error.code(), error.message());
            subscribers.publish(spec.signal(new Lifecycle.Warning(error.code(), error.message())));
        }
        return this;
    }

    // ------------------------------------------------------------------ the connection

    private Behavior<RequestEvent> onConnectionChanged(ConnectionChanged m) {
        if (ended) {
            return this;
        }
        Optional<String> refusal = m.event() instanceof ConnectionEvent.StateChanged change
                ? change.ready().flatMap(spec::refusal) : Optional.empty();
        if (refusal.isPresent()) {
            getContext().getLog().warn("{} not sent: {}", spec.description(), refusal.get());
            end(0, refusal.get());
            return this;
        }
        Recoveries.Reaction reaction = Recoveries.react(m.event(), connection, line, subscribers.isInterrupted(),
                spec);
        if (m.event() instanceof ConnectionEvent.StateChanged change) {
            connection = change.state();
        }
        apply(reaction);
        return this;
    }

    private void apply(Recoveries.Reaction reaction) {
        if (reaction.interrupt() != null) {
            subscribers.interrupt(reaction.interrupt());
        }
        if (reaction.drop()) {
            line.unregister();
        }
        if (reaction.recovery() != null) {
            recover(reaction.recovery(), reaction.why());
        }
        if (reaction.checkRate()) {
            timers.startSingleTimer(RateCheck.INSTANCE, ANSWER_GRACE_AFTER_RATE_ERROR);
        }
        if (reaction.retry()) {
            timers.startSingleTimer(RetryIssue.INSTANCE, RETRY_AFTER_REJECTION);
        }
    }

    /** READY again, or TWS's word on its data: what the spec says for this kind of recovery. */
    private void recover(SubscriptionSpec.Recovery recovery, String why) {
        switch (recovery) {
            case REISSUE:
                line.unregister();
                issue();
                break;
            case RESUME:
                subscribers.resume(false);
                break;
            default:
                end(0, why);
                break;
        }
    }

    private Behavior<RequestEvent> onRateCheck() {
        if (!ended && line.isLive() && !line.answered() && connection == ConnectionState.READY) {
            getContext().getLog().info("{}: request {} unanswered after TWS error {} (rate exceeded): re-issuing",
                    spec.description(), line.id(), TwsErrorCode.MAX_RATE_EXCEEDED);
            subscribers.interrupt("TWS rejected requests above its message rate (" + TwsErrorCode.MAX_RATE_EXCEEDED
                    + ")");
            // In case TWS did take it after all: a cancel for an unknown id costs only an error 300.
            line.cancel();
            line.unregister();
            issue();
        }
        return this;
    }

    private Behavior<RequestEvent> onOutcome(Outcome m) {
        if (m.outcome().requestId() != line.id() || ended) {
            return this;
        }
        if (m.outcome() instanceof OutboundRequest.Sent) {
            // Sent while DEGRADED is no resumption: TWS has no link to IB; the READY that follows decides.
            if (connection == ConnectionState.READY) {
                subscribers.resume(true);
            }
            return this;
        }
        apply(Recoveries.onRejected((OutboundRequest.Rejected) m.outcome()));
        return this;
    }

    // ------------------------------------------------------------------ subscribers and retirement

    /**
     * @param subscriber the actor or stream's source
     * @param add        adds it to the subscribers; false if it was there already
     * @param tellNow    tells it one event
     */
    private Behavior<RequestEvent> onSubscribe(ActorRef<?> subscriber, BooleanSupplier add, Consumer<E> tellNow) {
        if (ended) {
            tellNow.accept(subscribers.endedWith());
            return this;
        }
        if (add.getAsBoolean()) {
            getContext().watchWith(subscriber, new SubscriberStopped(subscriber));
            // The full set first, then the outage it may be in: an Interrupted after it leaves the set stale.
            replay.events().forEach(tellNow);
            subscribers.greeting().ifPresent(tellNow);
        }
        return this;
    }

    private Behavior<RequestEvent> onSubscriberGone(ActorRef<?> subscriber) {
        if (subscribers.remove(subscriber)) {
            getContext().unwatch(subscriber);
        }
        if (subscribers.isEmpty()) {
            retire();
        }
        return this;
    }

    private Behavior<RequestEvent> onStop() {
        if (subscribers.isEmpty() || ended) {
            if (!ended) {
                line.cancel();
            }
            line.unregister();
            ports.supervisor().tell(new ConnectionSupervisor.Unsubscribe(connectionEvents));
            subscribers.gone();
            return Behaviors.stopped();
        }
        retiring = false;
        ports.owner().tell(new Retirement.Unretire(spec, getContext().getSelf().narrow()));
        return this;
    }

    /** Sends the request afresh: TWS answers with a new full set, so nothing kept of the old one is replayed. */
    private void issue() {
        replay.clear();
        line.issue();
    }

    /** The request is over for good: nothing more is routed here, and subscribers get Ended last. */
    private void end(int code, String message) {
        line.unregister();
        ended = true;
        subscribers.end(code, message, s -> getContext().unwatch(s));
        retire();
    }

    private void retire() {
        if (!retiring) {
            retiring = true;
            ports.owner().tell(new Retirement.Retire(spec, getContext().getSelf().narrow()));
        }
    }
}
