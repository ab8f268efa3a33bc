package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireFormatException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One TCP connection attempt to TWS, from connect to close; a fresh one per attempt, so no state leaks between sockets.
 *
 * <pre>
 * TcpChannel (a thread of its own) -> batches of payloads, up to 4 in flight:
 *   ^ handshake writes, heartbeat probes (this actor)        before Ready: to the handshake, through this actor
 *   ^ paced requests (the pacer, through SocketWriter)       after Ready:  to the InboundSink, on the channel's thread
 * </pre>
 *
 * Phases: {@code connecting} -> {@code handshaking} (a {@link HandshakeActor} child) -> {@code ready}. Whatever ends the
 * socket (connect failure, EOF, reset, framing violation, handshake failure, stale heartbeat) is reported once to the
 * supervisor as a {@link FailureReason}, then the actor stops and closes its {@link TcpChannel}. Everything it reports
 * to the supervisor and hands to the sink carries this socket's epoch.
 */
public final class SocketActor {

    /** Messages of a socket. */
    public sealed interface Command permits Send, HandshakeWrite, VersionNegotiated, HandshakeSucceeded,
            HandshakeFailed, FrameHandled, Connected, ConnectFailed, HandshakeFrames, WriteRefused, ClosedByPeer,
            ChannelFailed, HeartbeatCheck, ProbeTimeout, HandshakeStopped {
    }

    /**
     * A paced request, written only once the socket is Ready.
     *
     * @param frame a complete frame
     */
    public record Send(byte[] frame) implements Command {
    }

    /** Bytes from the handshake, written before Ready. */
    record HandshakeWrite(byte[] bytes) implements Command {
    }

    /** The handshake read the version frame. */
    record VersionNegotiated(int serverVersion) implements Command {
    }

    /** The handshake is complete. */
    record HandshakeSucceeded(Ready ready) implements Command {
    }

    /** The handshake failed. */
    record HandshakeFailed(FailureReason reason) implements Command {
    }

    /** The handshake is done with the frame it was given; a frame it did not consume goes on to the sink. */
    record FrameHandled(Optional<byte[]> passOn) implements Command {
    }

    private record Connected(SocketOptionsReport options) implements Command {
    }

    private record ConnectFailed(Throwable cause) implements Command {
    }

    /** Frames read before Ready, for the handshake; they count as taken once {@code handled} is told. */
    private record HandshakeFrames(List<byte[]> payloads, ActorRef<Done> handled) implements Command {
    }

    /** The channel refused a paced request's frame: the socket no longer takes data. */
    private enum WriteRefused implements Command {
        INSTANCE
    }

    private enum ClosedByPeer implements Command {
        INSTANCE
    }

    private record ChannelFailed(Throwable cause) implements Command {
    }

    private enum HandshakeStopped implements Command {
        INSTANCE
    }

    private enum HeartbeatCheck implements Command {
        INSTANCE
    }

    private enum ProbeTimeout implements Command {
        INSTANCE
    }

    /** How long a batch may wait for the handshake (or the sink) to take it; see {@link InboundSink#HANDOFF_TIMEOUT}. */
    private static final Duration INBOUND_HANDOFF_TIMEOUT = InboundSink.HANDOFF_TIMEOUT;

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final long epoch;
    private final int clientId;
    private final ConnectionSettings settings;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final InboundSink inbound;
    private final String target;
    private final Scheduler scheduler;
    /** This actor, for the channel's and the pacer's threads, which must not touch the context. */
    private final ActorRef<Command> self;
    private final Heartbeat heartbeat = new Heartbeat();
    /** Opened by {@link #start()}, before any other message; closed when this actor stops. */
    private TcpChannel tcp;
    private Optional<SocketOptionsReport> options = Optional.empty();
    /** Counted by the channel's thread, read by the heartbeat check. */
    private final AtomicLong framesReceived = new AtomicLong();
    /** Set by this actor before it lets batches read after the handshake go to the sink; read by the channel. */
    private volatile boolean handshakeOver;
    /** Set by this actor once negotiated, before any frame goes to the sink; read by the channel. */
    private volatile int serverVersion;
    /**
     * Owned by the channel's thread: completes once every batch handed off so far is with its consumer (taken by the
     * handshake, or given to the sink).
     */
    private CompletionStage<Void> delivered = CompletableFuture.completedFuture(null);

    private SocketActor(ActorContext<Command> context, TimerScheduler<Command> timers, long epoch, int clientId,
                        ConnectionSettings settings, ActorRef<ConnectionSupervisor.Command> supervisor,
                        InboundSink inbound) {
        this.context = context;
        this.timers = timers;
        this.epoch = epoch;
        this.clientId = clientId;
        this.settings = settings;
        this.supervisor = supervisor;
        this.inbound = inbound;
        this.target = settings.host() + ":" + settings.port();
        this.scheduler = context.getSystem().scheduler();
        this.self = context.getSelf();
    }

    /** Opens the channel; what it reports comes back as messages, its batches go straight to their consumer. */
    private Behavior<Command> start() {
        try {
            tcp = TcpChannel.open(settings, "tws-socket-" + epoch + "-" + target, new ChannelEvents());
        } catch (IOException e) {
            return failed(connectFailure(e));
        }
        return connecting();
    }

    /** The channel's reports; runs on its thread, so it touches nothing but {@code self} and thread-safe state. */
    private final class ChannelEvents implements TcpChannel.Listener {

        @Override
        public void connected(SocketOptionsReport options) {
            self.tell(new Connected(options));
        }

        @Override
        public void connectFailed(Throwable cause) {
            self.tell(new ConnectFailed(cause));
        }

        @Override
        public CompletionStage<?> received(List<byte[]> payloads) {
            return handOff(payloads);
        }

        @Override
        public void ended(Optional<Throwable> failure) {
            self.tell(failure.<Command>map(ChannelFailed::new).orElse(ClosedByPeer.INSTANCE));
        }
    }

    /**
     * Runs on the channel's thread: gives a batch to the handshake before Ready, to the sink after (decoded right here).
     * Up to {@link TcpChannel#BATCHES_IN_FLIGHT} are on their way at once, so a batch goes to the sink only once
     * everything before it has: the last batches given to the handshake may still be on their way there through this
     * actor.
     */
    private CompletionStage<Done> handOff(List<byte[]> payloads) {
        framesReceived.addAndGet(payloads.size());
        if (!handshakeOver) {
            CompletionStage<Done> handled = timedOut(AskPattern.ask(self,
                    replyTo -> new HandshakeFrames(payloads, replyTo), INBOUND_HANDOFF_TIMEOUT, scheduler),
                    payloads.size(), "handshake");
            delivered = handled.thenApply(done -> null);
            return handled;
        }
        CompletionStage<Void> before = delivered;
        if (before.toCompletableFuture().isDone()) {
            return toSink(payloads);
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        delivered = sent;
        return before.thenCompose(done -> {
            CompletionStage<Done> handled = toSink(payloads);
            sent.complete(null); // only now: a later batch must not overtake this one
            return handled;
        });
    }

    private CompletionStage<Done> toSink(List<byte[]> payloads) {
        return timedOut(inbound.accept(epoch, serverVersion, payloads), payloads.size(), "dispatcher");
    }

    private CompletionStage<Done> timedOut(CompletionStage<Done> handled, int frames, String consumer) {
        return handled.exceptionally(failure -> {
            // No cause: the failure's root is what the supervisor reports, and this says more than the ask's timeout.
            throw new IllegalStateException(frames + " frames from " + target + " were not taken within "
                    + INBOUND_HANDOFF_TIMEOUT.toSeconds() + " s by the " + consumer + ": it is stuck (see the errors "
                    + "above)");
        });
    }

    /**
     * Writes a paced request's frame from the pacer's own thread: the channel is thread-safe, so the frame skips this
     * actor's mailbox. A refusal fails the socket through a message.
     */
    private void writeFromPacer(byte[] frame) {
        Objects.requireNonNull(frame, "frame to write");
        if (!tcp.write(frame)) {
            self.tell(WriteRefused.INSTANCE);
        }
    }

    /**
     * @param epoch      this socket's number; everything it reports carries it
     * @param clientId   the client id for startApi
     * @param settings   where to connect and how
     * @param supervisor receives state reports
     * @param inbound    receives the frames after the handshake's
     * @return the behaviour; it starts connecting at once
     */
    public static Behavior<Command> create(long epoch, int clientId, ConnectionSettings settings,
                                           ActorRef<ConnectionSupervisor.Command> supervisor,
                                           InboundSink inbound) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SocketActor(ctx, timers, epoch, clientId, settings, supervisor, inbound).start()));
    }

    private Behavior<Command> connecting() {
        return channelEnds(this::connectFailure)
                .onMessage(Connected.class, this::onConnected)
                .onMessage(ConnectFailed.class, f -> failed(connectFailure(f.cause())))
                .onMessage(Send.class, this::onSendBeforeReady)
                .build();
    }

    private Behavior<Command> onConnected(Connected connected) {
        options = Optional.of(connected.options());
        context.getLog().debug("Socket {} connected to {}, options: {}", epoch, target, connected.options().toLine());
        supervisor.tell(new ConnectionSupervisor.SocketConnected(epoch));
        ActorRef<HandshakeActor.Command> handshake = context.spawn(
                HandshakeActor.create(context.getSelf(), settings, clientId), "handshake", DispatcherSelector.sameAsParent());
        context.watchWith(handshake, HandshakeStopped.INSTANCE);
        return handshaking(new HandshakeFeed(handshake, payloads -> inbound.accept(epoch, serverVersion, payloads)));
    }

    private Behavior<Command> handshaking(HandshakeFeed feed) {
        return Behaviors.receive(Command.class)
                .onSignal(PostStop.class, this::onPostStop)
                .onMessage(ClosedByPeer.class, c -> {
                    feed.peerClosed();
                    return Behaviors.same();
                })
                .onMessage(ChannelFailed.class, f -> failed(channelFailure(f.cause())))
                .onMessage(HandshakeFrames.class, f -> {
                    feed.received(f.payloads(), f.handled());
                    return Behaviors.same();
                })
                .onMessage(FrameHandled.class, h -> {
                    feed.handled(h.passOn());
                    return Behaviors.same();
                })
                .onMessage(HandshakeWrite.class, w -> write(w.bytes()))
                .onMessage(VersionNegotiated.class, v -> {
                    serverVersion = v.serverVersion();
                    inbound.attached(epoch, v.serverVersion());
                    return Behaviors.same();
                })
                .onMessage(HandshakeSucceeded.class, s -> {
                    if (feed.isPeerClosed()) {
                        feed.finish(() -> handshakeOver = true);
                        return failed(closedByPeer());
                    }
                    // The supervisor hears of Ready before the sink gets the frames after the handshake, so
                    // the notices TWS sends right after it (2104, 2106, 2158) find the connection READY.
                    Behavior<Command> ready = onReady(s.ready());
                    feed.finish(() -> handshakeOver = true);
                    return ready;
                })
                .onMessage(HandshakeFailed.class, f -> failed(f.reason()))
                .onMessage(HandshakeStopped.class, h -> failed(new FailureReason(FailureReason.Kind.CONNECTION_LOST,
                        "the handshake with " + target + " stopped unexpectedly (see the error above)")))
                .onMessage(Send.class, this::onSendBeforeReady)
                .build();
    }

    private Behavior<Command> onReady(Ready ready) {
        context.getLog().debug("Socket {} ready: {}", epoch, ready);
        supervisor.tell(new ConnectionSupervisor.SocketReady(epoch, ready, options, this::writeFromPacer));
        timers.startTimerWithFixedDelay(HeartbeatCheck.INSTANCE,
                settings.heartbeat().idle().dividedBy(Heartbeat.CHECKS_PER_IDLE));
        return ready();
    }

    private Behavior<Command> ready() {
        return channelEnds(this::channelFailure)
                .onMessage(Send.class, s -> write(s.frame()))
                .onMessage(WriteRefused.class, r -> failed(writeRefused()))
                .onMessage(HandshakeFrames.class, f -> {
                    // Read before the handshake ended and handed off after: the channel holds later batches back
                    // until the sink has taken these.
                    inbound.accept(epoch, serverVersion, f.payloads())
                            .thenAccept(done -> f.handled().tell(Done.getInstance()));
                    return Behaviors.same();
                })
                .onMessage(HeartbeatCheck.class, c -> onHeartbeatCheck())
                .onMessage(ProbeTimeout.class, t -> onProbeTimeout())
                .onMessage(HandshakeStopped.class, h -> Behaviors.same())
                .build();
    }

    private Behavior<Command> onHeartbeatCheck() {
        if (heartbeat.onCheck(framesReceived.get()) == Heartbeat.Action.PROBE) {
            context.getLog().debug("Socket {}: nothing received for {}, probing with reqCurrentTime", epoch,
                    settings.heartbeat().idle());
            timers.startSingleTimer(ProbeTimeout.INSTANCE, settings.heartbeat().timeout());
            return write(SessionCodec.reqCurrentTime());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onProbeTimeout() {
        if (heartbeat.onProbeTimeout(framesReceived.get()) == Heartbeat.Action.STALE) {
            Duration silence = settings.heartbeat().idle().plus(settings.heartbeat().timeout());
            return failed(new FailureReason(FailureReason.Kind.HEARTBEAT_TIMEOUT, "nothing received from " + target
                    + " for over " + silence.toMillis() + " ms, not even the answer to a reqCurrentTime probe: "
                    + "the connection is half-open"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSendBeforeReady(Send send) {
        // The pacer only sends to a socket the supervisor announced as Ready; a Send here is a bug upstream.
        throw new IllegalStateException("request sent to socket " + epoch + " before it was Ready");
    }

    private Behavior<Command> write(byte[] bytes) {
        // A null here is a bug upstream; thrown inside the actor it costs one message, not the socket.
        Objects.requireNonNull(bytes, "frame to write");
        return tcp.write(bytes) ? Behaviors.same() : failed(writeRefused());
    }

    private FailureReason writeRefused() {
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "the socket to " + target
                + " stopped taking data: " + settings.socketBuffer() + " frames are waiting to be written");
    }

    /** Reactions to the end of the connection outside the handshake, and to this actor's own end. */
    private BehaviorBuilder<Command> channelEnds(Function<Throwable, FailureReason> onFailure) {
        return Behaviors.receive(Command.class)
                .onSignal(PostStop.class, this::onPostStop)
                .onMessage(ClosedByPeer.class, c -> failed(closedByPeer()))
                .onMessage(ChannelFailed.class, f -> failed(onFailure.apply(f.cause())));
    }

    private Behavior<Command> onPostStop(PostStop stop) {
        tcp.close();
        return Behaviors.same();
    }

    private FailureReason closedByPeer() {
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "TWS at " + target
                + " closed the connection (client id " + clientId + ")");
    }

    private FailureReason connectFailure(Throwable cause) {
        if (cause instanceof SocketTimeoutException) {
            return new FailureReason(FailureReason.Kind.CONNECT_TIMEOUT, "no TCP connection to " + target
                    + " within " + settings.connectTimeout().toMillis() + " ms");
        }
        return new FailureReason(FailureReason.Kind.CONNECT_REFUSED, "cannot connect to " + target
                + ": is TWS running with the API enabled on " + target + "? (" + rootMessage(cause) + ")");
    }

    private FailureReason channelFailure(Throwable cause) {
        if (cause instanceof WireFormatException) {
            return new FailureReason(FailureReason.Kind.PROTOCOL_VIOLATION, "TWS at " + target
                    + " broke the framing: " + cause.getMessage());
        }
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "connection to " + target + " failed: "
                + rootMessage(cause));
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Behavior<Command> failed(FailureReason reason) {
        supervisor.tell(new ConnectionSupervisor.SocketFailed(epoch, reason));
        return tcp == null ? Behaviors.stopped() : Behaviors.stopped(tcp::close);
    }
}
