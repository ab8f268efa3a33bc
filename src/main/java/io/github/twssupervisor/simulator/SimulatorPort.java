package io.github.twssupervisor.simulator;

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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The simulator's listening socket, a child of its {@link SimulatorServer}: it binds (and answers who awaits the
 * outcome), counts every accepted connection and hands it to the server, and plays the {@code refuse} fault (unbind,
 * wait, bind the same port again).
 *
 * <pre>
 * binding --bound--> listening --Refuse--> unbinding --closed--> refusing (D) --Rebind--> binding
 *    |                   |                                           accepted sockets are turned away
 *    +--failed--> AwaitBinding told NotBound, server told NotListening  (after a refuse: retried every 100 ms)
 * Unbind (any time): unbind, then the server is told Unbound; no rebinding after it
 * </pre>
 */
public final class SimulatorPort extends AbstractBehavior<SimulatorPort.Command> {

    /** Messages of the port. */
    public sealed interface Command permits AwaitBinding, Refuse, Unbind, Accepted, BindSucceeded, BindFailed, RefuseUnbound,
            StopUnbound, Rebind {
    }

    /**
     * Asks for the outcome of the first bind, answered once there is one.
     *
     * @param replyTo receives the outcome
     */
    record AwaitBinding(ActorRef<BindOutcome> replyTo) implements Command {
    }

    /**
     * Closes the port for a while (the {@code refuse} fault); the server is told {@link SimulatorServer.PortClosed}
     * once it is, or {@code replyTo} 0 when the port is not bound.
     *
     * @param duration how long the port stays closed
     * @param replyTo  told how many connections the server closed
     */
    record Refuse(Duration duration, ActorRef<Integer> replyTo) implements Command {
    }

    /** Closes the port for good (the simulator stopping); the server is told {@link SimulatorServer.Unbound}. */
    enum Unbind implements Command {
        INSTANCE
    }

    private record Accepted(Tcp.IncomingConnection connection) implements Command {
    }

    private record BindSucceeded(Tcp.ServerBinding binding) implements Command {
    }

    private record BindFailed(Throwable cause) implements Command {
    }

    private record RefuseUnbound(Duration duration, ActorRef<Integer> replyTo) implements Command {
    }

    private enum StopUnbound implements Command {
        INSTANCE
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
    private final ActorRef<SimulatorServer.Command> server;
    private final SimulatorSettings settings;
    private final SimulatorMetrics metrics;
    private final Materializer materializer;
    private final List<ActorRef<BindOutcome>> bindingWaiters = new ArrayList<>();
    private Optional<BindOutcome> bindOutcome = Optional.empty();
    private Optional<Tcp.ServerBinding> binding = Optional.empty();
    private int boundPort;
    private boolean stopping;
    /** Between a {@code refuse} and the port being bound again. */
    private boolean refusing;

    private SimulatorPort(ActorContext<Command> context, TimerScheduler<Command> timers,
                          ActorRef<SimulatorServer.Command> server, SimulatorSettings settings,
                          SimulatorMetrics metrics) {
        super(context);
        this.timers = timers;
        this.server = server;
        this.settings = settings;
        this.metrics = metrics;
        this.boundPort = settings.port();
        this.materializer = Materializer.createMaterializer(context);
        bind();
    }

    /**
     * @param server   told the outcome of binding and every connection it is to serve
     * @param settings where to listen
     * @param metrics  the shared counters, which count every accepted connection
     * @return the behaviour of a new port, which binds at once
     */
    static Behavior<Command> create(ActorRef<SimulatorServer.Command> server, SimulatorSettings settings,
                                    SimulatorMetrics metrics) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SimulatorPort(ctx, timers, server, settings,
                metrics)));
    }

    /**
     * Closes a connection at once, reading nothing: one accepted while the simulator stops or refuses.
     *
     * @param connection   the accepted connection, not yet materialized
     * @param materializer a materializer of the actor turning it away
     */
    static void turnAway(Tcp.IncomingConnection connection, Materializer materializer) {
        connection.handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.empty()), materializer);
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

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(AwaitBinding.class, this::onAwaitBinding)
                .onMessage(BindSucceeded.class, this::onBindSucceeded)
                .onMessage(BindFailed.class, this::onBindFailed)
                .onMessage(Accepted.class, this::onAccepted)
                .onMessage(Refuse.class, this::onRefuse)
                .onMessage(RefuseUnbound.class, this::onRefuseUnbound)
                .onMessage(Rebind.class, this::onRebind)
                .onMessage(Unbind.class, this::onUnbind)
                .onMessage(StopUnbound.class, this::onStopUnbound)
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
            getContext().pipeToSelf(m.binding().unbind(), (done, failure) -> StopUnbound.INSTANCE);
        } else if (refusing) {
            refusing = false;
            getContext().getLog().info("Simulator listening again on {}:{}", address.getHostString(), boundPort);
        } else {
            getContext().getLog().info("Simulator listening on {}:{} (server versions up to {}, accounts {})",
                    address.getHostString(), boundPort, settings.maxVersion(), settings.accounts());
            if (!address.getAddress().isLoopbackAddress()) {
                getContext().getLog().warn("Simulator listening on {}, not on loopback: anyone who reaches this port "
                        + "can connect and inject load; it has no authentication", address.getHostString());
            }
            server.tell(new SimulatorServer.Listening(address));
            answerBindingWaiters(new Bound(address));
        }
        return this;
    }

    private Behavior<Command> onBindFailed(BindFailed m) {
        if (refusing && !stopping) {
            getContext().getLog().warn("Simulator cannot listen again on port {} yet: {}", boundPort,
                    m.cause().getMessage());
            timers.startSingleTimer(Rebind.INSTANCE, REBIND_RETRY);
        } else {
            String reason = "cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + m.cause().getMessage();
            getContext().getLog().error("Simulator {}", reason);
            answerBindingWaiters(new NotBound(reason));
            server.tell(SimulatorServer.NotListening.INSTANCE);
        }
        return this;
    }

    private void answerBindingWaiters(BindOutcome outcome) {
        bindOutcome = Optional.of(outcome);
        bindingWaiters.forEach(w -> w.tell(outcome));
        bindingWaiters.clear();
    }

    private Behavior<Command> onAccepted(Accepted m) {
        metrics.connectionsAccepted.increment();
        if (refusing) {
            turnAway(m.connection(), materializer);
        } else {
            server.tell(new SimulatorServer.Connected(m.connection()));
        }
        return this;
    }

    /** Unbinds first, so that a client that reconnects at once finds the port closed; then the server closes all. */
    private Behavior<Command> onRefuse(Refuse m) {
        if (refusing || binding.isEmpty() || stopping) {
            m.replyTo().tell(0);
            return this;
        }
        refusing = true;
        Tcp.ServerBinding closing = binding.get();
        binding = Optional.empty();
        getContext().pipeToSelf(closing.unbind(), (done, failure) -> new RefuseUnbound(m.duration(), m.replyTo()));
        return this;
    }

    private Behavior<Command> onRefuseUnbound(RefuseUnbound m) {
        server.tell(new SimulatorServer.PortClosed(m.duration(), m.replyTo()));
        timers.startSingleTimer(Rebind.INSTANCE, m.duration());
        return this;
    }

    private Behavior<Command> onRebind(Rebind m) {
        if (!stopping) {
            bind();
        }
        return this;
    }

    private Behavior<Command> onUnbind(Unbind m) {
        if (!stopping) {
            stopping = true;
            binding.ifPresentOrElse(
                    b -> getContext().pipeToSelf(b.unbind(), (done, failure) -> StopUnbound.INSTANCE),
                    () -> server.tell(SimulatorServer.Unbound.INSTANCE));
        }
        return this;
    }

    private Behavior<Command> onStopUnbound(StopUnbound m) {
        server.tell(SimulatorServer.Unbound.INSTANCE);
        return this;
    }
}
