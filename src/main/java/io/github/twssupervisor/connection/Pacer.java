package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.config.ConnectionSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The rate limit on everything a client sends after the handshake: at most {@code messages-per-second} in any sliding
 * one-second window, in FIFO order, with a bounded queue. TWS cuts a client that exceeds 50 messages per second, and a
 * token bucket would allow a burst plus a full second's rate inside one window, so the window is exact: each message
 * sent holds a slot that a timer frees one second later. Messages are also spaced at least {@code 1 s / rate} apart:
 * TWS counts arrivals, and a burst of a full window that is held up on the way while the next one is not would land in
 * less than a second (seen against the simulator's enforcement). Spaced sends keep the count at TWS within the margin
 * between our rate and 50 however the network bunches them. The queue survives reconnects: requests made while not READY
 * wait here (or are rejected, per {@code disconnected-behavior}) and go out on the next READY socket.
 */
public final class Pacer extends AbstractBehavior<Pacer.Command> {

    /** Messages of the pacer. */
    public sealed interface Command permits Enqueue, SocketReady, SocketGone, Shutdown, SlotFreed, SpacingOver {
    }

    /**
     * Sends a request as soon as the rate and the connection allow.
     *
     * @param request the request
     */
    public record Enqueue(OutboundRequest request) implements Command {
    }

    /**
     * A READY socket to send to.
     *
     * @param epoch         its epoch
     * @param socket        the socket actor
     * @param writer        the socket's outbound queue, the one way onto its stream
     * @param serverVersion the version to encode with
     */
    public record SocketReady(long epoch, ActorRef<SocketActor.Command> socket, SocketWriter writer, int serverVersion)
            implements Command {
    }

    /** The socket is gone: hold requests until the next one. */
    public enum SocketGone implements Command {
        /** The one instance. */
        INSTANCE
    }

    /** The connection is closed for good: reject what waits and whatever comes. */
    public enum Shutdown implements Command {
        /** The one instance. */
        INSTANCE
    }

    private enum SlotFreed implements Command {
        INSTANCE
    }

    private enum SpacingOver implements Command {
        INSTANCE
    }

    /** A request in a queue, with the {@code System.nanoTime()} it came in at: its wait is a metric. */
    private record Waiting(OutboundRequest request, long since) {
    }

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final TimerScheduler<Command> timers;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final Protocol protocol;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Orders wait here, and go before anything in {@link #queue}: a trading service's orders beat its data. */
    private final ArrayDeque<Waiting> orders = new ArrayDeque<>();
    private Optional<SocketReady> socket = Optional.empty();
    private boolean shutdown;
    private final Duration spacing;
    private int slotsInUse;
    /** A fixed-rate timer releases one queued message per spacing while there is a queue. */
    private boolean ticking;
    /** A tick found the window full: the slot freed next sends at once, and the ticks restart from that send. */
    private boolean tickOwed;
    private long slotTimerKey;
    private boolean throttling;
    private long delayedWhileThrottling;

    private Pacer(ActorContext<Command> context, TimerScheduler<Command> timers, ConnectionSettings settings,
                  ConnectionMetrics metrics, Protocol protocol) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.metrics = metrics;
        this.protocol = protocol;
        this.spacing = WINDOW.dividedBy(settings.pacing().messagesPerSecond());
    }

    /**
     * @param settings rate, queue size, disconnected behaviour
     * @param metrics  counts the messages sent
     * @param protocol whether the rate applies ({@link Protocol#paced}); unpaced, requests only wait for a socket
     * @return the behaviour
     */
    public static Behavior<Command> create(ConnectionSettings settings, ConnectionMetrics metrics, Protocol protocol) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Pacer(ctx, timers, settings, metrics,
                protocol)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Enqueue.class, this::onEnqueue)
                .onMessage(SocketReady.class, this::onSocketReady)
                .onMessage(SocketGone.class, this::onSocketGone)
                .onMessage(SlotFreed.class, this::onSlotFreed)
                .onMessage(SpacingOver.class, m -> onTick())
                .onMessage(Shutdown.class, this::onShutdown)
                .build();
    }

    private Behavior<Command> onEnqueue(Enqueue m) {
        OutboundRequest request = m.request();
        boolean order = request.retention() == OutboundRequest.Retention.ORDER;
        if (shutdown) {
            reject(request, OutboundRequest.Reason.CLOSED, "the connection was closed");
        } else if (socket.isEmpty() && order) {
            reject(request, OutboundRequest.Reason.NOT_CONNECTED, "not connected to " + protocol.peerName()
                    + " (orders are never queued for a later connection)");
        } else if (socket.isEmpty() && settings.disconnectedBehavior() == ConnectionSettings.DisconnectedBehavior.FAIL) {
            reject(request, OutboundRequest.Reason.NOT_CONNECTED, "not connected to " + protocol.peerName()
                    + " (disconnected-behavior = fail)");
        } else if ((order ? orders : queue).size() >= settings.pacing().queueSize()) {
            reject(request, OutboundRequest.Reason.QUEUE_FULL, "the pacing queue is full ("
                    + settings.pacing().queueSize() + " requests waiting" + (protocol.paced() ? " at "
                    + settings.pacing().messagesPerSecond() + " messages/s)" : " for a READY connection)"));
        } else {
            (order ? orders : queue).addLast(new Waiting(request, System.nanoTime()));
            drain();
        }
        return this;
    }

    private Behavior<Command> onSocketReady(SocketReady m) {
        socket = Optional.of(m);
        if (!queue.isEmpty()) {
            getContext().getLog().info("Sending {} requests queued while not READY", queue.size());
        }
        drain();
        return this;
    }

    private Behavior<Command> onSocketGone(SocketGone m) {
        socket = Optional.empty();
        tickOwed = false;
        while (!orders.isEmpty()) {
            reject(orders.pollFirst().request(), OutboundRequest.Reason.DISCONNECTED, "the connection was lost before it was "
                    + "sent (the library never re-sends an order)");
        }
        queue.removeIf(waiting -> {
            OutboundRequest request = waiting.request();
            if (request.retention() == OutboundRequest.Retention.DROP_ON_DISCONNECT) {
                reject(request, OutboundRequest.Reason.DISCONNECTED, "the connection was lost before it was sent");
                return true;
            }
            return false;
        });
        afterChange();
        return this;
    }

    private Behavior<Command> onSlotFreed(SlotFreed m) {
        slotsInUse--;
        if (tickOwed) {
            // The tick and the slot fall due together (spacing x rate = window); whichever comes second sends.
            tickOwed = false;
            if (sendOne()) {
                timers.startTimerAtFixedRate(SpacingOver.INSTANCE, SpacingOver.INSTANCE, spacing);
            }
            afterChange();
            return this;
        }
        drain();
        return this;
    }

    private Behavior<Command> onShutdown(Shutdown m) {
        shutdown = true;
        socket = Optional.empty();
        for (ArrayDeque<Waiting> waiting : List.of(orders, queue)) {
            while (!waiting.isEmpty()) {
                reject(waiting.pollFirst().request(), OutboundRequest.Reason.CLOSED, "the connection was closed before it was "
                        + "sent");
            }
        }
        afterChange();
        return this;
    }

    /** Sends at once when nothing is being spaced out; otherwise the next tick sends. */
    private void drain() {
        if (!protocol.paced()) {
            while (sendOne()) {
                // unpaced: everything waiting goes now; the socket's queue bounds what is in flight
            }
        } else if (!ticking && sendOne()) {
            ticking = true;
            // Fixed rate: Akka catches up late ticks, so the average spacing is exact despite its 10 ms timer tick.
            timers.startTimerAtFixedRate(SpacingOver.INSTANCE, SpacingOver.INSTANCE, spacing);
        }
        afterChange();
    }

    private Behavior<Command> onTick() {
        if (socket.isPresent() && waiting() > 0 && slotsInUse >= settings.pacing().messagesPerSecond()) {
            tickOwed = true;
            afterChange();
            return this;
        }
        if (!sendOne()) {
            ticking = false;
            timers.cancel(SpacingOver.INSTANCE);
        }
        afterChange();
        return this;
    }

    /** @return true if a message went out (or was rejected as invalid, which also uses up the turn) */
    private boolean sendOne() {
        boolean windowFull = protocol.paced() && slotsInUse >= settings.pacing().messagesPerSecond();
        if (socket.isEmpty() || waiting() == 0 || windowFull) {
            return socket.isPresent() && waiting() > 0 && protocol.paced();
        }
        Waiting next = orders.isEmpty() ? queue.pollFirst() : orders.pollFirst();
        OutboundRequest request = next.request();
        metrics.pacerWaited(System.nanoTime() - next.since());
        SocketReady target = socket.get();
        byte[] frame;
        try {
            frame = request.encoder().apply(target.serverVersion());
        } catch (IllegalArgumentException e) {
            reject(request, OutboundRequest.Reason.INVALID, e.getMessage());
            return true;
        }
        target.writer().write(frame);
        request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), target.epoch()));
        metrics.messagesOut.increment();
        if (!protocol.paced()) {
            return true;
        }
        slotsInUse++;
        timers.startSingleTimer(slotTimerKey++, SlotFreed.INSTANCE, WINDOW);
        if (throttling) {
            delayedWhileThrottling++;
        }
        return true;
    }

    private void afterChange() {
        metrics.pacerQueue(waiting());
        updateThrottlingLog();
    }

    private void updateThrottlingLog() {
        // Worth an INFO line once at least a second's worth waits: spacing a few queued requests is routine.
        boolean rateBound = socket.isPresent() && waiting() >= settings.pacing().messagesPerSecond();
        if (rateBound && !throttling) {
            throttling = true;
            delayedWhileThrottling = 0;
            getContext().getLog().info("Pacing started: {} requests waiting to go out at {} messages/s",
                    waiting(), settings.pacing().messagesPerSecond());
        } else if (throttling && waiting() == 0) {
            throttling = false;
            getContext().getLog().info("Pacing ended: {} requests were delayed to stay under {} messages/s",
                    delayedWhileThrottling, settings.pacing().messagesPerSecond());
        }
    }

    private int waiting() {
        return orders.size() + queue.size();
    }

    private void reject(OutboundRequest request, OutboundRequest.Reason reason, String message) {
        getContext().getLog().debug("Rejected {} ({}): {}", request.description(), reason, message);
        request.replyTo().tell(new OutboundRequest.Rejected(request.requestId(), request.description(), reason,
                request.description() + " not sent: " + message));
    }
}
