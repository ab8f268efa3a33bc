package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.japi.function.Function;
import akka.stream.javadsl.Tcp;
import akka.stream.typed.javadsl.ActorSink;
import akka.util.ByteString;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.history.PacingLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client connection of the simulator, from the preamble to the socket's close. Phases, one method each:
 * {@code awaitingVersion} -> {@code awaitingStartApi} -> {@code registering} -> {@code active} -> {@code closing}.
 *
 * <p>Frames come from the socket through a back-pressured {@link ActorSink}: each is acknowledged after it is handled,
 * so a frame that arrives while the client id is being registered simply waits on the socket. Frames go out through the
 * {@link Outbox} of the {@link SessionSocket}, in the order they were sent; a client that stops reading until the
 * outbox overflows is disconnected, as TWS does. The {@link SessionHandshake} reads the frames before registration.
 *
 * <p>Once active, {@link ClientRequests} paces every frame (error 100 above the rate, the third violation closes the
 * connection) and answers it through the {@link RequestHandler} of its domain (market data: the client's
 * {@link MarketDataSession}; orders: {@link OrderRequests}, to the simulator's {@link OrderDesk}; account: {@link AccountSession}, to the simulator's {@link AccountDesk}). The
 * {@link SessionFeed} runs the session's one tick timer and its blasts ({@link BlastCoordinator}): a blast pauses the
 * regular ticks and streams its frames as fast as the outbox drains.
 */
public final class SimulatorSession {

    /** Messages of a session. */
    public sealed interface Command permits FrameReceived, StreamStarted, StreamCompleted, StreamFailed, Registered,
            Rejected, Close, CloseTimedOut, SendNotice, SendFrame, Drop, StartBlast, OutboundReady, TickRound, Inject,
            Resume, VersionDue, FloodOver, HandshakeDeadline {
    }

    /**
     * Injects a fault that acts on this connection: stall, mute, pace-limit, or one whose bytes {@link FaultFrames}
     * writes. Ignored before the client is registered.
     *
     * @param fault the fault
     */
    record Inject(Fault fault) implements Command {
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

    /** The client id is accepted: the {@link OrderDesk} announces its next order id and takes its order requests. */
    record Registered(int nextOrderId, ActorRef<OrderDesk.Command> orders) implements Command {
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

    /** A stall or mute is over. */
    private enum Resume implements Command {
        INSTANCE
    }

    /** A flood ended by itself, or with the socket. */
    private record FloodOver(Fault.Flood flood, long frames) implements Command {
    }

    /** The handshake delay is over: answer the version frame held back. */
    private enum VersionDue implements Command {
        INSTANCE
    }

    /** {@code handshake-timeout} (plus any handshake delay) since accept, and still no startApi: the client goes. */
    private enum HandshakeDeadline implements Command {
        INSTANCE
    }

    /** Acknowledgement that lets the inbound stream deliver the next frame. */
    enum StreamAck {
        INSTANCE
    }

    /** Upper bound for draining queued frames after a close was requested. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ActorRef<SimulatorServer.Command> server;
    private final SimulatorSettings settings;
    private final SimulatorMetrics metrics;
    private final SessionSocket socket;
    private final Outbox outbox;
    private final String remote;
    private final SessionHandshake handshake;
    private final SessionFeed feed;
    private final SessionFaults faults;
    private final ActorRef<AccountDesk.Command> accounts;

    private SimulatorSession(ActorContext<Command> context, TimerScheduler<Command> timers,
                             SessionResources resources, Tcp.IncomingConnection connection, Duration versionDelay) {
        this.context = context;
        this.accounts = resources.accounts();
        this.timers = timers;
        this.server = resources.server();
        this.settings = resources.settings();
        this.metrics = resources.metrics();
        this.socket = SessionSocket.open(context, connection, ActorSink.actorRefWithBackpressure(context.getSelf(),
                FrameReceived::new, StreamStarted::new, StreamAck.INSTANCE, StreamCompleted.INSTANCE,
                StreamFailed::new), OutboundReady.INSTANCE, settings, resources.budget(), metrics);
        this.outbox = socket.outbox();
        this.remote = socket.remote();
        this.handshake = new SessionHandshake(remote, settings);
        this.faults = new SessionFaults(socket, versionDelay);
        this.feed = new SessionFeed(timers, TickRound.INSTANCE, settings.tickInterval(), outbox, socket::send,
                context.getSelf());
        timers.startSingleTimer(HandshakeDeadline.INSTANCE, settings.limits().handshakeTimeout().plus(versionDelay));
    }

    /**
     * @param resources    the server, the settings and what sessions share
     * @param connection   the accepted connection, not yet materialized
     * @param versionDelay how long to hold back the answer to the version frame (zero: none)
     * @return the behaviour of a new session
     */
    static Behavior<Command> create(SessionResources resources, Tcp.IncomingConnection connection,
                                    Duration versionDelay) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new SimulatorSession(ctx, timers, resources,
                connection, versionDelay).awaitingVersion()));
    }

    private Behavior<Command> awaitingVersion() {
        return notActiveYet(common().onMessage(FrameReceived.class, this::onVersionFrame)).build();
    }

    /** Answers at once, or holds the frame (and so the socket's reading) until a handshake delay is over. */
    private Behavior<Command> onVersionFrame(FrameReceived frame) {
        Duration wait = faults.versionWait();
        if (wait.isNegative() || wait.isZero()) {
            return answerVersion(frame);
        }
        context.getLog().info("Delaying the handshake of {} by {} ms", remote, wait.toMillis());
        timers.startSingleTimer(VersionDue.INSTANCE, wait);
        return notActiveYet(common().onMessage(VersionDue.class, m -> answerVersion(frame))).build();
    }

    private Behavior<Command> answerVersion(FrameReceived frame) {
        Optional<Integer> serverVersion = handshake.negotiate(socket.countedIn(frame.payload()));
        if (serverVersion.isEmpty()) {
            return close();
        }
        socket.send(handshake.serverHello(serverVersion.get()));
        frame.ackTo().tell(StreamAck.INSTANCE);
        return awaitingStartApi(serverVersion.get());
    }

    private Behavior<Command> awaitingStartApi(int serverVersion) {
        return notActiveYet(common().onMessage(FrameReceived.class, frame -> onFrameBeforeStartApi(serverVersion, frame)))
                .build();
    }

    private Behavior<Command> onFrameBeforeStartApi(int serverVersion, FrameReceived frame) {
        Optional<ClientInfo> client = handshake.startApi(serverVersion, socket.received(frame.payload()));
        if (client.isEmpty()) {
            return close();
        }
        timers.cancel(HandshakeDeadline.INSTANCE);
        server.tell(new SimulatorServer.RegisterClient(client.get(), context.getSelf()));
        // The ack is held back until the server answers, so nothing else is read in between.
        return registering(client.get(), frame.ackTo());
    }

    private Behavior<Command> registering(ClientInfo client, ActorRef<StreamAck> ackTo) {
        return notActiveYet(common()
                .onMessage(Registered.class, r -> onRegistered(client, ackTo, r))
                .onMessage(Rejected.class, r -> onRejected(client, r)))
                .build();
    }

    private Behavior<Command> onRegistered(ClientInfo info, ActorRef<StreamAck> ackTo, Registered r) {
        context.getLog().info("Client {} connected from {} at server version {}", info.clientId(), remote,
                info.serverVersion());
        MarketDataSession marketData = feed.start(info.serverVersion(),
                new SimulatedMarket(settings.seed(), info.clientId()), metrics);
        ClientRequests client = new ClientRequests(info, r.nextOrderId(), settings, metrics, List.of(marketData,
                new OrderRequests(info, r.orders(), socket::send), new ContractDetailsSession(info, socket::send),
                new HistoricalDataSession(info, settings.seed(), socket::send, context, metrics,
                        PacingLimits.enforcing(settings.historicalPacing())),
                new AccountSession(info, settings.accounts(), accounts, context.getSelf(), socket::send, metrics)),
                socket::send);
        client.greet();
        ackTo.tell(StreamAck.INSTANCE);
        return active(client);
    }

    private Behavior<Command> onRejected(ClientInfo client, Rejected r) {
        context.getLog().warn("Refusing connection from {}: error {} {}", remote, r.code(), r.message());
        socket.send(ClientRequests.noticeFrame(client.serverVersion(), r.code(), r.message()));
        return close();
    }

    private Behavior<Command> active(ClientRequests client) {
        return common()
                .onMessage(FrameReceived.class, frame -> onRequest(client, frame))
                .onMessage(SendNotice.class, n -> onSendNotice(client, n))
                .onMessage(SendFrame.class, this::onSendFrame)
                .onMessage(TickRound.class, this::onTickRound)
                .onMessage(StartBlast.class, this::onStartBlast)
                .onMessage(Inject.class, m -> onInject(client, m))
                .build();
    }

    private Behavior<Command> onRequest(ClientRequests client, FrameReceived frame) {
        return answered(client, frame.payload(), frame.ackTo()) ? checked() : close();
    }

    /** @return false when the connection is to close (the third pacing violation) */
    private boolean answered(ClientRequests client, ByteString payload, ActorRef<StreamAck> ackTo) {
        ClientRequests.Outcome outcome = client.onRequest(socket.received(payload), System.nanoTime());
        ackTo.tell(StreamAck.INSTANCE);
        if (outcome == ClientRequests.Outcome.ANSWERED) {
            feed.updateTimer();
        }
        return outcome != ClientRequests.Outcome.CLOSE;
    }

    private Behavior<Command> onInject(ClientRequests client, Inject m) {
        context.getLog().info("Client {}: injecting fault '{}'", client.clientId(), m.fault().command());
        if (m.fault() instanceof Fault.Flood flood) {
            context.pipeToSelf(faults.flood(flood, client.serverVersion()),
                    (frames, failure) -> new FloodOver(flood, frames == null ? 0 : frames));
            return Behaviors.same();
        }
        return faults.play(m.fault(), client).map(duration -> suspended(client, duration)).orElseGet(this::checked);
    }

    /** A stall or a mute ({@link SessionFaults}), until {@code Resume}: then the held request is answered. */
    private Behavior<Command> suspended(ClientRequests client, Duration duration) {
        timers.startSingleTimer(Resume.INSTANCE, duration);
        return lifecycle(Behaviors.receive(Command.class)
                .onMessage(FrameReceived.class, staying(f -> faults.onFrameWhileSuspended(f.ackTo(), f.payload())))
                .onMessage(OutboundReady.class, staying(m -> faults.onSocketFreeWhileSuspended()))
                .onMessage(StartBlast.class, this::onStartBlastWhileInactive)
                .onMessage(Resume.class, m -> resume(client)))
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    private Behavior<Command> resume(ClientRequests client) {
        context.getLog().info("Client {}: stall or mute over", client.clientId());
        if (!faults.resume(this::onOutboxDrained, (payload, ackTo) -> answered(client, payload, ackTo))) {
            return close();
        }
        feed.updateTimer();
        return active(client);
    }

    private Behavior<Command> onSendNotice(ClientRequests client, SendNotice n) {
        context.getLog().info("Client {}: sending notice {}", client.clientId(), n.code());
        client.notice(n.code(), n.message());
        feed.onNotice(n.code());
        return n.thenClose() ? close() : checked();
    }

    private Behavior<Command> onSendFrame(SendFrame f) {
        socket.send(f.frame());
        return checked();
    }

    private Behavior<Command> onTickRound(TickRound t) {
        feed.onTickRound();
        return checked();
    }

    private Behavior<Command> onStartBlast(StartBlast m) {
        feed.startBlast(m.perSubscription(), m.replyTo());
        return checked();
    }

    /** Sends what is queued, then closes the socket (or gives up after a grace period). */
    private Behavior<Command> close() {
        feed.release();
        feed.stopTicks();
        socket.finishWhenDrained();
        timers.startSingleTimer(CloseTimedOut.INSTANCE, CLOSE_GRACE);
        // Frames are read and ignored: the inbound stream completes only once every frame it holds is acknowledged.
        return Behaviors.receive(Command.class)
                .onMessage(OutboundReady.class, staying(m -> onOutboundReadyWhileClosing()))
                .onMessage(FrameReceived.class, staying(m -> m.ackTo().tell(StreamAck.INSTANCE)))
                .onMessage(StreamCompleted.class, m -> Behaviors.stopped())
                .onMessage(StreamFailed.class, m -> Behaviors.stopped())
                .onMessage(CloseTimedOut.class, m -> Behaviors.stopped())
                .onMessage(StartBlast.class, this::onStartBlastWhileInactive)
                .onSignal(PostStop.class, s -> onPostStop())
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    private void onOutboundReadyWhileClosing() {
        outbox.acknowledged();
        socket.finishWhenDrained();
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
        feed.release();
        return Behaviors.same();
    }

    /** What every phase but closing handles alike. */
    private BehaviorBuilder<Command> common() {
        return lifecycle(Behaviors.receive(Command.class))
                .onMessage(OutboundReady.class, staying(m -> onOutboxDrained()));
    }

    /** The socket took a batch: the next may go, and the feed goes on. */
    private void onOutboxDrained() {
        outbox.acknowledged();
        feed.onOutboxDrained();
    }

    /** The socket's and the simulator's say over the session's life, in every phase but closing. */
    private BehaviorBuilder<Command> lifecycle(BehaviorBuilder<Command> builder) {
        return builder
                .onMessage(StreamStarted.class, staying(m -> m.ackTo().tell(StreamAck.INSTANCE)))
                .onMessage(StreamCompleted.class, m -> {
                    context.getLog().info("Connection from {} closed by the client", remote);
                    return Behaviors.stopped();
                })
                .onMessage(StreamFailed.class, m -> {
                    socket.logFailure(m.cause());
                    return Behaviors.stopped();
                })
                .onMessage(Close.class, m -> close())
                .onMessage(FloodOver.class, staying(m -> context.getLog().info("Flood of {} to {} over: {} frames",
                        m.flood().kind().word(), remote, m.frames())))
                .onMessage(Drop.class, m -> {
                    context.getLog().info("Dropping connection from {}", remote);
                    return Behaviors.stopped();
                })
                .onSignal(PostStop.class, s -> onPostStop());
    }

    /** A handler that acts and stays in the phase. */
    private static <M> Function<M, Behavior<Command>> staying(Consumer<M> action) {
        return m -> {
            action.accept(m);
            return Behaviors.same();
        };
    }

    /** What the phases before active do with messages meant for an active client: nothing; and the deadline. */
    private BehaviorBuilder<Command> notActiveYet(BehaviorBuilder<Command> builder) {
        return builder.onMessage(HandshakeDeadline.class, m -> {
                    handshake.timedOut();
                    return Behaviors.stopped();
                })
                .onMessage(SendNotice.class, n -> Behaviors.same())
                .onMessage(SendFrame.class, f -> Behaviors.same())
                .onMessage(Inject.class, f -> Behaviors.same())
                .onMessage(StartBlast.class, this::onStartBlastWhileInactive);
    }
}
