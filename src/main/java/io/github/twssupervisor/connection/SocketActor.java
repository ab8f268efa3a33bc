package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.stream.typed.javadsl.ActorSink;
import akka.util.ByteString;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One TCP connection attempt to TWS, from connect to close; a fresh one per attempt, so no state leaks between sockets.
 *
 * <pre>
 * Source.queue(socket-buffer) -> Tcp.outgoingConnection -> Framing.lengthField (big-endian, header dropped) -> this
 *        ^ handshake writes, paced requests, heartbeat probes                          frames -> handshake / dispatcher
 * </pre>
 *
 * Phases: {@code connecting} -> {@code handshaking} (a {@link HandshakeActor} child) -> {@code ready}. Whatever ends the
 * socket (connect failure, EOF, reset, framing violation, handshake failure, stale heartbeat) is reported once to the
 * supervisor as a {@link FailureReason}, then the actor stops; its materializer dies with it and takes the TCP stream
 * down. Every message to the supervisor and the dispatcher carries this socket's epoch.
 */
public final class SocketActor {

    /** Messages of a socket. */
    public sealed interface Command permits Send, HandshakeWrite, VersionNegotiated, HandshakeSucceeded,
            HandshakeFailed, FrameHandled, Connected, ConnectFailed, OptionsApplied, FrameReceived, StreamStarted,
            StreamCompleted, StreamFailed, HeartbeatCheck, ProbeTimeout, HandshakeStopped {
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

    /** The handshake is done with the frame it was given; a frame it did not consume goes on to the dispatcher. */
    record FrameHandled(Optional<byte[]> passOn) implements Command {
    }

    private record Connected(Tcp.OutgoingConnection connection) implements Command {
    }

    private record ConnectFailed(Throwable cause) implements Command {
    }

    private record OptionsApplied(SocketOptionsReport report) implements Command {
    }

    private record FrameReceived(ActorRef<Ack> ackTo, ByteString payload) implements Command {
    }

    private record StreamStarted(ActorRef<Ack> ackTo) implements Command {
    }

    private enum StreamCompleted implements Command {
        INSTANCE
    }

    private record StreamFailed(Throwable cause) implements Command {
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

    /** Lets the inbound stream deliver the next frame. */
    enum Ack {
        INSTANCE
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final long epoch;
    private final int clientId;
    private final ConnectionSettings settings;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final ActorRef<? super Inbound> dispatcher;
    private final BoundedSourceQueue<ByteString> outbound;
    private final String target;
    private final Heartbeat heartbeat = new Heartbeat();
    private Optional<SocketOptionsReport> options = Optional.empty();
    private long framesReceived;

    private SocketActor(ActorContext<Command> context, TimerScheduler<Command> timers, long epoch, int clientId,
                        ConnectionSettings settings, ActorRef<ConnectionSupervisor.Command> supervisor,
                        ActorRef<? super Inbound> dispatcher) {
        this.context = context;
        this.timers = timers;
        this.epoch = epoch;
        this.clientId = clientId;
        this.settings = settings;
        this.supervisor = supervisor;
        this.dispatcher = dispatcher;
        this.target = settings.host() + ":" + settings.port();
        ActorRef<Command> self = context.getSelf();
        Pair<BoundedSourceQueue<ByteString>, CompletionStage<Tcp.OutgoingConnection>> materialized = Source
                .<ByteString>queue(settings.socketBuffer())
                .viaMat(Tcp.get(context.getSystem()).outgoingConnection(
                        InetSocketAddress.createUnresolved(settings.host(), settings.port()), Optional.empty(),
                        SocketOptions.forConnect(settings.socket(), report -> self.tell(new OptionsApplied(report))),
                        false, Optional.of(settings.connectTimeout()), Optional.empty()), Keep.both())
                .via(TwsFraming.payloads())
                .to(ActorSink.actorRefWithBackpressure(self, FrameReceived::new, StreamStarted::new, Ack.INSTANCE,
                        StreamCompleted.INSTANCE, StreamFailed::new))
                .run(Materializer.createMaterializer(context));
        this.outbound = materialized.first();
        context.pipeToSelf(materialized.second(), (c, failure) -> failure == null ? new Connected(c)
                : new ConnectFailed(failure));
    }

    /**
     * @param epoch      this socket's number; everything it reports carries it
     * @param clientId   the client id for startApi
     * @param settings   where to connect and how
     * @param supervisor receives state reports
     * @param dispatcher receives frames after the version frame
     * @return the behaviour; it starts connecting at once
     */
    public static Behavior<Command> create(long epoch, int clientId, ConnectionSettings settings,
                                           ActorRef<ConnectionSupervisor.Command> supervisor,
                                           ActorRef<? super Inbound> dispatcher) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SocketActor(ctx, timers, epoch, clientId, settings, supervisor, dispatcher).connecting()));
    }

    private Behavior<Command> connecting() {
        return streamEnds(this::connectFailure)
                .onMessage(Connected.class, c -> onConnected())
                .onMessage(ConnectFailed.class, f -> failed(connectFailure(f.cause())))
                .onMessage(OptionsApplied.class, this::onOptionsApplied)
                .onMessage(Send.class, this::onSendBeforeReady)
                .build();
    }

    private Behavior<Command> onConnected() {
        context.getLog().debug("Socket {} connected to {}", epoch, target);
        supervisor.tell(new ConnectionSupervisor.SocketConnected(epoch));
        ActorRef<HandshakeActor.Command> handshake = context.spawn(
                HandshakeActor.create(context.getSelf(), settings, clientId), "handshake");
        context.watchWith(handshake, HandshakeStopped.INSTANCE);
        return handshaking(handshake, false, Optional.empty());
    }

    /**
     * One frame at a time goes to the handshake; the stream is acknowledged (and the next frame read) only when the
     * handshake has answered, so frames reach the dispatcher in order and none is left with a finished handshake.
     *
     * @param peerClosed the stream ended while the handshake was still reading: the handshake names the failure (it
     *                   may hold a 326 the socket has not seen yet), or, if it completed meanwhile, the socket does
     * @param pendingAck the acknowledgement of the frame the handshake is looking at
     */
    private Behavior<Command> handshaking(ActorRef<HandshakeActor.Command> handshake, boolean peerClosed,
                                         Optional<ActorRef<Ack>> pendingAck) {
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, this::onStreamStarted)
                .onMessage(StreamCompleted.class, c -> {
                    handshake.tell(HandshakeActor.PeerClosed.INSTANCE);
                    return handshaking(handshake, true, pendingAck);
                })
                .onMessage(StreamFailed.class, f -> failed(streamFailure(f.cause())))
                .onMessage(FrameReceived.class, f -> {
                    framesReceived++;
                    handshake.tell(new HandshakeActor.FrameReceived(f.payload().toArray()));
                    return handshaking(handshake, peerClosed, Optional.of(f.ackTo()));
                })
                .onMessage(FrameHandled.class, h -> {
                    h.passOn().ifPresent(payload -> dispatcher.tell(new Inbound.Frame(epoch, payload)));
                    pendingAck.ifPresent(ack -> ack.tell(Ack.INSTANCE));
                    return handshaking(handshake, peerClosed, Optional.empty());
                })
                .onMessage(HandshakeWrite.class, w -> write(w.bytes()))
                .onMessage(VersionNegotiated.class, v -> {
                    dispatcher.tell(new Inbound.Attached(epoch, v.serverVersion()));
                    return Behaviors.same();
                })
                .onMessage(HandshakeSucceeded.class, s -> {
                    pendingAck.ifPresent(ack -> ack.tell(Ack.INSTANCE));
                    return peerClosed ? failed(closedByPeer()) : onReady(s.ready());
                })
                .onMessage(HandshakeFailed.class, f -> failed(f.reason()))
                .onMessage(HandshakeStopped.class, h -> failed(new FailureReason(FailureReason.Kind.CONNECTION_LOST,
                        "the handshake with " + target + " stopped unexpectedly (see the error above)")))
                .onMessage(OptionsApplied.class, this::onOptionsApplied)
                .onMessage(Send.class, this::onSendBeforeReady)
                .build();
    }

    private Behavior<Command> onReady(Ready ready) {
        context.getLog().debug("Socket {} ready: {}", epoch, ready);
        supervisor.tell(new ConnectionSupervisor.SocketReady(epoch, ready, options));
        timers.startTimerWithFixedDelay(HeartbeatCheck.INSTANCE,
                settings.heartbeat().idle().dividedBy(Heartbeat.CHECKS_PER_IDLE));
        return ready();
    }

    private Behavior<Command> ready() {
        return streamEnds(this::streamFailure)
                .onMessage(FrameReceived.class, f -> {
                    framesReceived++;
                    dispatcher.tell(new Inbound.Frame(epoch, f.payload().toArray()));
                    f.ackTo().tell(Ack.INSTANCE);
                    return Behaviors.same();
                })
                .onMessage(Send.class, s -> write(s.frame()))
                .onMessage(HeartbeatCheck.class, c -> onHeartbeatCheck())
                .onMessage(ProbeTimeout.class, t -> onProbeTimeout())
                .onMessage(OptionsApplied.class, this::onOptionsApplied)
                .onMessage(HandshakeStopped.class, h -> Behaviors.same())
                .build();
    }

    private Behavior<Command> onHeartbeatCheck() {
        if (heartbeat.onCheck(framesReceived) == Heartbeat.Action.PROBE) {
            context.getLog().debug("Socket {}: nothing received for {}, probing with reqCurrentTime", epoch,
                    settings.heartbeat().idle());
            timers.startSingleTimer(ProbeTimeout.INSTANCE, settings.heartbeat().timeout());
            return write(SessionCodec.reqCurrentTime());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onProbeTimeout() {
        if (heartbeat.onProbeTimeout(framesReceived) == Heartbeat.Action.STALE) {
            Duration silence = settings.heartbeat().idle().plus(settings.heartbeat().timeout());
            return failed(new FailureReason(FailureReason.Kind.HEARTBEAT_TIMEOUT, "nothing received from " + target
                    + " for over " + silence.toMillis() + " ms, not even the answer to a reqCurrentTime probe: "
                    + "the connection is half-open"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onOptionsApplied(OptionsApplied applied) {
        options = Optional.of(applied.report());
        context.getLog().debug("Socket {} options: {}", epoch, applied.report().toLine());
        return Behaviors.same();
    }

    private Behavior<Command> onSendBeforeReady(Send send) {
        // The pacer only sends to a socket the supervisor announced as Ready; a Send here is a bug upstream.
        throw new IllegalStateException("request sent to socket " + epoch + " before it was Ready");
    }

    private Behavior<Command> write(byte[] bytes) {
        // A null here is a bug upstream; thrown inside the actor it costs one message, inside the stream the socket.
        Objects.requireNonNull(bytes, "frame to write");
        QueueOfferResult result = outbound.offer(ByteString.fromArrayUnsafe(bytes));
        if (result != QueueOfferResult.enqueued()) {
            return failed(new FailureReason(FailureReason.Kind.CONNECTION_LOST, "the socket to " + target
                    + " stopped taking data: " + settings.socketBuffer() + " frames are waiting to be written"));
        }
        return Behaviors.same();
    }

    /** Reactions to the start and end of the TCP stream outside the handshake. */
    private BehaviorBuilder<Command> streamEnds(Function<Throwable, FailureReason> onFailure) {
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, this::onStreamStarted)
                .onMessage(StreamCompleted.class, c -> failed(closedByPeer()))
                .onMessage(StreamFailed.class, f -> failed(onFailure.apply(f.cause())));
    }

    private Behavior<Command> onStreamStarted(StreamStarted started) {
        started.ackTo().tell(Ack.INSTANCE);
        return Behaviors.same();
    }

    private FailureReason closedByPeer() {
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "TWS at " + target
                + " closed the connection (client id " + clientId + ")");
    }

    private FailureReason connectFailure(Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        if (text.contains("timeout") || text.contains("timed out")) {
            return new FailureReason(FailureReason.Kind.CONNECT_TIMEOUT, "no TCP connection to " + target
                    + " within " + settings.connectTimeout().toMillis() + " ms");
        }
        return new FailureReason(FailureReason.Kind.CONNECT_REFUSED, "cannot connect to " + target
                + ": is TWS running with the API enabled on " + target + "? (" + rootMessage(cause) + ")");
    }

    private FailureReason streamFailure(Throwable cause) {
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
        return Behaviors.stopped();
    }
}
