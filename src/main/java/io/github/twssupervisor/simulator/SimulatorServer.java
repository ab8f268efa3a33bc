package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.io.TcpSO;
import akka.stream.Materializer;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The simulator's listening socket and its registry of API clients. It binds, spawns one {@link SimulatorSession} per
 * accepted connection and watches it, and is the single authority on client ids, so that two connections racing with
 * the same id cannot both win.
 */
public final class SimulatorServer extends AbstractBehavior<SimulatorServer.Command> {

    /** Messages of the server. */
    public sealed interface Command permits AwaitBinding, GetStats, GetClients, Stop, RegisterClient, Accepted,
            BindSucceeded, BindFailed, Unbound, SessionStopped, Inject, Broadcast, Blast, StartChaos, PortClosed,
            Rebind {
    }

    /**
     * Injects a fault.
     *
     * @param command the fault and the connections it applies to
     * @param replyTo told how many connections it was applied to (0 for faults on future handshakes)
     */
    public record Inject(FaultCommand command, ActorRef<Integer> replyTo) implements Command {
    }

    /**
     * Starts injecting random faults (see {@link ChaosMonkey}).
     *
     * @param meanInterval the mean time between two faults
     * @param seed         the seed of the schedule
     * @param printer      told one line per injection
     */
    public record StartChaos(Duration meanInterval, long seed, Consumer<String> printer) implements Command {
    }

    /**
     * Streams blast frames to every client (see {@link SimulatorSession.StartBlast}).
     *
     * @param perSubscription frames for each streaming subscription
     * @param replyTo         told how many frames were written in all, once they are
     */
    public record Blast(int perSubscription, ActorRef<Long> replyTo) implements Command {
    }

    /**
     * Sends a frame to every client past startApi.
     *
     * @param frame   a complete frame
     * @param replyTo told how many clients got it
     */
    public record Broadcast(byte[] frame, ActorRef<Integer> replyTo) implements Command {
    }

    /**
     * Asks for the bound address, answered once the socket is bound (or binding failed).
     *
     * @param replyTo receives the outcome
     */
    public record AwaitBinding(ActorRef<BindOutcome> replyTo) implements Command {
    }

    /**
     * Asks for the counters.
     *
     * @param replyTo receives a snapshot
     */
    public record GetStats(ActorRef<SimulatorStats> replyTo) implements Command {
    }

    /**
     * Asks for the connected clients.
     *
     * @param replyTo receives them, ordered by client id
     */
    public record GetClients(ActorRef<List<ClientInfo>> replyTo) implements Command {
    }

    /**
     * Unbinds, closes every connection and stops.
     *
     * @param replyTo told when all of that is done
     */
    public record Stop(ActorRef<Done> replyTo) implements Command {
    }

    /** A session's startApi: answered with {@link SimulatorSession.Registered} or {@link SimulatorSession.Rejected}. */
    record RegisterClient(ClientInfo info, ActorRef<SimulatorSession.Command> session) implements Command {
    }

    private record Accepted(Tcp.IncomingConnection connection) implements Command {
    }

    private record BindSucceeded(Tcp.ServerBinding binding) implements Command {
    }

    private record BindFailed(Throwable cause) implements Command {
    }

    private enum Unbound implements Command {
        INSTANCE
    }

    private record SessionStopped(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    /** A {@code refuse} fault unbound the port. */
    private record PortClosed(Duration duration, ActorRef<Integer> replyTo) implements Command {
    }

    /** A {@code refuse} fault is over, or binding again failed: bind the port again. */
    private enum Rebind implements Command {
        INSTANCE
    }

    /** The outcome of binding: the address, or why it failed. */
    public sealed interface BindOutcome permits Bound, NotBound {
    }

    /**
     * @param address the bound address, with the real port when 0 was asked for
     */
    public record Bound(InetSocketAddress address) implements BindOutcome {
    }

    /**
     * @param reason why the simulator could not listen
     */
    public record NotBound(String reason) implements BindOutcome {
    }

    /** How soon a port that could not be bound again after a {@code refuse} is tried again. */
    private static final Duration REBIND_RETRY = Duration.ofMillis(100);

    private final TimerScheduler<Command> timers;
    private final Materializer materializer;
    private final SimulatorMetrics metrics = new SimulatorMetrics();
    private final SessionRegistry registry = new SessionRegistry();
    /** The settings new sessions get: a {@code pace-limit} for all changes them. */
    private SimulatorSettings settings;
    private final List<ActorRef<BindOutcome>> bindingWaiters = new ArrayList<>();
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();
    private Optional<BindOutcome> bindOutcome = Optional.empty();
    private Optional<Tcp.ServerBinding> binding = Optional.empty();
    private Instant boundAt = Instant.now();
    private int nextOrderId;
    private long sessionCounter;
    private boolean stopping;
    private boolean unbound;
    /** Between a {@code refuse} and the port being bound again. */
    private boolean refusing;
    private int boundPort;
    /** Until when version frames wait (a {@code delay-handshake}), as {@link System#nanoTime()}. */
    private long handshakesDelayedUntil = System.nanoTime();

    private SimulatorServer(ActorContext<Command> context, TimerScheduler<Command> timers, SimulatorSettings settings) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.nextOrderId = settings.nextOrderId();
        this.boundPort = settings.port();
        this.materializer = Materializer.createMaterializer(context);
        bind();
    }

    private void bind() {
        Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> connections = Tcp.get(
                getContext().getSystem()).bind(settings.host(), boundPort, settings.acceptBacklog(),
                List.of(TcpSO.reuseAddress(true), TcpSO.tcpNoDelay(true)), false, Optional.empty());
        ActorRef<Command> self = getContext().getSelf();
        CompletionStage<Tcp.ServerBinding> bound = connections
                .to(Sink.foreach(connection -> self.tell(new Accepted(connection))))
                .run(materializer);
        getContext().pipeToSelf(bound, (b, failure) -> failure == null ? new BindSucceeded(b)
                : new BindFailed(failure));
    }

    /**
     * @param settings where to listen and how to behave
     * @return the behaviour of a new server, which binds at once
     */
    public static Behavior<Command> create(SimulatorSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SimulatorServer(ctx, timers, settings)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AwaitBinding.class, this::onAwaitBinding)
                .onMessage(BindSucceeded.class, this::onBindSucceeded)
                .onMessage(BindFailed.class, this::onBindFailed)
                .onMessage(Accepted.class, this::onAccepted)
                .onMessage(RegisterClient.class, this::onRegisterClient)
                .onMessage(SessionStopped.class, this::onSessionStopped)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(GetClients.class, this::onGetClients)
                .onMessage(Stop.class, this::onStop)
                .onMessage(Unbound.class, this::onUnbound)
                .onMessage(Inject.class, this::onInject)
                .onMessage(PortClosed.class, this::onPortClosed)
                .onMessage(Rebind.class, this::onRebind)
                .onMessage(StartChaos.class, this::onStartChaos)
                .onMessage(Blast.class, this::onBlast)
                .onMessage(Broadcast.class, m -> {
                    List<ActorRef<SimulatorSession.Command>> clients = registry.clients(Target.all());
                    clients.forEach(s -> s.tell(new SimulatorSession.SendFrame(m.frame())));
                    m.replyTo().tell(clients.size());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onAwaitBinding(AwaitBinding m) {
        bindOutcome.ifPresentOrElse(m.replyTo()::tell, () -> bindingWaiters.add(m.replyTo()));
        return this;
    }

    private Behavior<Command> onBindSucceeded(BindSucceeded m) {
        binding = Optional.of(m.binding());
        InetSocketAddress address = m.binding().localAddress();
        boundPort = address.getPort();
        if (stopping) {
            getContext().pipeToSelf(m.binding().unbind(), (done, failure) -> Unbound.INSTANCE);
            return this;
        }
        if (refusing) {
            refusing = false;
            getContext().getLog().info("Simulator listening again on {}:{}", address.getHostString(), boundPort);
            return this;
        }
        boundAt = Instant.now();
        getContext().getLog().info("Simulator listening on {}:{} (server versions up to {}, accounts {})",
                address.getHostString(), address.getPort(), settings.maxVersion(), settings.accounts());
        return answerBindingWaiters(new Bound(address));
    }

    private Behavior<Command> onBindFailed(BindFailed m) {
        if (refusing && !stopping) {
            getContext().getLog().warn("Simulator cannot listen again on port {} yet: {}", boundPort,
                    m.cause().getMessage());
            timers.startSingleTimer(Rebind.INSTANCE, REBIND_RETRY);
            return this;
        }
        String reason = "cannot listen on " + settings.host() + ":" + settings.port() + ": " + m.cause().getMessage();
        getContext().getLog().error("Simulator {}", reason);
        answerBindingWaiters(new NotBound(reason));
        stopWaiters.forEach(w -> w.tell(Done.getInstance()));
        return Behaviors.stopped();
    }

    private Behavior<Command> answerBindingWaiters(BindOutcome outcome) {
        bindOutcome = Optional.of(outcome);
        bindingWaiters.forEach(w -> w.tell(outcome));
        bindingWaiters.clear();
        return this;
    }

    private Behavior<Command> onAccepted(Accepted m) {
        metrics.connectionsAccepted.increment();
        if (stopping || refusing) {
            m.connection().handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.empty()), materializer);
            return this;
        }
        getContext().getLog().debug("Accepted connection from {}", m.connection().remoteAddress());
        Duration versionDelay = Duration.ofNanos(Math.max(0, handshakesDelayedUntil - System.nanoTime()));
        ActorRef<SimulatorSession.Command> session = getContext().spawn(
                SimulatorSession.create(getContext().getSelf(), settings, metrics, m.connection(), versionDelay),
                "session-" + (++sessionCounter));
        getContext().watchWith(session, new SessionStopped(session));
        registry.opened(session);
        return this;
    }

    private Behavior<Command> onRegisterClient(RegisterClient m) {
        int clientId = m.info().clientId();
        if (registry.inUse(clientId) || registry.takeRejection(clientId)) {
            m.session().tell(new SimulatorSession.Rejected(TwsErrorCode.CLIENT_ID_IN_USE,
                    "Unable to connect as the client id is already in use. Retry with a unique client id."));
        } else if (registry.clientCount() >= settings.maxClients()) {
            // TWS documents the limit of 32 clients but no error for the 33rd; the simulator names the limit.
            m.session().tell(new SimulatorSession.Rejected(TwsErrorCode.CONNECT_FAIL,
                    "Maximum number of API clients (" + settings.maxClients() + ") reached"));
        } else {
            registry.register(m.session(), m.info());
            m.session().tell(new SimulatorSession.Registered(nextOrderId));
        }
        return this;
    }

    private Behavior<Command> onSessionStopped(SessionStopped m) {
        registry.closed(m.session()).ifPresent(gone -> getContext().getLog().info(
                "Client {} disconnected ({} clients left)", gone.clientId(), registry.clientCount()));
        return maybeStopped();
    }

    private Behavior<Command> onGetStats(GetStats m) {
        m.replyTo().tell(new SimulatorStats(metrics.connectionsAccepted.sum(), registry.sessions().size(),
                registry.addressesById(),
                metrics.messagesIn.sum(), metrics.messagesOut.sum(), metrics.activeSubscriptions.sum(),
                metrics.pacingViolations.sum(), Duration.between(boundAt, Instant.now())));
        return this;
    }

    private Behavior<Command> onGetClients(GetClients m) {
        m.replyTo().tell(registry.clientList());
        return this;
    }

    private Behavior<Command> onInject(Inject m) {
        Fault fault = m.command().fault();
        Target target = m.command().target();
        getContext().getLog().info("Injecting fault '{}'", m.command().toLine());
        if (fault instanceof Fault.Refuse refuse) {
            return onRefuse(refuse.duration(), m.replyTo());
        } else if (fault instanceof Fault.DelayHandshake delay) {
            handshakesDelayedUntil = System.nanoTime() + delay.duration().toNanos();
            m.replyTo().tell(0);
            return this;
        } else if (fault instanceof Fault.RejectClientId) {
            registry.armRejection(target);
            m.replyTo().tell(0);
            return this;
        }
        List<ActorRef<SimulatorSession.Command>> affected = fault instanceof Fault.Drop
                ? registry.connections(target) : registry.clients(target);
        SimulatorSession.Command command = sessionCommand(fault);
        affected.forEach(s -> s.tell(command));
        if (fault instanceof Fault.PaceLimit limit && target.clientId().isEmpty()) {
            settings = settings.withMaxMessagesPerSecond(limit.perSecond());
        }
        m.replyTo().tell(affected.size());
        return this;
    }

    private SimulatorSession.Command sessionCommand(Fault fault) {
        if (fault instanceof Fault.Drop) {
            return SimulatorSession.Drop.INSTANCE;
        } else if (fault instanceof Fault.Notice notice) {
            InetSocketAddress address = new InetSocketAddress(settings.host(), boundPort);
            return new SimulatorSession.SendNotice(notice.code(), NoticeTexts.text(notice.code(), address),
                    notice.code() == TwsErrorCode.SOCKET_PORT_RESET);
        }
        return new SimulatorSession.Inject(fault);
    }

    /** Unbinds first, so that a client that reconnects at once finds the port closed; then closes the connections. */
    private Behavior<Command> onRefuse(Duration duration, ActorRef<Integer> replyTo) {
        if (refusing || binding.isEmpty() || stopping) {
            replyTo.tell(0);
            return this;
        }
        refusing = true;
        Tcp.ServerBinding closing = binding.get();
        binding = Optional.empty();
        getContext().pipeToSelf(closing.unbind(), (done, failure) -> new PortClosed(duration, replyTo));
        return this;
    }

    private Behavior<Command> onPortClosed(PortClosed m) {
        List<ActorRef<SimulatorSession.Command>> open = registry.sessions();
        getContext().getLog().info("Simulator port {} closed for {} ms: closing {} connections", boundPort,
                m.duration().toMillis(), open.size());
        open.forEach(s -> s.tell(SimulatorSession.Close.INSTANCE));
        timers.startSingleTimer(Rebind.INSTANCE, m.duration());
        m.replyTo().tell(open.size());
        return this;
    }

    private Behavior<Command> onRebind(Rebind m) {
        if (!stopping) {
            bind();
        }
        return this;
    }

    private Behavior<Command> onStartChaos(StartChaos m) {
        getContext().spawn(ChaosMonkey.create(getContext().getSelf(), m.meanInterval(), m.seed(), m.printer(),
                settings.maxMessagesPerSecond()), "chaos-monkey");
        return this;
    }

    private Behavior<Command> onBlast(Blast m) {
        getContext().spawnAnonymous(BlastCoordinator.create(registry.clients(Target.all()),
                m.perSubscription(), m.replyTo()));
        return this;
    }

    private Behavior<Command> onStop(Stop m) {
        stopWaiters.add(m.replyTo());
        if (!stopping) {
            stopping = true;
            getContext().getLog().info("Simulator stopping: closing {} connections", registry.sessions().size());
            registry.sessions().forEach(s -> s.tell(SimulatorSession.Close.INSTANCE));
            binding.ifPresentOrElse(
                    b -> getContext().pipeToSelf(b.unbind(), (done, failure) -> Unbound.INSTANCE),
                    () -> getContext().getSelf().tell(Unbound.INSTANCE));
        }
        return maybeStopped();
    }

    private Behavior<Command> onUnbound(Unbound m) {
        unbound = true;
        return maybeStopped();
    }

    private Behavior<Command> maybeStopped() {
        if (stopping && unbound && registry.isEmpty()) {
            stopWaiters.forEach(w -> w.tell(Done.getInstance()));
            return Behaviors.stopped();
        }
        return this;
    }
}
