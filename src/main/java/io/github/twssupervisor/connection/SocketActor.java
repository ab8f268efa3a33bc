package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.japi.Pair;
import akka.stream.Attributes;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.TLSClosing;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.stream.typed.javadsl.ActorSink;
import akka.util.ByteString;
import io.github.twssupervisor.config.ConnectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One TCP connection attempt, from connect to close; a fresh one per attempt, so no state leaks between sockets. What is
 * TWS's (or another protocol's) comes from its {@link Protocol}: the inbound framing and decoding, the handshake, the
 * liveness probe, TLS.
 *
 * <pre>
 * Source.queue(socket-buffer) -> Tcp.outgoingConnection(WithTls) -> protocol.inbound (framing, batches) -> ActorSink
 *   ^ handshake, heartbeat probe (this actor)        batches decoded on the stream's thread, acknowledged ^
 *   ^ requests (the pacer, through the same queue)   by this actor once the supervisor and dispatcher took them
 * </pre>
 *
 * Phases: {@code connecting} -> {@code handshaking} (the protocol's handshake, a child) -> {@code ready}. The stream hands
 * over one {@link InboundBatch} at a time and the next only after this actor acknowledged it; this actor acknowledges a
 * batch once its session events are with the handshake (before Ready) or the supervisor (after), and its other events
 * with the dispatcher. So back-pressure reaches TCP for every kind of message, and nothing between TCP and an owner
 * grows without bound. Whatever ends the socket (connect failure, EOF, reset, framing violation, handshake failure,
 * stale heartbeat, a consumer stuck on a batch) is reported once to the supervisor as a {@link FailureReason}, then the
 * actor stops and the stream ends with it. Everything it reports carries this socket's epoch.
 *
 * @param <D> the decoder's batch type
 */
public final class SocketActor<D> {

    /** Messages of a socket. */
    public sealed interface Command permits SessionHandshake.Write, SessionHandshake.Progress, SessionHandshake.Succeeded,
            SessionHandshake.Failed,
            WriteRefused, Connected, ConnectFailed, OptionsApplied, StreamStarted, Inbound, Taken, StreamCompleted,
            StreamFailed, HeartbeatCheck, ProbeTimeout, HandshakeStopped {
    }

    /**
     * The outbound queue refused a frame: the socket no longer takes data.
     *
     * @param result what the queue answered
     */
    record WriteRefused(String result) implements Command {
    }

    private record Connected(Tcp.OutgoingConnection connection) implements Command {
    }

    private record ConnectFailed(Throwable cause) implements Command {
    }

    private record OptionsApplied(SocketOptionsReport report) implements Command {
    }

    private record StreamStarted(ActorRef<Done> ack) implements Command {
    }

    private record Inbound(InboundBatch<?> batch, ActorRef<Done> ack) implements Command {
    }

    /** The supervisor or the dispatcher took its part of the current batch. */
    private enum Taken implements Command {
        INSTANCE
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

    /**
     * How long a batch may wait for the supervisor or the dispatcher to take it. The stream reads nothing meanwhile,
     * so TCP pushes back on TWS; past this the consumer is taken for stuck and the socket fails, naming it.
     */
    static final Duration HANDOFF_TIMEOUT = Duration.ofSeconds(30);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final long epoch;
    private final int clientId;
    private final ConnectionSettings settings;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final InboundDecoder<D> decoder;
    private final ConnectionMetrics metrics;
    private final Protocol protocol;
    private final String target;
    private final SocketFailures failures;
    private final OutboundQueue outbound;
    private final ActorRef<Done> taken;
    private final Heartbeat heartbeat = new Heartbeat();
    private final InboundHandoff<D> handoff;
    private Optional<SocketOptionsReport> options = Optional.empty();
    private long framesReceived;
    private Optional<ActorRef<SessionHandshake.Command>> handshake = Optional.empty();
    private boolean connected;
    private boolean peerClosed;

    private SocketActor(ActorContext<Command> context, TimerScheduler<Command> timers, long epoch, int clientId,
                        ConnectionSettings settings, ActorRef<ConnectionSupervisor.Command> supervisor,
                        InboundDecoder<D> decoder, ConnectionMetrics metrics, Protocol protocol) {
        this.context = context;
        this.timers = timers;
        this.epoch = epoch;
        this.clientId = clientId;
        this.settings = settings;
        this.supervisor = supervisor;
        this.decoder = decoder;
        this.metrics = metrics;
        this.protocol = protocol;
        this.target = settings.host() + ":" + settings.port();
        this.failures = new SocketFailures(target, clientId, settings, protocol);
        this.taken = context.messageAdapter(Done.class, done -> Taken.INSTANCE);
        ActorRef<Command> self = context.getSelf();
        Pair<BoundedSourceQueue<ByteString>, CompletionStage<Tcp.OutgoingConnection>> materialized =
                Source.<ByteString>queue(settings.socketBuffer())
                        .viaMat(connection(report -> self.tell(new OptionsApplied(report))), Keep.both())
                        .via(protocol.inbound(decoder))
                        // One batch in the sink, not Akka's 16: batches form upstream while this actor is busy, and no
                        // more than one is in flight when the stream ends.
                        .to(ActorSink.<InboundBatch<D>, Command, Done>actorRefWithBackpressure(self,
                                (ack, batch) -> new Inbound(batch, ack),
                                StreamStarted::new, Done.getInstance(), StreamCompleted.INSTANCE, StreamFailed::new)
                                .withAttributes(Attributes.inputBuffer(1, 1)))
                        // The system's materializer, not this actor's: when this actor stops, the sink sees it go and
                        // the stream ends by itself, after the outbound queue's completion has sent the FIN. Akka's
                        // default dispatcher: on tws.client-dispatcher (with Akka IO there too) the round trip was no
                        // faster and an actor subscriber's throughput lower (README, Performance).
                        .run(Materializer.matFromSystem(context.getSystem()));
        this.outbound = new OutboundQueue(materialized.first(), self);
        this.handoff = new InboundHandoff<>(epoch, supervisor, decoder, taken);
        context.pipeToSelf(materialized.second(), (c, failure) -> failure == null ? new Connected(c)
                : new ConnectFailed(failure));
    }

    /**
     * @param epoch      this socket's number; everything it reports carries it
     * @param clientId   the client id for startApi
     * @param settings   where to connect and how
     * @param supervisor receives state reports and, after Ready, session events
     * @param decoder    decodes the frames in the stream, and hands the dispatcher its part
     * @param metrics    counts the frames received
     * @param protocol   the handshake, framing, probe and TLS of the protocol spoken
     * @param <D>        the decoder's batch type
     * @return the behaviour; it starts connecting at once
     */
    public static <D> Behavior<Command> create(long epoch, int clientId, ConnectionSettings settings,
                                               ActorRef<ConnectionSupervisor.Command> supervisor,
                                               InboundDecoder<D> decoder, ConnectionMetrics metrics,
                                               Protocol protocol) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SocketActor<>(ctx, timers, epoch, clientId,
                settings, supervisor, decoder, metrics, protocol).connecting()));
    }

    /** Akka's TCP connection, inside TLS when the protocol asks for it (which then also checks the host name). */
    private Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> connection(
            Consumer<SocketOptionsReport> optionsApplied) {
        Tcp tcp = Tcp.get(context.getSystem());
        var remote = SocketOptions.remote(settings.host(), settings.port());
        var options = SocketOptions.forConnect(settings.socket(), optionsApplied);
        if (protocol.tls().isPresent()) {
            return tcp.outgoingConnectionWithTls(remote, protocol.tls().get(), Optional.empty(), options,
                    Optional.of(settings.connectTimeout()), Optional.empty(), session -> Optional.empty(),
                    TLSClosing.eagerClose());
        }
        return tcp.outgoingConnection(remote, Optional.empty(), options, false, Optional.of(settings.connectTimeout()),
                Optional.empty());
    }

    private Behavior<Command> connecting() {
        return common(failures::connectFailure)
                .onMessage(Connected.class, c -> onConnected())
                .onMessage(ConnectFailed.class, f -> failed(failures.connectFailure(f.cause())))
                .onMessage(StreamCompleted.class, c -> failed(failures.closedByPeer()))
                .build();
    }

    private Behavior<Command> onConnected() {
        connected = true;
        context.getLog().debug("Socket {} connected to {}", epoch, target);
        supervisor.tell(new ConnectionSupervisor.SocketConnected(epoch));
        ActorRef<SessionHandshake.Command> child = context.spawn(protocol.handshake(context.getSelf(), settings,
                clientId), "handshake", DispatcherSelector.sameAsParent());
        context.watchWith(child, HandshakeStopped.INSTANCE);
        handshake = Optional.of(child);
        return handshaking();
    }

    private Behavior<Command> handshaking() {
        return common(failures::streamFailure)
                .onMessage(StreamCompleted.class, c -> {
                    // The handshake names the failure: it may know of a 326 the socket has not reported. If it
                    // succeeds first (the FIN came right after the answers), the socket fails on its success.
                    peerClosed = true;
                    handshake.ifPresent(h -> h.tell(SessionHandshake.PeerClosed.INSTANCE));
                    return Behaviors.same();
                })
                .onMessage(SessionHandshake.Write.class, w -> write(w.bytes()))
                .onMessage(SessionHandshake.Progress.class, p -> {
                    handoff.passOnBeforeReady(p.passOn(), context.getLog());
                    return Behaviors.same();
                })
                .onMessage(SessionHandshake.Succeeded.class, this::onHandshakeSucceeded)
                .onMessage(SessionHandshake.Failed.class, f -> failed(f.reason()))
                .onMessage(HandshakeStopped.class, h -> failed(new FailureReason(FailureReason.Kind.CONNECTION_LOST,
                        "the handshake with " + target + " stopped unexpectedly (see the error above)")))
                .build();
    }

    private Behavior<Command> onHandshakeSucceeded(SessionHandshake.Succeeded s) {
        context.getLog().debug("Socket {} ready: {}", epoch, s.ready());
        // The supervisor hears of Ready before the session events that came with it (2104, 2106, 2158), so they find
        // the connection READY.
        supervisor.tell(new ConnectionSupervisor.SocketReady(epoch, s.ready(), options, outbound));
        timers.startTimerWithFixedDelay(HeartbeatCheck.INSTANCE,
                settings.heartbeat().idle().dividedBy(Heartbeat.CHECKS_PER_IDLE));
        handoff.ready();
        handoff.passOn(s.passOn());
        return peerClosed ? failed(failures.closedByPeer()) : ready();
    }

    private Behavior<Command> ready() {
        return common(failures::streamFailure)
                .onMessage(StreamCompleted.class, c -> failed(failures.closedByPeer()))
                .onMessage(HeartbeatCheck.class, c -> onHeartbeatCheck())
                .onMessage(ProbeTimeout.class, t -> onProbeTimeout())
                .onMessage(HandshakeStopped.class, h -> Behaviors.same())
                .build();
    }

    /** What every phase does: the stream's batches, its end, the outbound queue's refusal, options, this actor's end. */
    private BehaviorBuilder<Command> common(java.util.function.Function<Throwable, FailureReason> onStreamFailure) {
        return Behaviors.receive(Command.class)
                .onSignal(PostStop.class, s -> {
                    // Completing before the connection exists would make Akka's TCP stage close a null connection.
                    outbound.end(connected);
                    return Behaviors.same();
                })
                .onMessage(StreamStarted.class, s -> {
                    s.ack().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .onMessage(Inbound.class, this::onInbound)
                .onMessage(Taken.class, t -> {
                    handoff.taken();
                    return Behaviors.same();
                })
                .onMessage(StreamFailed.class, f -> failed(onStreamFailure.apply(f.cause())))
                .onMessage(WriteRefused.class, r -> failed(failures.writeRefused(r.result())))
                .onMessage(OptionsApplied.class, a -> {
                    options = Optional.of(a.report());
                    context.getLog().debug("Socket {} options: {}", epoch, a.report().toLine());
                    return Behaviors.same();
                });
    }

    @SuppressWarnings("unchecked") // the stream was built with this actor's decoder, so its batches are of its type
    private Behavior<Command> onInbound(Inbound m) {
        InboundBatch<D> batch = (InboundBatch<D>) m.batch();
        framesReceived += batch.frames();
        metrics.countIn(batch.frames());
        handoff.take(batch, m.ack(), handshake.filter(h -> !handoff.isReady()));
        return Behaviors.same();
    }

    private Behavior<Command> onHeartbeatCheck() {
        if (handoff.isTaking()) {
            // A batch waits for its consumer: the socket is not idle, but a consumer may be stuck.
            if (handoff.checkStuck(settings.heartbeat().idle().dividedBy(Heartbeat.CHECKS_PER_IDLE),
                    HANDOFF_TIMEOUT)) {
                return failed(new FailureReason(FailureReason.Kind.CONNECTION_LOST, "a batch of frames from "
                        + target + " was not taken within " + HANDOFF_TIMEOUT.toSeconds() + " s by the "
                        + handoff.waitingFor() + ": it is stuck (see the errors above)"));
            }
            return Behaviors.same();
        }
        if (heartbeat.onCheck(framesReceived) == Heartbeat.Action.PROBE) {
            context.getLog().debug("Socket {}: nothing received for {}, probing with {}", epoch,
                    settings.heartbeat().idle(), protocol.livenessProbeName());
            timers.startSingleTimer(ProbeTimeout.INSTANCE, settings.heartbeat().timeout());
            metrics.probeSent();
            return write(protocol.livenessProbe());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onProbeTimeout() {
        if (!handoff.isTaking() && heartbeat.onProbeTimeout(framesReceived) == Heartbeat.Action.STALE) {
            Duration silence = settings.heartbeat().idle().plus(settings.heartbeat().timeout());
            return failed(new FailureReason(FailureReason.Kind.HEARTBEAT_TIMEOUT, "nothing received from " + target
                    + " for over " + silence.toMillis() + " ms, not even the answer to " + protocol.livenessProbeName()
                    + ": the connection is half-open"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> write(byte[] bytes) {
        outbound.write(bytes); // a refusal comes back as WriteRefused
        return Behaviors.same();
    }

    private Behavior<Command> failed(FailureReason reason) {
        // Akka's sink reports the stream's end without waiting for the last batch's acknowledgement: what that batch
        // still holds for the dispatcher (an order status before TWS's FIN) goes on, not down with this socket.
        handoff.deliverRemaining(context.getSystem().ignoreRef());
        supervisor.tell(new ConnectionSupervisor.SocketFailed(epoch, reason));
        return Behaviors.stopped();
    }
}
