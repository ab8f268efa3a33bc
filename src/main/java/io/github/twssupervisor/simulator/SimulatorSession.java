package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.stream.CompletionStrategy;
import akka.stream.Materializer;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.stream.typed.javadsl.ActorSink;
import akka.stream.typed.javadsl.ActorSource;
import akka.util.ByteString;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireFormatException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * One client connection of the simulator, from the preamble to the socket's close. Phases, one method each:
 * {@code awaitingVersion} -> {@code awaitingStartApi} -> {@code registering} -> {@code active} -> {@code closing}.
 *
 * <p>Frames come from the socket through a back-pressured {@link ActorSink}: each is acknowledged after it is handled,
 * so a frame that arrives while the client id is being registered simply waits on the socket. Frames go out through an
 * {@link Outbox} and a back-pressured {@link ActorSource}, in the order they were sent; a client that stops reading
 * until the outbox overflows is disconnected, as TWS does.
 *
 * <p>Once active, every frame passes the {@link PacingGuard} first (error 100 above the rate, the third violation
 * closes the connection), and market data requests, data-farm notices and the one tick timer of the session go to its
 * {@link MarketDataSession}. A blast ({@link BlastCoordinator}) pauses the regular ticks and streams its frames as fast
 * as the outbox drains.
 */
public final class SimulatorSession {

    /** Messages of a session. */
    public sealed interface Command permits FrameReceived, StreamStarted, StreamCompleted, StreamFailed, Registered,
            Rejected, Close, CloseTimedOut, SendNotice, SendFrame, Drop, StartBlast, OutboundReady, TickRound {
    }

    /**
     * Sends blast frames for every streaming subscription of this client (see {@link Blast}).
     *
     * @param perSubscription frames for each
     * @param replyTo         told how many were written, once they all are
     */
    record StartBlast(int perSubscription, ActorRef<BlastCoordinator.Command> replyTo) implements Command {
    }

    /**
     * Sends any frame to this client, if it is past startApi: for tests of messages the simulator does not model.
     *
     * @param frame a complete frame
     */
    record SendFrame(byte[] frame) implements Command {
    }

    /**
     * Sends a session-level notice (error message with id -1) to this client, if it is past startApi.
     *
     * @param code    the code
     * @param message the text
     * @param thenClose close the connection after it (TWS does so after 1300)
     */
    record SendNotice(int code, String message, boolean thenClose) implements Command {
    }

    /** Drops the connection at once, without a goodbye: what a TWS crash or a network cut looks like. */
    enum Drop implements Command {
        INSTANCE
    }

    /** The server accepted the client id. */
    record Registered(int nextOrderId) implements Command {
    }

    /** The server refused the client: an error to send, then the socket closes. */
    record Rejected(int code, String message) implements Command {
    }

    /** Close the connection gracefully (simulator stopping). */
    public enum Close implements Command {
        /** The one instance. */
        INSTANCE
    }

    private record FrameReceived(ActorRef<StreamAck> ackTo, ByteString payload) implements Command {
    }

    private record StreamStarted(ActorRef<StreamAck> ackTo) implements Command {
    }

    private enum StreamCompleted implements Command {
        INSTANCE
    }

    private record StreamFailed(Throwable cause) implements Command {
    }

    private enum CloseTimedOut implements Command {
        INSTANCE
    }

    /** The socket's source took the last batch: the next may go. */
    private enum OutboundReady implements Command {
        INSTANCE
    }

    /** The session's one market data timer: a quote update for every streaming subscription. */
    private enum TickRound implements Command {
        INSTANCE
    }

    /** Acknowledgement that lets the inbound stream deliver the next frame. */
    enum StreamAck {
        INSTANCE
    }

    /** What the session writes to its socket. */
    private sealed interface Outbound permits Send, Finish {
    }

    private record Send(ByteString bytes) implements Outbound {
    }

    private enum Finish implements Outbound {
        INSTANCE
    }

    private static final DateTimeFormatter CONNECTION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");
    /** Upper bound for draining queued frames after a close was requested. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final int LOGGED_BYTES = 200;
    /** TWS closes the API connection on the third pacing violation (TWS-WIRE.md §7). */
    private static final int MAX_PACING_VIOLATIONS = 3;

    private final ActorContext<Command> context;
    private final ActorRef<SimulatorServer.Command> server;
    private final SimulatorSettings settings;
    private final SimulatorMetrics metrics;
    private final String remote;
    private final ActorRef<Outbound> outbound;
    private final Outbox outbox;
    private final TimerScheduler<Command> timers;
    /** Tick rounds and blasts keep the outbox below this, leaving the rest of it to the answers to requests. */
    private final int highWater;
    private final BlastQueue blasts;
    private PacingGuard pacing;
    private MarketDataSession marketData;
    private boolean finishSent;

    private SimulatorSession(ActorContext<Command> context, TimerScheduler<Command> timers,
                             ActorRef<SimulatorServer.Command> server, SimulatorSettings settings,
                             SimulatorMetrics metrics, Tcp.IncomingConnection connection) {
        this.context = context;
        this.timers = timers;
        this.highWater = Math.max(1, settings.outboundBuffer() / 2);
        this.server = server;
        this.settings = settings;
        this.metrics = metrics;
        this.remote = connection.remoteAddress().getHostString() + ":" + connection.remoteAddress().getPort();
        Sink<ByteString, ?> inbound = TwsFraming.serverInbound().to(ActorSink.actorRefWithBackpressure(context.getSelf(),
                FrameReceived::new, StreamStarted::new, StreamAck.INSTANCE, StreamCompleted.INSTANCE,
                StreamFailed::new));
        Source<Outbound, ActorRef<Outbound>> source = ActorSource.<Outbound, Command>actorRefWithBackpressure(
                context.getSelf(), OutboundReady.INSTANCE,
                out -> out == Finish.INSTANCE ? Optional.of(CompletionStrategy.draining()) : Optional.empty(),
                out -> Optional.empty());
        // Not coupled: a coupled flow cancels the read side when the write side completes, and Akka answers that with
        // an abort (RST) that can overtake the last frames, such as error 326 before the close.
        Flow<ByteString, ByteString, ActorRef<Outbound>> flow = Flow.fromSinkAndSourceMat(inbound,
                source.map(out -> ((Send) out).bytes()), Keep.right());
        // A materializer bound to this actor: when the session stops, its socket is gone too.
        this.outbound = connection.handleWith(flow, Materializer.createMaterializer(context));
        this.outbox = new Outbox(settings.outboundBuffer(), bytes -> outbound.tell(new Send(bytes)));
        // Blasts start only once the session is active, so the market data is there when the predicate runs.
        this.blasts = new BlastQueue(outbox, highWater, reqId -> marketData.isStreaming(reqId), this::send,
                context.getSelf());
    }

    /**
     * @param server     the simulator's server actor, which owns client-id registration
     * @param settings   the simulator's settings
     * @param metrics    the shared counters
     * @param connection the accepted connection, not yet materialized
     * @return the behaviour of a new session
     */
    static Behavior<Command> create(ActorRef<SimulatorServer.Command> server, SimulatorSettings settings,
                                    SimulatorMetrics metrics, Tcp.IncomingConnection connection) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SimulatorSession(ctx, timers, server, settings,
                metrics, connection).awaitingVersion()));
    }

    private Behavior<Command> awaitingVersion() {
        return notActiveYet(common().onMessage(FrameReceived.class, this::onVersionFrame)).build();
    }

    private Behavior<Command> onVersionFrame(FrameReceived frame) {
        metrics.messagesIn.increment();
        byte[] payload = frame.payload().toArray();
        VersionRange range;
        try {
            range = VersionRange.parse(payload);
        } catch (WireFormatException e) {
            context.getLog().warn("Closing connection from {}: {}", remote, e.getMessage());
            return close();
        }
        Optional<Integer> negotiated = range.negotiate(ServerVersion.MIN_SUPPORTED, settings.maxVersion());
        if (negotiated.isEmpty()) {
            context.getLog().warn("Closing connection from {} without reply: it offers server versions {}..{}, "
                    + "the simulator speaks {}..{}", remote, range.min(), range.max(), ServerVersion.MIN_SUPPORTED,
                    settings.maxVersion());
            return close();
        }
        int serverVersion = negotiated.get();
        String connectionTime = CONNECTION_TIME.format(ZonedDateTime.now(settings.timeZone())) + " "
                + settings.timeZone().getId();
        send(Handshake.serverHelloFrame(new Handshake.ServerHello(serverVersion, connectionTime)));
        context.getLog().debug("Handshake with {}: client offers {}, server version {}", remote, range.toWire(),
                serverVersion);
        frame.ackTo().tell(StreamAck.INSTANCE);
        return awaitingStartApi(serverVersion);
    }

    private Behavior<Command> awaitingStartApi(int serverVersion) {
        return notActiveYet(common().onMessage(FrameReceived.class, frame -> onFrameBeforeStartApi(serverVersion, frame)))
                .build();
    }

    private Behavior<Command> onFrameBeforeStartApi(int serverVersion, FrameReceived frame) {
        metrics.messagesIn.increment();
        byte[] payload = frame.payload().toArray();
        logInbound(payload);
        FieldReader reader = new FieldReader(payload);
        SessionCodec.StartApi startApi;
        try {
            if (reader.readInt() != OutgoingMessageId.START_API.code()) {
                context.getLog().warn("Closing connection from {}: request '{}' before startApi", remote,
                        Frames.printable(payload, LOGGED_BYTES));
                return close();
            }
            startApi = SessionCodec.decodeStartApi(reader);
        } catch (WireFormatException e) {
            context.getLog().warn("Closing connection from {}: unreadable frame '{}' before startApi: {}", remote,
                    Frames.printable(payload, LOGGED_BYTES), e.getMessage());
            return close();
        }
        ClientInfo info = new ClientInfo(startApi.clientId(), remote, serverVersion, Instant.now());
        server.tell(new SimulatorServer.RegisterClient(info, context.getSelf()));
        // The ack is held back until the server answers, so nothing else is read in between.
        return registering(serverVersion, startApi.clientId(), frame.ackTo());
    }

    private Behavior<Command> registering(int serverVersion, int clientId, ActorRef<StreamAck> ackTo) {
        return notActiveYet(common()
                .onMessage(Registered.class, r -> onRegistered(serverVersion, clientId, ackTo, r))
                .onMessage(Rejected.class, r -> onRejected(serverVersion, r)))
                .build();
    }

    private Behavior<Command> onRegistered(int serverVersion, int clientId, ActorRef<StreamAck> ackTo, Registered r) {
        context.getLog().info("Client {} connected from {} at server version {}", clientId, remote, serverVersion);
        send(SessionCodec.managedAccounts(settings.accounts()));
        send(SessionCodec.nextValidId(r.nextOrderId()));
        notice(serverVersion, TwsErrorCode.MARKET_DATA_FARM_OK, "Market data farm connection is OK:usfarm");
        notice(serverVersion, TwsErrorCode.HMDS_FARM_OK, "HMDS data farm connection is OK:ushmds");
        notice(serverVersion, TwsErrorCode.SEC_DEF_FARM_OK, "Sec-def data farm connection is OK:secdefil");
        pacing = new PacingGuard(settings.maxMessagesPerSecond());
        marketData = new MarketDataSession(serverVersion, new SimulatedMarket(settings.seed(), clientId), metrics,
                this::send, outbox::pending, highWater);
        ackTo.tell(StreamAck.INSTANCE);
        return active(new Client(serverVersion, clientId, r.nextOrderId()));
    }

    private Behavior<Command> onRejected(int serverVersion, Rejected r) {
        context.getLog().warn("Refusing connection from {}: error {} {}", remote, r.code(), r.message());
        send(SessionCodec.error(serverVersion, SessionCodec.TwsError.of(TwsErrorCode.NO_REQUEST_ID, r.code(),
                r.message(), System.currentTimeMillis())));
        return close();
    }

    /** What an active session knows about its client. */
    private record Client(int serverVersion, int clientId, int nextOrderId) {
    }

    private Behavior<Command> active(Client client) {
        return common()
                .onMessage(FrameReceived.class, frame -> onRequest(client, frame))
                .onMessage(SendNotice.class, n -> onSendNotice(client, n))
                .onMessage(SendFrame.class, f -> {
                    send(f.frame());
                    return checked();
                })
                .onMessage(TickRound.class, t -> onTickRound())
                .onMessage(StartBlast.class, this::onStartBlast)
                .build();
    }

    private Behavior<Command> onSendNotice(Client client, SendNotice n) {
        context.getLog().info("Client {}: sending notice {}", client.clientId(), n.code());
        error(client, n.code(), n.message());
        marketData.onNotice(n.code());
        updateTickTimer();
        return n.thenClose() ? close() : checked();
    }

    private Behavior<Command> onTickRound() {
        // Regular ticks pause while a blast streams, so that a benchmark measures the blast alone.
        if (!blasts.running()) {
            marketData.onTickRound();
            updateTickTimer();
        }
        return checked();
    }

    private Behavior<Command> onStartBlast(StartBlast m) {
        blasts.start(marketData.blast(m.perSubscription(), m.replyTo()));
        return checked();
    }

    /** One timer per session, running only while it has market data requests: idle clients cost nothing. */
    private void updateTickTimer() {
        boolean needed = marketData.hasSubscriptions();
        if (needed && !timers.isTimerActive(TickRound.INSTANCE)) {
            timers.startTimerWithFixedDelay(TickRound.INSTANCE, settings.tickInterval());
        } else if (!needed && timers.isTimerActive(TickRound.INSTANCE)) {
            timers.cancel(TickRound.INSTANCE);
        }
    }

    private Behavior<Command> onRequest(Client client, FrameReceived frame) {
        metrics.messagesIn.increment();
        byte[] payload = frame.payload().toArray();
        logInbound(payload);
        PacingGuard.Verdict verdict = pacing.admit(System.nanoTime());
        if (!verdict.accepted()) {
            return onPacingViolation(client, verdict, frame.ackTo());
        }
        FieldReader reader = new FieldReader(payload);
        try {
            int code = reader.readInt();
            Optional<OutgoingMessageId> id = OutgoingMessageId.fromCode(code);
            if (id.isEmpty()) {
                error(client, TwsErrorCode.CANNOT_VALIDATE_REQUEST, "Unknown message id " + code);
            } else {
                handle(client, id.get(), payload, reader);
            }
        } catch (WireFormatException e) {
            context.getLog().warn("Client {}: cannot read request '{}': {}", client.clientId(),
                    Frames.printable(payload, LOGGED_BYTES), e.getMessage());
            error(client, TwsErrorCode.CANNOT_READ_REQUEST, "Cannot read request: " + e.getMessage());
        }
        frame.ackTo().tell(StreamAck.INSTANCE);
        updateTickTimer();
        return checked();
    }

    /** The frame is not processed; the third violation ends the connection, as it does at TWS. */
    private Behavior<Command> onPacingViolation(Client client, PacingGuard.Verdict verdict, ActorRef<StreamAck> ackTo) {
        if (verdict.newViolation()) {
            metrics.pacingViolations.increment();
            context.getLog().info("Client {}: pacing violation {}: more than {} messages in one second",
                    client.clientId(), verdict.violations(), pacing.max());
        }
        error(client, TwsErrorCode.MAX_RATE_EXCEEDED, SimulatorErrors.maxRateExceeded(pacing.max(),
                verdict.received(), verdict.violations()));
        if (verdict.newViolation() && verdict.violations() >= MAX_PACING_VIOLATIONS) {
            context.getLog().warn("Closing connection of client {} from {}: {} pacing violations", client.clientId(),
                    remote, verdict.violations());
            ackTo.tell(StreamAck.INSTANCE);
            return close();
        }
        ackTo.tell(StreamAck.INSTANCE);
        return checked();
    }

    private void handle(Client client, OutgoingMessageId id, byte[] payload, FieldReader reader) {
        switch (id) {
            case REQ_MKT_DATA:
                marketData.onReqMktData(payload, reader);
                break;
            case CANCEL_MKT_DATA:
                marketData.onCancelMktData(reader);
                break;
            case REQ_MARKET_DATA_TYPE:
                marketData.onReqMarketDataType(reader);
                break;
            case REQ_CURRENT_TIME:
                send(SessionCodec.currentTime(Instant.now().getEpochSecond()));
                break;
            case REQ_IDS:
                SessionCodec.decodeReqIds(reader);
                send(SessionCodec.nextValidId(client.nextOrderId()));
                break;
            case REQ_MANAGED_ACCTS:
                send(SessionCodec.managedAccounts(settings.accounts()));
                break;
            case START_API:
                error(client, TwsErrorCode.CANNOT_VALIDATE_REQUEST, "startApi was already received");
                break;
            default:
                error(client, TwsErrorCode.CANNOT_VALIDATE_REQUEST, "The simulator does not implement " + id);
                context.getLog().info("Client {}: {} is not implemented by the simulator", client.clientId(), id);
                break;
        }
    }

    /** Sends what is queued, then closes the socket (or gives up after a grace period). */
    private Behavior<Command> close() {
        blasts.abort();
        releaseMarketData();
        timers.cancel(TickRound.INSTANCE);
        finishWhenDrained();
        timers.startSingleTimer(CloseTimedOut.INSTANCE, CLOSE_GRACE);
        return Behaviors.receive(Command.class)
                .onMessage(OutboundReady.class, m -> {
                    outbox.acknowledged();
                    finishWhenDrained();
                    return Behaviors.same();
                })
                .onMessage(FrameReceived.class, m -> {
                    // Read and ignored: the inbound stream completes only once every frame it holds is acknowledged.
                    m.ackTo().tell(StreamAck.INSTANCE);
                    return Behaviors.same();
                })
                .onMessage(StreamCompleted.class, m -> Behaviors.stopped())
                .onMessage(StreamFailed.class, m -> Behaviors.stopped())
                .onMessage(CloseTimedOut.class, m -> Behaviors.stopped())
                .onMessage(StartBlast.class, this::onStartBlastWhileInactive)
                .onSignal(PostStop.class, s -> onPostStop())
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    private void finishWhenDrained() {
        if (!finishSent && outbox.pending() == 0) {
            finishSent = true;
            outbound.tell(Finish.INSTANCE);
        }
    }

    /** After a handler: a client that let the outbox overflow has stopped reading and is dropped. */
    private Behavior<Command> checked() {
        if (outbox.overflowed()) {
            context.getLog().warn("Dropping connection from {}: it stopped reading ({} frames queued)", remote,
                    outbox.pending());
            return Behaviors.stopped();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onStartBlastWhileInactive(StartBlast m) {
        m.replyTo().tell(new BlastCoordinator.SessionDone(context.getSelf(), 0));
        return Behaviors.same();
    }

    /** Whatever way the session ends, its subscriptions leave the shared count and waiting blasts get an answer. */
    private Behavior<Command> onPostStop() {
        blasts.abort();
        releaseMarketData();
        return Behaviors.same();
    }

    private void releaseMarketData() {
        if (marketData != null) {
            marketData.release();
        }
    }

    /** What every phase but closing handles alike. */
    private BehaviorBuilder<Command> common() {
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, m -> {
                    m.ackTo().tell(StreamAck.INSTANCE);
                    return Behaviors.same();
                })
                .onMessage(StreamCompleted.class, m -> {
                    context.getLog().info("Connection from {} closed by the client", remote);
                    return Behaviors.stopped();
                })
                .onMessage(StreamFailed.class, m -> {
                    context.getLog().warn("Closing connection from {}: protocol violation: {}", remote,
                            m.cause().getMessage());
                    return Behaviors.stopped();
                })
                .onMessage(Close.class, m -> close())
                .onMessage(Drop.class, m -> {
                    context.getLog().info("Dropping connection from {}", remote);
                    return Behaviors.stopped();
                })
                .onMessage(OutboundReady.class, m -> {
                    outbox.acknowledged();
                    blasts.pump();
                    if (marketData != null && !blasts.running()) {
                        marketData.onOutboxDrained();
                    }
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, s -> onPostStop());
    }

    /** What the phases before active do with messages meant for an active client: nothing. */
    private BehaviorBuilder<Command> notActiveYet(BehaviorBuilder<Command> builder) {
        return builder.onMessage(SendNotice.class, n -> Behaviors.same())
                .onMessage(SendFrame.class, f -> Behaviors.same())
                .onMessage(StartBlast.class, this::onStartBlastWhileInactive);
    }

    private void notice(int serverVersion, int code, String message) {
        send(SessionCodec.error(serverVersion, SessionCodec.TwsError.of(TwsErrorCode.NO_REQUEST_ID, code, message,
                System.currentTimeMillis())));
    }

    private void error(Client client, int code, String message) {
        notice(client.serverVersion(), code, message);
    }

    private void send(byte[] frame) {
        metrics.messagesOut.increment();
        if (context.getLog().isDebugEnabled()) {
            context.getLog().debug(">>> {} {}", remote, Frames.printable(
                    Arrays.copyOfRange(frame, 4, frame.length), LOGGED_BYTES));
        }
        outbox.offer(frame);
    }

    private void logInbound(byte[] payload) {
        if (context.getLog().isDebugEnabled()) {
            context.getLog().debug("<<< {} {}", remote, Frames.printable(payload, LOGGED_BYTES));
        }
    }
}
