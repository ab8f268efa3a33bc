package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The simulator's listening socket and its registry of API clients. It binds, spawns one {@link SimulatorSession} per
 * accepted connection and watches it, and is the single authority on client ids, so that two connections racing with
 * the same id cannot both win.
 */
public final class SimulatorServer extends AbstractBehavior<SimulatorServer.Command> {

    /** Messages of the server. */
    public sealed interface Command permits AwaitBinding, GetStats, GetClients, Stop, RegisterClient, Accepted,
            BindSucceeded, BindFailed, Unbound, SessionStopped, Notice, DropClients, Broadcast, Blast {
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
     * Sends a session-level notice to every connected client.
     *
     * @param code      the TWS code
     * @param message   the text
     * @param thenClose close each connection after it
     * @param replyTo   told how many clients got it
     */
    public record Notice(int code, String message, boolean thenClose, ActorRef<Integer> replyTo) implements Command {
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
     * Drops every connection abruptly.
     *
     * @param replyTo told how many connections were dropped
     */
    public record DropClients(ActorRef<Integer> replyTo) implements Command {
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

    private final SimulatorSettings settings;
    private final SimulatorMetrics metrics = new SimulatorMetrics();
    private final Map<ActorRef<SimulatorSession.Command>, ClientInfo> clientsBySession = new HashMap<>();
    private final List<ActorRef<SimulatorSession.Command>> sessions = new ArrayList<>();
    private final List<ActorRef<BindOutcome>> bindingWaiters = new ArrayList<>();
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();
    private Optional<BindOutcome> bindOutcome = Optional.empty();
    private Optional<Tcp.ServerBinding> binding = Optional.empty();
    private Instant boundAt = Instant.now();
    private int nextOrderId;
    private long sessionCounter;
    private boolean stopping;
    private boolean unbound;

    private SimulatorServer(ActorContext<Command> context, SimulatorSettings settings) {
        super(context);
        this.settings = settings;
        this.nextOrderId = settings.nextOrderId();
        Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> connections = Tcp.get(context.getSystem())
                .bind(settings.host(), settings.port(), settings.acceptBacklog(), List.of(TcpSO.reuseAddress(true), TcpSO.tcpNoDelay(true)),
                        false, Optional.empty());
        ActorRef<Command> self = context.getSelf();
        CompletionStage<Tcp.ServerBinding> bound = connections
                .to(Sink.foreach(connection -> self.tell(new Accepted(connection))))
                .run(Materializer.createMaterializer(context));
        context.pipeToSelf(bound, (b, failure) -> failure == null ? new BindSucceeded(b) : new BindFailed(failure));
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
                .onMessage(BindSucceeded.class, this::onBindSucceeded)
                .onMessage(BindFailed.class, this::onBindFailed)
                .onMessage(Accepted.class, this::onAccepted)
                .onMessage(RegisterClient.class, this::onRegisterClient)
                .onMessage(SessionStopped.class, this::onSessionStopped)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(GetClients.class, this::onGetClients)
                .onMessage(Stop.class, this::onStop)
                .onMessage(Unbound.class, this::onUnbound)
                .onMessage(Notice.class, this::onNotice)
                .onMessage(DropClients.class, this::onDropClients)
                .onMessage(Blast.class, this::onBlast)
                .onMessage(Broadcast.class, m -> {
                    clientsBySession.keySet().forEach(s -> s.tell(new SimulatorSession.SendFrame(m.frame())));
                    m.replyTo().tell(clientsBySession.size());
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
        boundAt = Instant.now();
        InetSocketAddress address = m.binding().localAddress();
        getContext().getLog().info("Simulator listening on {}:{} (server versions up to {}, accounts {})",
                address.getHostString(), address.getPort(), settings.maxVersion(), settings.accounts());
        return answerBindingWaiters(new Bound(address));
    }

    private Behavior<Command> onBindFailed(BindFailed m) {
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
        if (stopping) {
            m.connection().handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.empty()),
                    Materializer.createMaterializer(getContext()));
            return this;
        }
        getContext().getLog().debug("Accepted connection from {}", m.connection().remoteAddress());
        ActorRef<SimulatorSession.Command> session = getContext().spawn(
                SimulatorSession.create(getContext().getSelf(), settings, metrics, m.connection()),
                "session-" + (++sessionCounter));
        getContext().watchWith(session, new SessionStopped(session));
        sessions.add(session);
        return this;
    }

    private Behavior<Command> onRegisterClient(RegisterClient m) {
        int clientId = m.info().clientId();
        boolean inUse = clientsBySession.values().stream().anyMatch(c -> c.clientId() == clientId);
        if (inUse) {
            m.session().tell(new SimulatorSession.Rejected(TwsErrorCode.CLIENT_ID_IN_USE,
                    "Unable to connect as the client id is already in use. Retry with a unique client id."));
        } else if (clientsBySession.size() >= settings.maxClients()) {
            // TWS documents the limit of 32 clients but no error for the 33rd; the simulator names the limit.
            m.session().tell(new SimulatorSession.Rejected(TwsErrorCode.CONNECT_FAIL,
                    "Maximum number of API clients (" + settings.maxClients() + ") reached"));
        } else {
            clientsBySession.put(m.session(), m.info());
            m.session().tell(new SimulatorSession.Registered(nextOrderId));
        }
        return this;
    }

    private Behavior<Command> onSessionStopped(SessionStopped m) {
        ClientInfo gone = clientsBySession.remove(m.session());
        sessions.remove(m.session());
        if (gone != null) {
            getContext().getLog().info("Client {} disconnected ({} clients left)", gone.clientId(),
                    clientsBySession.size());
        }
        return maybeStopped();
    }

    private Behavior<Command> onGetStats(GetStats m) {
        Map<Integer, String> byId = new HashMap<>();
        clientsBySession.values().forEach(c -> byId.put(c.clientId(), c.remoteAddress()));
        m.replyTo().tell(new SimulatorStats(metrics.connectionsAccepted.sum(), sessions.size(), byId,
                metrics.messagesIn.sum(), metrics.messagesOut.sum(), metrics.activeSubscriptions.sum(),
                metrics.pacingViolations.sum(), Duration.between(boundAt, Instant.now())));
        return this;
    }

    private Behavior<Command> onGetClients(GetClients m) {
        List<ClientInfo> clients = new ArrayList<>(clientsBySession.values());
        clients.sort(Comparator.comparingInt(ClientInfo::clientId));
        m.replyTo().tell(List.copyOf(clients));
        return this;
    }

    private Behavior<Command> onNotice(Notice m) {
        clientsBySession.keySet().forEach(s -> s.tell(new SimulatorSession.SendNotice(m.code(), m.message(),
                m.thenClose())));
        m.replyTo().tell(clientsBySession.size());
        return this;
    }

    private Behavior<Command> onDropClients(DropClients m) {
        sessions.forEach(s -> s.tell(SimulatorSession.Drop.INSTANCE));
        m.replyTo().tell(sessions.size());
        return this;
    }

    private Behavior<Command> onBlast(Blast m) {
        getContext().spawnAnonymous(BlastCoordinator.create(new ArrayList<>(clientsBySession.keySet()),
                m.perSubscription(), m.replyTo()));
        return this;
    }

    private Behavior<Command> onStop(Stop m) {
        stopWaiters.add(m.replyTo());
        if (!stopping) {
            stopping = true;
            getContext().getLog().info("Simulator stopping: closing {} connections", sessions.size());
            sessions.forEach(s -> s.tell(SimulatorSession.Close.INSTANCE));
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
        if (stopping && unbound && sessions.isEmpty()) {
            stopWaiters.forEach(w -> w.tell(Done.getInstance()));
            return Behaviors.stopped();
        }
        return this;
    }
}
