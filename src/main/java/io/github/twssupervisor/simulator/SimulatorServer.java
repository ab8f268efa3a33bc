package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.stream.Materializer;
import akka.stream.javadsl.Tcp;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulator and its registry of API clients. Its {@link SimulatorPort} binds the socket; the server spawns one
 * {@link SimulatorSession} per accepted connection and watches it, and is the single authority on client ids, so that
 * two connections racing with the same id cannot both win. Its {@link OrderDesk} holds the orders of the run.
 */
public final class SimulatorServer extends AbstractBehavior<SimulatorServer.Command> {

    /** Messages of the server. */
    public sealed interface Command permits AwaitBinding, GetStats, GetClients, GetOrderBook, Stop, RegisterClient,
            Connected, Listening, NotListening, Unbound, SessionStopped, Inject, Broadcast, Blast, StartChaos,
            PortClosed {
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
    public record AwaitBinding(ActorRef<SimulatorPort.BindOutcome> replyTo) implements Command {
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

    /** Asks for a snapshot of the order book, which {@code replyTo} receives. */
    public record GetOrderBook(ActorRef<OrderBookSnapshot> replyTo) implements Command {
    }

    /**
     * Unbinds, closes every connection and stops.
     *
     * @param replyTo told when all of that is done
     */
    public record Stop(ActorRef<Done> replyTo) implements Command {
    }

    /** A session's startApi: refused with {@link SimulatorSession.Rejected}, or attached to the {@link OrderDesk}. */
    record RegisterClient(ClientInfo info, ActorRef<SimulatorSession.Command> session) implements Command {
    }

    /** The {@link SimulatorPort} accepted a connection to serve. */
    record Connected(Tcp.IncomingConnection connection) implements Command {
    }

    /** The {@link SimulatorPort} is bound for the first time. */
    record Listening(InetSocketAddress address) implements Command {
    }

    /** The {@link SimulatorPort} could not bind (and told the {@link AwaitBinding}s why): the simulator stops. */
    enum NotListening implements Command {
        INSTANCE
    }

    /** The {@link SimulatorPort} is unbound for good, after an {@link SimulatorPort.Unbind}. */
    enum Unbound implements Command {
        INSTANCE
    }

    /** A {@code refuse} fault unbound the port: close every connection, then tell {@code replyTo} how many. */
    record PortClosed(Duration duration, ActorRef<Integer> replyTo) implements Command {
    }

    private record SessionStopped(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    private final ActorRef<SimulatorPort.Command> port;
    private final ActorRef<OrderDesk.Command> orders;
    private final ActorRef<AccountDesk.Command> accounts;
    private final Materializer materializer;
    private final SimulatorMetrics metrics = new SimulatorMetrics();
    private final SessionRegistry registry = new SessionRegistry();
    private final InboundBudget inboundBudget;
    /** The settings new sessions get: a {@code pace-limit} for all changes them. */
    private SimulatorSettings settings;
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();
    private Instant boundAt = Instant.now();
    private long sessionCounter;
    private boolean stopping;
    private boolean unbound;
    private int boundPort;
    /** Until when version frames wait (a {@code delay-handshake}), as {@link System#nanoTime()}. */
    private long handshakesDelayedUntil = System.nanoTime();

    private SimulatorServer(ActorContext<Command> context, SimulatorSettings settings) {
        super(context);
        this.settings = settings;
        this.boundPort = settings.port();
        this.inboundBudget = new InboundBudget(settings.limits().maxBufferedBytes());
        this.materializer = Materializer.createMaterializer(context);
        this.port = context.spawn(SimulatorPort.create(context.getSelf(), settings, metrics), "port");
        this.accounts = context.spawn(AccountDesk.create(settings), "accounts");
        this.orders = context.spawn(OrderDesk.create(settings, metrics, accounts), "orders");
    }

    /**
     * @param settings where to listen and how to behave
     * @return the behaviour of a new server, which binds at once
     */
    public static Behavior<Command> create(SimulatorSettings settings) {
        return Behaviors.setup(ctx -> new SimulatorServer(ctx, settings));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AwaitBinding.class, this::onAwaitBinding)
                .onMessage(Listening.class, this::onListening)
                .onMessage(NotListening.class, this::onNotListening)
                .onMessage(Connected.class, this::onConnected)
                .onMessage(RegisterClient.class, this::onRegisterClient)
                .onMessage(SessionStopped.class, this::onSessionStopped)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(GetClients.class, this::onGetClients)
                .onMessage(GetOrderBook.class, this::onGetOrderBook)
                .onMessage(Stop.class, this::onStop)
                .onMessage(Unbound.class, this::onUnbound)
                .onMessage(Inject.class, this::onInject)
                .onMessage(PortClosed.class, this::onPortClosed)
                .onMessage(StartChaos.class, this::onStartChaos)
                .onMessage(Blast.class, this::onBlast)
                .onMessage(Broadcast.class, this::onBroadcast)
                .build();
    }

    private Behavior<Command> onAwaitBinding(AwaitBinding m) {
        port.tell(new SimulatorPort.AwaitBinding(m.replyTo()));
        return this;
    }

    private Behavior<Command> onListening(Listening m) {
        boundPort = m.address().getPort();
        boundAt = Instant.now();
        return this;
    }

    private Behavior<Command> onNotListening(NotListening m) {
        stopWaiters.forEach(w -> w.tell(Done.getInstance()));
        return Behaviors.stopped();
    }

    private Behavior<Command> onConnected(Connected m) {
        if (stopping) {
            SimulatorPort.turnAway(m.connection(), materializer);
            return this;
        }
        getContext().getLog().debug("Accepted connection from {}", m.connection().remoteAddress());
        Duration versionDelay = Duration.ofNanos(Math.max(0, handshakesDelayedUntil - System.nanoTime()));
        ActorRef<SimulatorSession.Command> session = getContext().spawn(
                SimulatorSession.create(new SessionResources(getContext().getSelf(), settings, metrics, accounts,
                        inboundBudget), m.connection(), versionDelay),
                "session-" + (++sessionCounter));
        getContext().watchWith(session, new SessionStopped(session));
        registry.opened(session);
        return this;
    }

    private Behavior<Command> onRegisterClient(RegisterClient m) {
        Optional<SimulatorSession.Rejected> refusal = registry.refusal(m.info().clientId(), settings.maxClients());
        if (refusal.isPresent()) {
            m.session().tell(refusal.get());
        } else {
            registry.register(m.session(), m.info());
            orders.tell(new OrderDesk.Attach(m.info(), m.session())); // which answers with the client's next id
        }
        return this;
    }

    private Behavior<Command> onSessionStopped(SessionStopped m) {
        registry.closed(m.session()).ifPresent(gone -> getContext().getLog().info(
                "Client {} disconnected ({} clients left)", gone.clientId(), registry.clientCount()));
        return maybeStopped();
    }

    private Behavior<Command> onGetStats(GetStats m) {
        m.replyTo().tell(metrics.snapshot(registry.sessions().size(), registry.addressesById(),
                Duration.between(boundAt, Instant.now())));
        return this;
    }

    private Behavior<Command> onGetClients(GetClients m) {
        m.replyTo().tell(registry.clientList());
        return this;
    }

    private Behavior<Command> onGetOrderBook(GetOrderBook m) {
        orders.tell(new OrderDesk.GetBook(m.replyTo()));
        return this;
    }

    private Behavior<Command> onInject(Inject m) {
        Fault fault = m.command().fault();
        Target target = m.command().target();
        getContext().getLog().info("Injecting fault '{}'", m.command().toLine());
        if (fault instanceof Fault.Refuse refuse) {
            port.tell(new SimulatorPort.Refuse(refuse.duration(), m.replyTo()));
            return this;
        } else if (fault instanceof Fault.DelayHandshake delay) {
            handshakesDelayedUntil = System.nanoTime() + delay.duration().toNanos();
            m.replyTo().tell(0);
            return this;
        } else if (fault instanceof Fault.RejectClientId) {
            registry.armRejection(target);
            m.replyTo().tell(0);
            return this;
        } else if (fault instanceof Fault.DropAfterOrder || fault instanceof Fault.NextIdBack) {
            orders.tell(new OrderDesk.Arm(m.command(), m.replyTo()));
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

    private Behavior<Command> onPortClosed(PortClosed m) {
        List<ActorRef<SimulatorSession.Command>> open = registry.sessions();
        getContext().getLog().info("Simulator port {} closed for {} ms: closing {} connections", boundPort,
                m.duration().toMillis(), open.size());
        open.forEach(s -> s.tell(SimulatorSession.Close.INSTANCE));
        m.replyTo().tell(open.size());
        return this;
    }

    private Behavior<Command> onStartChaos(StartChaos m) {
        getContext().spawn(ChaosMonkey.create(getContext().getSelf(), m.meanInterval(), m.seed(), m.printer(),
                settings.maxMessagesPerSecond()), "chaos-monkey");
        return this;
    }

    private Behavior<Command> onBroadcast(Broadcast m) {
        List<ActorRef<SimulatorSession.Command>> clients = registry.clients(Target.all());
        clients.forEach(s -> s.tell(new SimulatorSession.SendFrame(m.frame())));
        m.replyTo().tell(clients.size());
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
            port.tell(SimulatorPort.Unbind.INSTANCE);
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
