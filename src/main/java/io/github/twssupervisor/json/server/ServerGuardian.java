package io.github.twssupervisor.json.server;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.io.Inet;
import akka.io.TcpSO;
import akka.stream.Materializer;
import akka.stream.TLSClosing;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.util.ByteString;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * The JSON server: binds the port, spawns a {@link ClientConnection} per accepted connection (up to max-clients; one
 * more is told {@code error} and closed) and watches them, and shuts down gracefully: unbind, {@code server_shutdown}
 * to every client, wait up to shutdown-grace for them to close, then stop what is left.
 *
 * <pre>
 * binding --bound--> serving --Stop--> stopping --unbound and no clients, or grace over--> stopped
 *    +--failed--> AwaitBinding told NotBound, stopped
 * </pre>
 */
final class ServerGuardian extends AbstractBehavior<ServerGuardian.Command> {

    /** Messages of the server. */
    sealed interface Command {
    }

    /** Asks for the outcome of binding, answered once there is one. */
    record AwaitBinding(ActorRef<BindOutcome> replyTo) implements Command {
    }

    /** Asks for the figures of {@code server_stats}. */
    record GetStats(ActorRef<JsonMessage.ServerStats> replyTo) implements Command {
    }

    /** Shuts down gracefully; {@code replyTo} is told once every connection is closed (or cut off). */
    record Stop(ActorRef<Done> replyTo) implements Command {
    }

    /** The outcome of binding. */
    sealed interface BindOutcome {
    }

    /** Bound, at this address (the real port when 0 was asked for). */
    record Bound(InetSocketAddress address) implements BindOutcome {
    }

    /** Not bound, for this reason. */
    record NotBound(String reason) implements BindOutcome {
    }

    private record Accepted(Tcp.IncomingConnection connection) implements Command {
    }

    private record BindSucceeded(Tcp.ServerBinding binding) implements Command {
    }

    private record BindFailed(Throwable cause) implements Command {
    }

    private record ClientStopped(ActorRef<ClientConnection.Command> client) implements Command {
    }

    private enum Unbound implements Command {
        INSTANCE
    }

    private enum GraceOver implements Command {
        INSTANCE
    }

    /** Beyond the clients' own grace, for their last messages to arrive. */
    private static final Duration GRACE_MARGIN = Duration.ofSeconds(1);

    private final TimerScheduler<Command> timers;
    private final JsonServerSettings settings;
    private final ServerCounters counters = new ServerCounters(Instant.now());
    private final ActorRef<BroadcastRegistry.Command> registry;
    private final Materializer materializer;
    private final Map<ActorRef<ClientConnection.Command>, String> clients = new HashMap<>();
    private final List<ActorRef<BindOutcome>> bindingWaiters = new ArrayList<>();
    private final List<ActorRef<Done>> stopWaiters = new ArrayList<>();
    private Optional<BindOutcome> bindOutcome = Optional.empty();
    private final Optional<Supplier<SSLEngine>> tlsEngines;
    private Optional<Tcp.ServerBinding> binding = Optional.empty();
    private long connectionCounter;
    private boolean stopping;
    private boolean unbound;
    private int toldAtShutdown;

    private ServerGuardian(ActorContext<Command> context, TimerScheduler<Command> timers,
                           JsonServerSettings settings, Optional<Supplier<SSLEngine>> tlsEngines) {
        super(context);
        this.tlsEngines = tlsEngines;
        this.timers = timers;
        this.settings = settings;
        this.materializer = Materializer.createMaterializer(context);
        this.registry = context.spawn(BroadcastRegistry.create(), "broadcast-registry");
        bind();
    }

    /**
     * @param settings   where to listen and how to serve
     * @param tlsEngines TLS engines when TLS is on, made (its keystore read) before the actor, where it can throw
     * @return the behaviour of a new server, which binds at once
     */
    static Behavior<Command> create(JsonServerSettings settings, Optional<Supplier<SSLEngine>> tlsEngines) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ServerGuardian(ctx, timers, settings,
                tlsEngines)));
    }

    private void bind() {
        OptionalInt osLimit = AcceptBacklog.osLimit();
        int backlog = AcceptBacklog.effective(settings.backlog(), osLimit);
        List<Inet.SocketOption> options = List.of(TcpSO.reuseAddress(true), TcpSO.tcpNoDelay(true));
        Tcp tcp = Tcp.get(getContext().getSystem());
        Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> connections = tlsEngines.isPresent()
                ? tcp.bindWithTls(settings.host(), settings.port(), tlsEngines.get(), backlog,
                options, Optional.of(settings.idleTimeout()), session -> Optional.empty(), TLSClosing.eagerClose())
                : tcp.bind(settings.host(), settings.port(), backlog, options, false,
                Optional.of(settings.idleTimeout()));
        ActorRef<Command> self = getContext().getSelf();
        CompletionStage<Tcp.ServerBinding> bound = connections
                .to(Sink.foreach(connection -> self.tell(new Accepted(connection))))
                .run(materializer);
        getContext().getLog().info("JSON server accept backlog {} (tws.json.server.backlog {}, OS somaxconn {})",
                backlog, settings.backlog(), osLimit.isPresent() ? String.valueOf(osLimit.getAsInt()) : "unknown");
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
                .onMessage(ClientStopped.class, this::onClientStopped)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Stop.class, this::onStop)
                .onMessage(Unbound.class, this::onUnbound)
                .onMessage(GraceOver.class, this::onGraceOver)
                .build();
    }

    private Behavior<Command> onAwaitBinding(AwaitBinding m) {
        bindOutcome.ifPresentOrElse(m.replyTo()::tell, () -> bindingWaiters.add(m.replyTo()));
        return this;
    }

    private Behavior<Command> onBindSucceeded(BindSucceeded m) {
        binding = Optional.of(m.binding());
        InetSocketAddress address = m.binding().localAddress();
        getContext().getLog().info("JSON server listening on {}:{} (TLS {}, token {}, max {} clients)",
                address.getHostString(), address.getPort(), settings.tls().enabled() ? "on" : "off",
                settings.authToken().isPresent() ? "required" : "not required", settings.maxClients());
        if (!address.getAddress().isLoopbackAddress() && !settings.tls().enabled()) {
            getContext().getLog().warn("JSON server listening on {} without TLS: messages{} cross the network in "
                    + "clear; enable tws.json.server.tls", address.getHostString(),
                    settings.authToken().isPresent() ? " and the token" : "");
        }
        answerBindingWaiters(new Bound(address));
        if (stopping) {
            unbind();
        }
        return this;
    }

    private Behavior<Command> onBindFailed(BindFailed m) {
        String reason = "cannot listen on " + settings.host() + ":" + settings.port() + ": " + m.cause().getMessage();
        getContext().getLog().error("JSON server {}", reason);
        answerBindingWaiters(new NotBound(reason));
        stopWaiters.forEach(w -> w.tell(Done.getInstance()));
        return Behaviors.stopped();
    }

    private void answerBindingWaiters(BindOutcome outcome) {
        bindOutcome = Optional.of(outcome);
        bindingWaiters.forEach(w -> w.tell(outcome));
        bindingWaiters.clear();
    }

    private Behavior<Command> onAccepted(Accepted m) {
        InetSocketAddress peer = m.connection().remoteAddress();
        String remote = peer.getHostString() + ":" + peer.getPort();
        if (stopping) {
            turnAway(m.connection(), new JsonMessage.ServerShutdown("server shutting down", Instant.now()));
            return this;
        }
        if (clients.size() >= settings.maxClients()) {
            getContext().getLog().warn("Refused client {}: server full ({} clients, tws.json.server.max-clients)",
                    remote, clients.size());
            turnAway(m.connection(), new JsonMessage.Error("server full: " + clients.size() + " clients",
                    Optional.empty(), Instant.now()));
            return this;
        }
        ActorRef<ClientConnection.Command> client = getContext().spawn(ClientConnection.create(m.connection(),
                settings, counters, registry), "client-" + (++connectionCounter));
        getContext().watchWith(client, new ClientStopped(client));
        clients.put(client, remote);
        counters.connected(clients.size());
        getContext().getLog().info("Client {} connected ({} clients)", remote, clients.size());
        return this;
    }

    /** Writes one frame and closes, reading nothing. */
    private void turnAway(Tcp.IncomingConnection connection, JsonMessage last) {
        connection.handleWith(Flow.fromSinkAndSource(Sink.ignore(),
                Source.single(ByteString.fromArrayUnsafe(JsonCodec.frame(last)))), materializer);
    }

    private Behavior<Command> onClientStopped(ClientStopped m) {
        String remote = clients.remove(m.client());
        counters.connected(clients.size());
        getContext().getLog().info("Client {} disconnected ({} clients left)", remote, clients.size());
        return maybeStopped();
    }

    private Behavior<Command> onGetStats(GetStats m) {
        m.replyTo().tell(counters.snapshot(Instant.now()));
        return this;
    }

    private Behavior<Command> onStop(Stop m) {
        stopWaiters.add(m.replyTo());
        if (!stopping) {
            stopping = true;
            toldAtShutdown = clients.size();
            getContext().getLog().info("JSON server shutting down: no new connections, telling {} clients",
                    toldAtShutdown);
            unbind();
            clients.keySet().forEach(c -> c.tell(ClientConnection.Shutdown.INSTANCE));
            timers.startSingleTimer(GraceOver.INSTANCE, settings.shutdownGrace().plus(GRACE_MARGIN));
        }
        return maybeStopped();
    }

    private void unbind() {
        binding.ifPresent(b -> getContext().pipeToSelf(b.unbind(), (done, failure) -> Unbound.INSTANCE));
        binding = Optional.empty();
    }

    private Behavior<Command> onUnbound(Unbound m) {
        unbound = true;
        return maybeStopped();
    }

    private Behavior<Command> onGraceOver(GraceOver m) {
        getContext().getLog().warn("JSON server shutdown: {} clients still open after {} ms, cut off", clients.size(),
                settings.shutdownGrace().toMillis());
        clients.keySet().forEach(getContext()::stop);
        clients.clear();
        unbound = true;
        return maybeStopped();
    }

    private Behavior<Command> maybeStopped() {
        if (stopping && unbound && clients.isEmpty()) {
            getContext().getLog().info("JSON server stopped: {} clients were told server_shutdown, {} messages "
                    + "served", toldAtShutdown, counters.snapshot(Instant.now()).totalMessages());
            stopWaiters.forEach(w -> w.tell(Done.getInstance()));
            return Behaviors.stopped();
        }
        return this;
    }
}
