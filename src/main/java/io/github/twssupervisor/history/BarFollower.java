package io.github.twssupervisor.history;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
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
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One keepUpToDate series ({@code client.history().follow(...)}), kept alive across reconnects; a child of the
 * {@link HistoricalPacer}, which admits each of its requests under TWS's historical pacing and counts the live one
 * as open for as long as it runs.
 *
 * <pre>
 *   READY (first)      ask the pacer -> Admitted -> reqHistoricalData(keepUpToDate) -> Bars, End, Update, Update ...
 *   connection lost    Interrupted; the request is forgotten (TWS forgot it too), its pacing slot released
 *   DEGRADED (1100)    Interrupted; the request stays
 *   READY again, 1101  ask the pacer again, for the duration since the last data plus two bars ({@link BarSeries})
 *                      -> catch-up bars merged by time as Updates (the forming bar replaced) -> Resumed
 *   READY after 1102   Resumed: TWS kept the request
 *   error 162          told to the pacer: one retry after the window, then Ended(162, TWS's text)
 *   other error        Ended(code, text), except TWS's warnings (2100..2199)
 *   subscriber gone    cancelHistoricalData, slot released, stop
 * </pre>
 *
 * State is in the behaviour's parameter ({@link State}); one behaviour, one receive table.
 */
final class BarFollower {

    /** What the pacer tells a follower. */
    sealed interface Command extends RequestEvent permits Admitted, PacingFailed {
    }

    /** The pacer admitted the request asked for: send it now; {@code pacingId} releases it later. */
    record Admitted(long pacingId) implements Command {
    }

    /** A second 162 (or the pacer's queue refused it): the series is over, with this text. */
    record PacingFailed(String message) implements Command {
    }

    private record ConnectionChanged(ConnectionEvent event) implements RequestEvent {
    }

    private record Outcome(OutboundRequest.Outcome outcome) implements RequestEvent {
    }

    private enum SubscriberGone implements RequestEvent {
        INSTANCE
    }

    private enum Retry implements RequestEvent {
        INSTANCE
    }

    /**
     * @param series      what was delivered
     * @param connection  the connection's state
     * @param asking      the request asked of the pacer and not yet admitted, or null
     * @param live        the request on the wire, or null
     * @param reqId       its request id, 0 when none
     * @param pacingId    its admission, -1 when none
     * @param interrupted whether the subscriber was told Interrupted and not Resumed since
     * @param ended       whether the series is over (the behaviour stops)
     */
    private record State(BarSeries series, ConnectionState connection, HistoricalRequest asking,
                         HistoricalRequest live, int reqId, long pacingId, boolean interrupted, boolean ended) {

        State with(BarSeries s) {
            return new State(s, connection, asking, live, reqId, pacingId, interrupted, ended);
        }

        State with(ConnectionState c) {
            return new State(series, c, asking, live, reqId, pacingId, interrupted, ended);
        }

        State asking(HistoricalRequest r) {
            return new State(series, connection, r, live, reqId, pacingId, interrupted, ended);
        }

        State live(HistoricalRequest r, int id, long pacing) {
            return new State(series, connection, null, r, id, pacing, interrupted, ended);
        }

        State dropped() {
            return new State(series, connection, asking, null, 0, -1, interrupted, ended);
        }

        State interrupted(boolean i) {
            return new State(series, connection, asking, live, reqId, pacingId, i, ended);
        }

        State over() {
            return new State(series, connection, null, null, 0, -1, interrupted, true);
        }
    }

    private static final Duration RETRY_AFTER_REJECTION = Duration.ofSeconds(1);

    private final ActorContext<RequestEvent> context;
    private final TimerScheduler<RequestEvent> timers;
    private final KeepUpToDateSpec spec;
    private final ActorRef<EventBatch<HistoricalDataEvent>> subscriber;
    private final SubscriptionPorts ports;
    private final ActorRef<RequestEvent> pacer;
    private final Clock clock;
    private final ActorRef<ConnectionEvent> connectionEvents;
    private final ActorRef<OutboundRequest.Outcome> outcomes;

    private BarFollower(ActorContext<RequestEvent> context, TimerScheduler<RequestEvent> timers, KeepUpToDateSpec spec,
                        ActorRef<EventBatch<HistoricalDataEvent>> subscriber, SubscriptionPorts ports,
                        ActorRef<RequestEvent> pacer, Clock clock) {
        this.context = context;
        this.timers = timers;
        this.spec = spec;
        this.subscriber = subscriber;
        this.ports = ports;
        this.pacer = pacer;
        this.clock = clock;
        this.connectionEvents = context.messageAdapter(ConnectionEvent.class, ConnectionChanged::new);
        this.outcomes = context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new);
    }

    /**
     * @param request    the series, with keepUpToDate
     * @param subscriber the stream's source; watched: when it stops, so does the series
     * @param ports      the client's actors
     * @param pacer      the historical pacer, which admits every request
     * @param clock      the time catch-up durations are measured in
     * @return the behaviour
     */
    static Behavior<RequestEvent> create(HistoricalRequest request,
                                         ActorRef<EventBatch<HistoricalDataEvent>> subscriber,
                                         SubscriptionPorts ports, ActorRef<RequestEvent> pacer, Clock clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            BarFollower f = new BarFollower(ctx, timers, new KeepUpToDateSpec(request), subscriber, ports, pacer,
                    clock);
            ctx.watchWith(subscriber, SubscriberGone.INSTANCE);
            // The supervisor answers with the current state at once: a series made while READY asks right away.
            ports.supervisor().tell(new ConnectionSupervisor.Subscribe(f.connectionEvents));
            return f.running(new State(BarSeries.empty(), ConnectionState.DISCONNECTED, null, null, 0, -1, false,
                    false));
        }));
    }

    private Behavior<RequestEvent> running(State s) {
        return Behaviors.receive(RequestEvent.class)
                .onMessage(HistoricalDataEvent.class, e -> become(onData(s, e)))
                .onMessage(RequestError.class, e -> become(onError(s, e)))
                .onMessage(RequestEvents.class, batch -> become(onBatch(s, batch.events())))
                .onMessage(Admitted.class, m -> become(onAdmitted(s, m)))
                .onMessage(PacingFailed.class, m -> become(end(s.dropped(), TwsErrorCode.HISTORICAL_DATA_SERVICE,
                        m.message())))
                .onMessage(ConnectionChanged.class, m -> become(onConnection(s, m.event())))
                .onMessage(Outcome.class, m -> become(onOutcome(s, m.outcome())))
                .onMessageEquals(Retry.INSTANCE, () -> become(ask(s)))
                .onMessageEquals(SubscriberGone.INSTANCE, () -> become(stop(s)))
                .build();
    }

    private Behavior<RequestEvent> become(State s) {
        return s.ended() ? Behaviors.stopped() : running(s);
    }

    // ------------------------------------------------------------------ data

    private State onBatch(State s, List<RequestEvent> events) {
        State now = s;
        for (RequestEvent e : events) {
            if (now.ended()) {
                break;
            }
            now = e instanceof RequestError error ? onError(now, error)
                    : e instanceof HistoricalDataEvent data ? onData(now, data) : now;
        }
        return now;
    }

    private State onData(State s, HistoricalDataEvent e) {
        State next = s;
        if (e instanceof HistoricalDataEvent.Bars bars) {
            next = deliver(s, s.series().answered(bars.bars(), clock.instant()));
        } else if (e instanceof HistoricalDataEvent.Update update) {
            next = deliver(s, s.series().updated(update.bar(), clock.instant()));
        }
        if (e.isEnd()) {
            if (next.interrupted()) {
                tell(spec.signal(new Lifecycle.Resumed(true))); // a catch-up: the gap is filled
                next = next.interrupted(false);
            } else {
                // The first answer is complete (before sv 196 the range came with the bars). Every later request is
                // a catch-up after an Interrupted.
                tell(e instanceof HistoricalDataEvent.Bars b ? new HistoricalDataEvent.End(b.start(), b.end()) : e);
            }
        }
        return next;
    }

    private State deliver(State s, BarSeries.Merged merged) {
        if (!merged.events().isEmpty()) {
            subscriber.tell(new EventBatch<>(merged.events()));
        }
        return s.with(merged.next());
    }

    private State onError(State s, RequestError m) {
        if (m.error().id() != s.reqId() || s.live() == null) {
            return s;
        }
        int code = m.error().code();
        if (code == TwsErrorCode.HISTORICAL_DATA_SERVICE) {
            // Pacing (or TWS's service refused): the pacer retries it once after the window, or gives up.
            ports.dispatcher().tell(new Dispatcher.UnregisterOwner(s.reqId()));
            pacer.tell(new HistoricalPacer.Refused162(s.pacingId(), m.error().message()));
            return s.dropped().asking(s.live());
        }
        if (spec.isFatal(code)) {
            context.getLog().warn("{} ended by TWS error {}: {}", spec.description(), code, m.error().message());
            return end(release(s), code, m.error().message());
        }
        tell(spec.signal(new Lifecycle.Warning(code, m.error().message())));
        return s;
    }

    // ------------------------------------------------------------------ the connection and the pacer

    private State onConnection(State s, ConnectionEvent event) {
        if (!(event instanceof ConnectionEvent.StateChanged change)) {
            return s;
        }
        State next = s.with(change.state());
        switch (change.state()) {
            case READY:
                if (s.live() == null) {
                    return ask(next);
                }
                if (change.dataLost() && change.previous() != ConnectionState.READY) {
                    // 1101: TWS dropped the request; ask again for what was missed.
                    cancel(next);
                    return ask(interrupt(release(next), "TWS lost its data ("
                            + TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST + ")"));
                }
                if (s.interrupted()) {
                    tell(spec.signal(new Lifecycle.Resumed(false))); // 1102: TWS kept the request
                    return next.interrupted(false);
                }
                return next;
            case DEGRADED:
                return interrupt(next, "TWS lost its connection to IB (" + TwsErrorCode.CONNECTIVITY_LOST + ")");
            case CLOSED:
                return end(release(next), 0, "the connection was closed");
            default:
                boolean started = s.live() != null || s.series().lastTime().isPresent();
                State dropped = release(next);
                return started ? interrupt(dropped, "connection lost: " + change.reason().map(Object::toString)
                        .orElse(change.state().toString())) : dropped;
        }
    }

    /** Asks the pacer for the series' request, or for the catch-up after a gap; once at a time. */
    private State ask(State s) {
        if (s.asking() != null || s.live() != null || s.connection() != ConnectionState.READY) {
            return s;
        }
        HistoricalRequest r = next(s);
        pacer.tell(new HistoricalPacer.Admit(r, context.getSelf().narrow()));
        return s.asking(r);
    }

    /** @return the request to send now: the series' own, or the catch-up from the last data to now */
    private HistoricalRequest next(State s) {
        return s.series().catchUp(clock.instant(), spec.request().barSize()).map(d -> spec.request().withDuration(d))
                .orElse(spec.request());
    }

    private State onAdmitted(State s, Admitted m) {
        if (s.asking() == null || s.connection() != ConnectionState.READY) {
            // Not now (the connection went meanwhile): the next READY asks again.
            pacer.tell(new HistoricalPacer.Release(m.pacingId()));
            return s.asking(null);
        }
        // A catch-up may have waited in the pacer's queue: it covers the gap up to now, not up to when it asked.
        HistoricalRequest r = next(s);
        int id = ports.requestIds().next();
        ports.dispatcher().tell(new Dispatcher.RegisterOwner(id, context.getSelf()));
        KeepUpToDateSpec.Message request = new KeepUpToDateSpec(r).request(id);
        ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id, request.description(), request.encoder(),
                outcomes, OutboundRequest.Retention.DROP_ON_DISCONNECT)));
        context.getLog().debug("{} issued as request {} ({})", spec.description(), id, r.duration());
        return s.live(r, id, m.pacingId());
    }

    private State onOutcome(State s, OutboundRequest.Outcome outcome) {
        if (outcome.requestId() != s.reqId() || !(outcome instanceof OutboundRequest.Rejected rejected)) {
            return s;
        }
        if (rejected.reason() == OutboundRequest.Reason.INVALID || rejected.reason() == OutboundRequest.Reason.CLOSED) {
            return end(release(s), 0, rejected.message());
        }
        // Disconnected: the next READY asks again. Queue full: try again soon, a gap in the series.
        if (rejected.reason() == OutboundRequest.Reason.DISCONNECTED) {
            return release(s);
        }
        timers.startSingleTimer(Retry.INSTANCE, RETRY_AFTER_REJECTION);
        return interrupt(release(s), "not sent: " + rejected.message());
    }

    // ------------------------------------------------------------------ helpers

    private State interrupt(State s, String why) {
        if (!s.interrupted()) {
            tell(spec.signal(new Lifecycle.Interrupted(why)));
        }
        return s.interrupted(true);
    }

    /** Forgets the live request: no more routing, its pacing slot freed. */
    private State release(State s) {
        if (s.live() != null) {
            ports.dispatcher().tell(new Dispatcher.UnregisterOwner(s.reqId()));
            pacer.tell(new HistoricalPacer.Release(s.pacingId()));
        }
        return s.dropped();
    }

    private void cancel(State s) {
        if (s.live() != null) {
            spec.cancel(s.reqId()).ifPresent(c -> ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(s.reqId(),
                    c.description(), c.encoder(), context.getSystem().ignoreRef(),
                    OutboundRequest.Retention.DROP_ON_DISCONNECT))));
        }
    }

    private void tell(HistoricalDataEvent event) {
        subscriber.tell(EventBatch.of(event));
    }

    private State end(State s, int code, String message) {
        tell(spec.signal(new Lifecycle.Ended(code, message)));
        return stop(s);
    }

    private State stop(State s) {
        cancel(s);
        release(s);
        ports.supervisor().tell(new ConnectionSupervisor.Unsubscribe(connectionEvents));
        return s.over();
    }
}
