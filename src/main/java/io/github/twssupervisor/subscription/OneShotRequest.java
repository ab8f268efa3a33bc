package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestEvents;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One request -> rows -> End exchange (contract details, historical bars, executions, open orders): issues the request
 * through the pacer under a fresh request id, collects the rows until the End message and answers them all at once,
 * then stops. Never an empty answer that is not one:
 *
 * <ul>
 * <li>no End within the timeout: fails with {@link TimeoutException} (and sends the spec's cancel, if any);</li>
 * <li>a TWS error for its request id: fails with {@link TwsRequestException} carrying TWS's code and text;</li>
 * <li>the connection lost, or TWS's data lost (1101), after the request went out and before End: fails with
 *     {@link ConnectionLostException}; so does a request the pacer drops because its socket went;</li>
 * <li>a request the pacer rejects otherwise (queue full, closed, invalid arguments): fails with its reason.</li>
 * </ul>
 *
 * It is not re-issued after a reconnect: the caller decides whether the question is still worth asking.
 *
 * @param <R> a row of the answer
 */
public final class OneShotRequest<R> extends AbstractBehavior<RequestEvent> {

    /** Messages of a one-shot request besides its request's events and errors. */
    private sealed interface Command extends RequestEvent permits ConnectionChanged, Outcome, TimedOut {
    }

    private record ConnectionChanged(ConnectionEvent event) implements Command {
    }

    private record Outcome(OutboundRequest.Outcome outcome) implements Command {
    }

    private enum TimedOut implements Command {
        INSTANCE
    }

    private final OneShotSpec<R> spec;
    private final SubscriptionPorts ports;
    private final ActorRef<StatusReply<List<R>>> replyTo;
    private final ActorRef<ConnectionEvent> connectionEvents;
    private final Duration timeout;
    private final int reqId;
    private final List<R> rows = new ArrayList<>();
    /** Whether the request is on the wire: only then can a lost connection lose its answer. */
    private boolean sent;

    private OneShotRequest(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers,
                           OneShotSpec<R> spec, SubscriptionPorts ports, Duration timeout,
                           ActorRef<StatusReply<List<R>>> replyTo) {
        super(context);
        this.spec = spec;
        this.ports = ports;
        this.replyTo = replyTo;
        this.timeout = timeout;
        this.reqId = ports.requestIds().next();
        this.connectionEvents = context.messageAdapter(ConnectionEvent.class, ConnectionChanged::new);
        ports.supervisor().tell(new ConnectionSupervisor.Subscribe(connectionEvents));
        ports.dispatcher().tell(new Dispatcher.RegisterOwner(reqId, context.getSelf()));
        SubscriptionSpec.Message request = spec.request(reqId);
        ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(reqId, request.description(), request.encoder(),
                context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new),
                OutboundRequest.Retention.DROP_ON_DISCONNECT)));
        timers.startSingleTimer(TimedOut.INSTANCE, timeout);
    }

    /**
     * @param spec    the request
     * @param ports   the client's actors ({@code owner} is not used)
     * @param timeout how long the answer may take, queueing in the pacer included
     * @param replyTo gets the rows, in order, or the failure
     * @param <R>     a row of the answer
     * @return the behaviour; it stops once it answered
     */
    public static <R> Behavior<RequestEvent> create(OneShotSpec<R> spec, SubscriptionPorts ports, Duration timeout,
                                                    ActorRef<StatusReply<List<R>>> replyTo) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new OneShotRequest<>(ctx, timers, spec, ports,
                timeout, replyTo)));
    }

    @Override
    public Receive<RequestEvent> createReceive() {
        return newReceiveBuilder()
                .onMessage(RequestError.class, this::onError)
                .onMessage(RequestEvents.class, this::onEvents)
                .onMessage(ConnectionChanged.class, this::onConnectionChanged)
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(TimedOut.class, m -> onTimedOut())
                .onMessage(RequestEvent.class, this::onEvent)
                .build();
    }

    private Behavior<RequestEvent> onEvents(RequestEvents batch) {
        for (RequestEvent event : batch.events()) {
            Behavior<RequestEvent> next = event instanceof RequestError error ? onError(error) : onEvent(event);
            if (next != this) {
                return next;
            }
        }
        return this;
    }

    private Behavior<RequestEvent> onEvent(RequestEvent event) {
        spec.row(event).ifPresent(rows::add);
        if (spec.isEnd(event)) {
            getContext().getLog().debug("{} (request {}) answered with {} row(s)", spec.description(), reqId,
                    rows.size());
            return finish(StatusReply.success(List.copyOf(rows)));
        }
        return this;
    }

    private Behavior<RequestEvent> onError(RequestError m) {
        if (m.error().id() != reqId) {
            return this;
        }
        if (!spec.isFatal(m.error().code())) {
            getContext().getLog().info("{}: TWS says {} {}", spec.description(), m.error().code(),
                    m.error().message());
            return this;
        }
        return finish(StatusReply.error(new TwsRequestException(spec.description(), m.error().code(),
                m.error().message())));
    }

    private Behavior<RequestEvent> onConnectionChanged(ConnectionChanged m) {
        if (m.event() instanceof ConnectionEvent.StateChanged change) {
            if (change.state() == ConnectionState.CLOSED) {
                return finish(StatusReply.error(new ConnectionLostException(spec.description()
                        + ": the connection was closed before the answer was complete")));
            }
            if (sent && !change.state().isConnected()) {
                return lost("the connection was lost (" + change.reason().map(Object::toString)
                        .orElse(change.state().toString()) + ")");
            }
        } else if (sent && ((ConnectionEvent.Notice) m.event()).kind()
                == ConnectionEvent.NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST) {
            return lost("TWS lost its data (" + TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST + ")");
        }
        return this;
    }

    private Behavior<RequestEvent> lost(String why) {
        return finish(StatusReply.error(new ConnectionLostException(spec.description() + ": " + why
                + " before the answer was complete (" + rows.size() + " row(s) received)")));
    }

    private Behavior<RequestEvent> onOutcome(Outcome m) {
        if (m.outcome() instanceof OutboundRequest.Sent) {
            sent = true;
            return this;
        }
        OutboundRequest.Rejected rejected = (OutboundRequest.Rejected) m.outcome();
        if (rejected.reason() == OutboundRequest.Reason.DISCONNECTED) {
            return lost("the connection was lost (" + rejected.message() + ")");
        }
        return finish(StatusReply.error(new IllegalStateException(spec.description() + " was not sent: "
                + rejected.reason() + " " + rejected.message())));
    }

    private Behavior<RequestEvent> onTimedOut() {
        if (sent) {
            spec.cancel(reqId).ifPresent(cancel -> ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(reqId,
                    cancel.description(), cancel.encoder(), getContext().getSystem().ignoreRef(),
                    OutboundRequest.Retention.DROP_ON_DISCONNECT))));
        }
        return finish(StatusReply.error(new TimeoutException(spec.description() + ": no complete answer within "
                + timeout.toMillis() + " ms (" + rows.size() + " row(s) received)")));
    }

    private Behavior<RequestEvent> finish(StatusReply<List<R>> answer) {
        replyTo.tell(answer);
        ports.dispatcher().tell(new Dispatcher.UnregisterOwner(reqId));
        ports.supervisor().tell(new ConnectionSupervisor.Unsubscribe(connectionEvents));
        return Behaviors.stopped();
    }
}
