package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state machine of one logical connection (host, port, client id); one method per {@link ConnectionState}. It
 * spawns and watches a fresh {@link SocketActor} per attempt, numbered by an epoch; anything tagged with an older epoch
 * is dropped. Every loss leads to RECONNECTING with the next delay of the {@link Backoff}, and to a new attempt when the
 * timer fires; it never gives up. Only {@link Close} ends it, and a close is not reported as a failure.
 */
public final class ConnectionSupervisor {

    /** Messages of the supervisor. */
    public sealed interface Command permits SocketConnected, SocketReady, SocketFailed, SessionEventsReceived,
            Subscribe, Unsubscribe, RequestCurrentTime, AwaitReady, GetSocketOptions, Close, RetryNow, StableReady,
            SocketStopped, SubscriberStopped, CurrentTimeOutcome {
    }

    /** The socket of an epoch is connected; the handshake starts. */
    record SocketConnected(long epoch) implements Command {
    }

    /** The socket of an epoch completed the handshake. */
    record SocketReady(long epoch, Ready ready, Optional<SocketOptionsReport> options, SocketWriter writer)
            implements Command {
    }

    /** The socket of an epoch failed and is stopping. */
    record SocketFailed(long epoch, FailureReason reason) implements Command {
    }

    /**
     * Session-level messages of one batch of frames, decoded in their socket's stream. The socket reads on only once
     * they are taken, so a flood of notices is held at TCP, not in this mailbox.
     *
     * @param epoch  the socket they came from
     * @param events the messages, in order
     * @param taken  told once they are handled (or dropped as stale)
     */
    public record SessionEventsReceived(long epoch, List<SessionEvent> events, ActorRef<Done> taken)
            implements Command {
        /** Copies the list. */
        public SessionEventsReceived {
            events = List.copyOf(events);
        }
    }

    /**
     * Adds a subscriber to state changes and notices; it first receives the current state (as a move to itself, with
     * the reason, attempt and next delay of the move that led there).
     *
     * @param subscriber watched, dropped when it stops
     */
    public record Subscribe(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /** @param subscriber to remove */
    public record Unsubscribe(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    /**
     * Sends reqCurrentTime through the pacer.
     *
     * @param replyTo TWS's clock, or an error if the request is rejected or the connection is lost first
     */
    public record RequestCurrentTime(ActorRef<StatusReply<Instant>> replyTo) implements Command {
    }

    /** @param replyTo told the Ready of the current connection, now or when it is next READY; an error once closed */
    public record AwaitReady(ActorRef<StatusReply<Ready>> replyTo) implements Command {
    }

    /** @param replyTo the options of the last socket that reported them */
    public record GetSocketOptions(ActorRef<Optional<SocketOptionsReport>> replyTo) implements Command {
    }

    /**
     * Closes for good: no more attempts, nothing more sent.
     *
     * @param replyTo told when the socket is gone
     */
    public record Close(ActorRef<Done> replyTo) implements Command {
    }

    private enum RetryNow implements Command {
        INSTANCE
    }

    private enum StableReady implements Command {
        INSTANCE
    }

    private record SocketStopped(long epoch) implements Command {
    }

    private record SubscriberStopped(ActorRef<ConnectionEvent> subscriber) implements Command {
    }

    private record CurrentTimeOutcome(OutboundRequest.Outcome outcome) implements Command {
    }

    private static final Object RETRY_TIMER = "retry";
    private static final Object STABLE_TIMER = "stable";

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ConnectionSettings settings;
    private final ActorRef<Pacer.Command> pacer;
    private final SocketFactory sockets;
    private final ConnectionMetrics metrics;
    private final AtomicReference<ConnectionState> stateView;
    private final Attempts attempts;
    private final ConnectionEvents<Command> events;
    private final SessionRules sessionRules;
    private final Waiters<Ready> readyWaiters = new Waiters<>();
    private final CurrentTimeRequests currentTime;
    private final List<ActorRef<Done>> closeWaiters = new ArrayList<>();

    private ConnectionState state = ConnectionState.DISCONNECTED;
    private Optional<ActorRef<SocketActor.Command>> socket = Optional.empty();
    private Optional<Ready> ready = Optional.empty();
    private Optional<SocketOptionsReport> socketOptions = Optional.empty();
    private boolean platformNotesLogged;

    private ConnectionSupervisor(ActorContext<Command> context, TimerScheduler<Command> timers,
                                 ConnectionSettings settings, ActorRef<Pacer.Command> pacer, SocketFactory sockets,
                                 ConnectionMetrics metrics, AtomicReference<ConnectionState> stateView,
                                 LogSettings log, Protocol protocol) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.pacer = pacer;
        this.sockets = sockets;
        this.metrics = metrics;
        this.stateView = stateView;
        this.attempts = new Attempts(settings);
        this.events = new ConnectionEvents<>(context, SubscriberStopped::new, log, protocol);
        this.sessionRules = protocol.sessionRules(context.getLog(), events::publish);
        this.currentTime = new CurrentTimeRequests(pacer, protocol,
                context.messageAdapter(OutboundRequest.Outcome.class, CurrentTimeOutcome::new));
    }

    /**
     * @param settings  the connection's settings
     * @param pacer     gets each READY socket
     * @param sockets   makes the socket of each attempt
     * @param metrics   connection counters
     * @param stateView written on every transition, for readers outside the actor system
     * @param log       how the READY line at INFO shows the accounts
     * @param protocol  how session events map to states, and the clock request
     * @return the behaviour; the first attempt starts at once
     */
    public static Behavior<Command> create(ConnectionSettings settings, ActorRef<Pacer.Command> pacer,
                                           SocketFactory sockets, ConnectionMetrics metrics,
                                           AtomicReference<ConnectionState> stateView, LogSettings log,
                                           Protocol protocol) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ConnectionSupervisor(ctx, timers, settings,
                pacer, sockets, metrics, stateView, log, protocol).connect()));
    }

    // ---------------------------------------------------------------- states

    private Behavior<Command> connect() {
        attempts.next();
        long epoch = attempts.epoch();
        ActorRef<SocketActor.Command> child = context.spawn(Behaviors.supervise(
                        sockets.socket(epoch, attempts.clientId(), context.getSelf()))
                .onFailure(SupervisorStrategy.resume()), "socket-" + epoch, DispatcherSelector.sameAsParent());
        context.watchWith(child, new SocketStopped(epoch));
        socket = Optional.of(child);
        transition(ConnectionState.CONNECTING, Optional.empty(), Optional.empty(), false);
        return connecting();
    }

    private Behavior<Command> connecting() {
        return withCommon(staleFilter()
                .onMessage(SocketConnected.class, m -> {
                    transition(ConnectionState.HANDSHAKING, Optional.empty(), Optional.empty(), false);
                    return handshaking();
                })
                .onMessage(SocketFailed.class, m -> lost(m.reason())));
    }

    private Behavior<Command> handshaking() {
        return withCommon(staleFilter()
                .onMessage(SocketReady.class, this::onSocketReady)
                .onMessage(SocketFailed.class, m -> lost(m.reason())));
    }

    private Behavior<Command> ready() {
        return withCommon(staleFilter()
                .onMessage(SessionEventsReceived.class, this::onSessionEvents)
                .onMessage(SocketFailed.class, m -> lost(m.reason())));
    }

    private Behavior<Command> reconnecting() {
        return withCommon(staleFilter().onMessage(RetryNow.class, m -> connect()));
    }

    private Behavior<Command> closed() {
        BehaviorBuilder<Command> closed = Behaviors.receive(Command.class)
                .onMessage(SocketStopped.class, m -> {
                    if (socket.isPresent() && m.epoch() == attempts.epoch()) {
                        socket = Optional.empty();
                        closeWaiters.forEach(w -> w.tell(Done.getInstance()));
                        closeWaiters.clear();
                    }
                    return Behaviors.same();
                })
                .onMessage(Close.class, m -> {
                    if (socket.isPresent()) {
                        closeWaiters.add(m.replyTo());
                    } else {
                        m.replyTo().tell(Done.getInstance());
                    }
                    return Behaviors.same();
                })
                .onMessage(RequestCurrentTime.class, m -> same(() -> m.replyTo().tell(StatusReply.error(
                        "the connection is closed"))))
                .onMessage(AwaitReady.class, m -> same(() -> m.replyTo().tell(StatusReply.error(
                        "the connection is closed"))));
        // The queries before the catch-all, which drops whatever a dead socket or a timer may still send.
        return withQueries(closed).onAnyMessage(m -> Behaviors.same()).build();
    }

    /** What every state answers alike, CLOSED included. */
    private BehaviorBuilder<Command> withQueries(BehaviorBuilder<Command> builder) {
        return builder
                .onMessage(Subscribe.class, m -> same(() -> events.add(m.subscriber(), state, ready, attempts.attempt())))
                .onMessage(Unsubscribe.class, m -> same(() -> events.remove(m.subscriber())))
                .onMessage(SubscriberStopped.class, m -> same(() -> events.remove(m.subscriber())))
                .onMessage(CurrentTimeOutcome.class, m -> same(() -> currentTime.onOutcome(m.outcome())))
                .onMessage(GetSocketOptions.class, m -> same(() -> m.replyTo().tell(socketOptions)));
    }

    private static Behavior<Command> same(Runnable effect) {
        effect.run();
        return Behaviors.same();
    }

    // ---------------------------------------------------------------- transitions

    private Behavior<Command> onSocketReady(SocketReady m) {
        ready = Optional.of(m.ready());
        m.options().ifPresent(o -> socketOptions = Optional.of(o));
        if (!platformNotesLogged && socketOptions.isPresent()) {
            platformNotesLogged = true;
            socketOptions.get().platformNotes(settings.socket()).forEach(context.getLog()::info);
        }
        metrics.connected();
        timers.startSingleTimer(STABLE_TIMER, StableReady.INSTANCE, settings.backoff().resetAfter());
        pacer.tell(new Pacer.SocketReady(attempts.epoch(), socket.orElseThrow(), m.writer(),
                m.ready().serverVersion()));
        transition(ConnectionState.READY, Optional.empty(), Optional.empty(), true);
        // After the news went out: whoever places an order once ready() completes finds READY already in the order
        // book's mailbox.
        readyWaiters.answerAll(m.ready());
        return ready();
    }

    private Behavior<Command> lost(FailureReason reason) {
        if (state.isConnected()) {
            metrics.disconnected();
        }
        timers.cancel(STABLE_TIMER);
        pacer.tell(Pacer.SocketGone.INSTANCE);
        currentTime.failAll("connection lost before TWS answered: " + reason);
        socket.ifPresent(context::stop);
        socket = Optional.empty();
        metrics.lost(reason);
        Duration delay = attempts.lost(reason);
        timers.startSingleTimer(RETRY_TIMER, RetryNow.INSTANCE, delay);
        transition(ConnectionState.RECONNECTING, Optional.of(reason), Optional.of(delay), false);
        return reconnecting();
    }

    private Behavior<Command> onSessionEvents(SessionEventsReceived m) {
        Behavior<Command> next = Behaviors.same();
        try {
            for (SessionEvent event : m.events()) {
                next = onSessionEvent(event);
                if (next != Behaviors.<Command>same()) {
                    break; // only a lost socket changes the behaviour: what else it sent is of no use now
                }
            }
        } finally {
            m.taken().tell(Done.getInstance());
        }
        return next;
    }

    private Behavior<Command> onSessionEvent(SessionEvent event) {
        SessionVerdict verdict = sessionRules.onEvent(event, state);
        if (verdict instanceof SessionVerdict.Lose lose) {
            return lost(lose.reason());
        } else if (verdict instanceof SessionVerdict.PeerClock clock) {
            currentTime.answer(clock.clock());
        } else if (verdict == SessionVerdict.Degrade.INSTANCE && state == ConnectionState.READY) {
            transition(ConnectionState.DEGRADED, Optional.empty(), Optional.empty(), false);
        } else if (verdict instanceof SessionVerdict.Restore restore && state == ConnectionState.DEGRADED) {
            transition(ConnectionState.READY, Optional.empty(), Optional.empty(), restore.dataLost());
        }
        return Behaviors.same();
    }

    private void transition(ConnectionState to, Optional<FailureReason> reason, Optional<Duration> nextDelay,
                            boolean dataLost) {
        ConnectionState from = state;
        state = to;
        stateView.set(to); // before the event: a subscriber that reads client.state() on an event sees its state
        events.changed(new ConnectionEvent.StateChanged(to, from, reason,
                to == ConnectionState.RECONNECTING ? attempts.attempt() + 1 : attempts.attempt(), nextDelay,
                to == ConnectionState.READY ? ready : Optional.empty(), dataLost, Instant.now()),
                settings.host() + ":" + settings.port());
    }

    // ---------------------------------------------------------------- in every state but CLOSED

    private Behavior<Command> withCommon(BehaviorBuilder<Command> builder) {
        return withQueries(builder)
                .onMessage(SocketStopped.class, this::onSocketStopped)
                .onMessage(StableReady.class, m -> {
                    context.getLog().debug("READY for {}: backoff reset", settings.backoff().resetAfter());
                    attempts.stable();
                    return Behaviors.same();
                })
                .onMessage(RequestCurrentTime.class, m -> same(() -> currentTime.request(m.replyTo())))
                .onMessage(AwaitReady.class, this::onAwaitReady)
                .onMessage(Close.class, this::onClose)
                .onMessage(SessionEventsReceived.class, m -> {
                    context.getLog().debug("Session events outside READY ignored: {}", m.events());
                    m.taken().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .build();
    }

    /** Drops everything an older socket says; it must never be taken for the current one. */
    private BehaviorBuilder<Command> staleFilter() {
        return Behaviors.receive(Command.class)
                .onMessage(SocketConnected.class, m -> m.epoch() != attempts.epoch(), m -> stale(m, m.epoch()))
                .onMessage(SocketReady.class, m -> m.epoch() != attempts.epoch(), m -> stale(m, m.epoch()))
                .onMessage(SocketFailed.class, m -> m.epoch() != attempts.epoch(), m -> stale(m, m.epoch()))
                .onMessage(SessionEventsReceived.class, m -> m.epoch() != attempts.epoch(), m -> {
                    m.taken().tell(Done.getInstance());
                    return stale(m, m.epoch());
                })
                .onMessage(SocketStopped.class, m -> m.epoch() != attempts.epoch(), m -> Behaviors.same());
    }

    private Behavior<Command> stale(Command message, long messageEpoch) {
        context.getLog().debug("Dropped {} from socket epoch {} (current {})", message, messageEpoch, attempts.epoch());
        return Behaviors.same();
    }

    private Behavior<Command> onSocketStopped(SocketStopped m) {
        if (state == ConnectionState.RECONNECTING) {
            return Behaviors.same();
        }
        // The socket stopped without reporting a reason: a bug in it, already logged by Akka.
        return lost(new FailureReason(FailureReason.Kind.CONNECTION_LOST, "the socket actor of epoch " + m.epoch()
                + " stopped unexpectedly"));
    }

    private Behavior<Command> onAwaitReady(AwaitReady m) {
        if (state.isConnected()) {
            m.replyTo().tell(StatusReply.success(ready.orElseThrow()));
        } else {
            readyWaiters.add(0, m.replyTo());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onClose(Close m) {
        if (state.isConnected()) {
            metrics.disconnected();
        }
        timers.cancelAll();
        pacer.tell(Pacer.Shutdown.INSTANCE);
        currentTime.failAll("the connection was closed");
        readyWaiters.failAll("the connection was closed");
        closeWaiters.add(m.replyTo());
        socket.ifPresentOrElse(context::stop, () -> closeWaiters.forEach(w -> w.tell(Done.getInstance())));
        if (socket.isEmpty()) {
            closeWaiters.clear();
        }
        transition(ConnectionState.CLOSED, Optional.empty(), Optional.empty(), false);
        return closed();
    }
}
