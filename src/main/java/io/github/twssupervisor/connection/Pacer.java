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
import java.util.Optional;

/**
 * The rate limit on everything a client sends after the handshake: at most {@code messages-per-second} in any sliding
 * one-second window, in FIFO order, with a bounded queue. TWS cuts a client that exceeds 50 messages per second, and a
 * token bucket would allow a burst plus a full second's rate inside one window, so the window is exact: each message
 * sent holds a slot that a timer frees one second later. The queue survives reconnects: requests made while not READY
 * wait here (or are rejected, per {@code disconnected-behavior}) and go out on the next READY socket.
 */
public final class Pacer extends AbstractBehavior<Pacer.Command> {

    /** Messages of the pacer. */
    public sealed interface Command permits Enqueue, SocketReady, SocketGone, Shutdown, SlotFreed {
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
     * @param serverVersion the version to encode with
     */
    public record SocketReady(long epoch, ActorRef<SocketActor.Command> socket, int serverVersion) implements Command {
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

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final TimerScheduler<Command> timers;
    private final ConnectionSettings settings;
    private final ConnectionMetrics metrics;
    private final ArrayDeque<OutboundRequest> queue = new ArrayDeque<>();
    private Optional<SocketReady> socket = Optional.empty();
    private boolean shutdown;
    private int slotsInUse;
    private long slotTimerKey;
    private boolean throttling;
    private long delayedWhileThrottling;

    private Pacer(ActorContext<Command> context, TimerScheduler<Command> timers, ConnectionSettings settings,
                  ConnectionMetrics metrics) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * @param settings rate, queue size, disconnected behaviour
     * @param metrics  counts the messages sent
     * @return the behaviour
     */
    public static Behavior<Command> create(ConnectionSettings settings, ConnectionMetrics metrics) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Pacer(ctx, timers, settings, metrics)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Enqueue.class, this::onEnqueue)
                .onMessage(SocketReady.class, this::onSocketReady)
                .onMessage(SocketGone.class, this::onSocketGone)
                .onMessage(SlotFreed.class, this::onSlotFreed)
                .onMessage(Shutdown.class, this::onShutdown)
                .build();
    }

    private Behavior<Command> onEnqueue(Enqueue m) {
        OutboundRequest request = m.request();
        if (shutdown) {
            reject(request, OutboundRequest.Reason.CLOSED, "the connection was closed");
        } else if (socket.isEmpty() && settings.disconnectedBehavior() == ConnectionSettings.DisconnectedBehavior.FAIL) {
            reject(request, OutboundRequest.Reason.NOT_CONNECTED, "not connected to TWS (disconnected-behavior = fail)");
        } else if (queue.size() >= settings.pacing().queueSize()) {
            reject(request, OutboundRequest.Reason.QUEUE_FULL, "the pacing queue is full ("
                    + settings.pacing().queueSize() + " requests waiting at " + settings.pacing().messagesPerSecond()
                    + " messages/s)");
        } else {
            queue.addLast(request);
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
        queue.removeIf(request -> {
            if (request.retention() == OutboundRequest.Retention.DROP_ON_DISCONNECT) {
                reject(request, OutboundRequest.Reason.DISCONNECTED, "the connection was lost before it was sent");
                return true;
            }
            return false;
        });
        updateThrottlingLog();
        return this;
    }

    private Behavior<Command> onSlotFreed(SlotFreed m) {
        slotsInUse--;
        drain();
        return this;
    }

    private Behavior<Command> onShutdown(Shutdown m) {
        shutdown = true;
        socket = Optional.empty();
        while (!queue.isEmpty()) {
            reject(queue.pollFirst(), OutboundRequest.Reason.CLOSED, "the connection was closed before it was sent");
        }
        return this;
    }

    private void drain() {
        while (socket.isPresent() && !queue.isEmpty() && slotsInUse < settings.pacing().messagesPerSecond()) {
            OutboundRequest request = queue.pollFirst();
            SocketReady target = socket.get();
            byte[] frame;
            try {
                frame = request.encoder().apply(target.serverVersion());
            } catch (IllegalArgumentException e) {
                reject(request, OutboundRequest.Reason.INVALID, e.getMessage());
                continue;
            }
            target.socket().tell(new SocketActor.Send(frame));
            request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), target.epoch()));
            metrics.messagesOut.increment();
            slotsInUse++;
            timers.startSingleTimer(slotTimerKey++, SlotFreed.INSTANCE, WINDOW);
            if (throttling) {
                delayedWhileThrottling++;
            }
        }
        updateThrottlingLog();
    }

    private void updateThrottlingLog() {
        boolean rateBound = socket.isPresent() && !queue.isEmpty();
        if (rateBound && !throttling) {
            throttling = true;
            delayedWhileThrottling = 0;
            getContext().getLog().info("Pacing started: {} messages/s reached, {} requests waiting",
                    settings.pacing().messagesPerSecond(), queue.size());
        } else if (throttling && queue.isEmpty()) {
            throttling = false;
            getContext().getLog().info("Pacing ended: {} requests were delayed to stay under {} messages/s",
                    delayedWhileThrottling, settings.pacing().messagesPerSecond());
        }
    }

    private void reject(OutboundRequest request, OutboundRequest.Reason reason, String message) {
        getContext().getLog().debug("Rejected {} ({}): {}", request.description(), reason, message);
        request.replyTo().tell(new OutboundRequest.Rejected(request.requestId(), request.description(), reason,
                request.description() + " not sent: " + message));
    }
}
