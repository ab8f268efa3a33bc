package io.github.twssupervisor.json.client;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import akka.stream.BoundedSourceQueue;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JSON client's actor: the guardian of its supervised connection (a {@link Pacer} and a
 * {@link ConnectionSupervisor} over {@link JsonProtocol}) and its dispatcher. Requests go out through the pacer (which
 * holds them while not READY); replies come back in batches from the socket's stream and answer their requests
 * ({@link PendingReplies}); broadcasts and connection events go to the streams that follow them ({@link Subscribers}).
 */
final class JsonClientActor {

    /** Messages of the client actor. */
    sealed interface Command permits Request, Delivered, FollowBroadcasts, FollowEvents, FollowInterruptions,
            AwaitReady, Close, Outcome, Connection {
    }

    /**
     * @param message the request
     * @param replyTo its reply (an {@code error} reply included), or why there is none
     */
    record Request(JsonMessage message, ActorRef<StatusReply<JsonMessage>> replyTo) implements Command {
    }

    /** A batch of replies and broadcasts from the socket of an epoch; {@code taken} lets the socket read on. */
    record Delivered(long epoch, List<JsonMessage> messages, ActorRef<Done> taken) implements Command {
    }

    /** @param queue gets every broadcast_message from now on */
    record FollowBroadcasts(BoundedSourceQueue<JsonMessage.BroadcastMessage> queue) implements Command {
    }

    /** @param queue gets every connection event from now on, the current state first */
    record FollowEvents(BoundedSourceQueue<ConnectionEvent> queue) implements Command {
    }

    /** @param queue gets every interruption and resumption from now on */
    record FollowInterruptions(BoundedSourceQueue<Interruption> queue) implements Command {
    }

    /** @param replyTo told when the connection is READY */
    record AwaitReady(ActorRef<StatusReply<Ready>> replyTo) implements Command {
    }

    /** @param replyTo told once the socket is gone and the actor stopped */
    record Close(ActorRef<Done> replyTo) implements Command {
    }

    private record Outcome(OutboundRequest.Outcome outcome) implements Command {
    }

    private record Connection(ConnectionEvent event) implements Command {
    }

    private final ActorContext<Command> context;
    private final JsonClientSettings settings;
    private final ActorRef<Pacer.Command> pacer;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final ActorRef<OutboundRequest.Outcome> outcomes;
    private final PendingReplies pending = new PendingReplies();
    private final Subscribers<JsonMessage.BroadcastMessage> broadcasts;
    private final Subscribers<ConnectionEvent> events;
    private final Subscribers<Interruption> interruptions;
    /** When the current outage began; empty while READY (or before the first READY). */
    private Optional<Instant> interruptedAt = Optional.empty();
    private ConnectionEvent.StateChanged lastState;
    private long nextId;

    private JsonClientActor(ActorContext<Command> context, JsonClientSettings settings, JsonProtocol protocol,
                            ConnectionMetrics metrics, AtomicReference<ConnectionState> stateView) {
        this.context = context;
        this.settings = settings;
        ConnectionSettings connection = settings.connection();
        JsonInboundDecoder decoder = new JsonInboundDecoder(context.getSelf());
        this.pacer = context.spawn(Behaviors.supervise(Pacer.create(connection, metrics, protocol))
                .onFailure(SupervisorStrategy.resume()), "pacer", DispatcherSelector.sameAsParent());
        this.supervisor = context.spawn(Behaviors.supervise(ConnectionSupervisor.create(connection, pacer,
                        (epoch, clientId, self) -> SocketActor.create(epoch, clientId, connection, self, decoder,
                                metrics, protocol), metrics, stateView, LogSettings.DEFAULT, protocol))
                .onFailure(SupervisorStrategy.resume()), "connection", DispatcherSelector.sameAsParent());
        this.outcomes = context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new);
        this.broadcasts = new Subscribers<>("broadcasts", settings.broadcastBuffer());
        this.events = new Subscribers<>("connection events", 256);
        this.interruptions = new Subscribers<>("interruptions", 256);
        supervisor.tell(new ConnectionSupervisor.Subscribe(context.messageAdapter(ConnectionEvent.class,
                Connection::new)));
    }

    /**
     * @param settings  the client's settings
     * @param protocol  the protocol, made (and its TLS stores read) before the actor, where a bad store can throw
     * @param metrics   the connection's counters
     * @param stateView written on every transition
     * @return the behaviour; it starts connecting at once
     */
    static Behavior<Command> create(JsonClientSettings settings, JsonProtocol protocol, ConnectionMetrics metrics,
                                    AtomicReference<ConnectionState> stateView) {
        return Behaviors.setup(ctx -> new JsonClientActor(ctx, settings, protocol, metrics, stateView).running());
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Request.class, this::onRequest)
                .onMessage(Outcome.class, m -> {
                    if (m.outcome() instanceof OutboundRequest.Sent sent) {
                        pending.sent(sent.requestId(), sent.epoch());
                    } else if (m.outcome() instanceof OutboundRequest.Rejected rejected) {
                        pending.rejected(rejected.requestId(), rejected.message());
                    }
                    return Behaviors.same();
                })
                .onMessage(Delivered.class, this::onDelivered)
                .onMessage(Connection.class, this::onConnectionEvent)
                .onMessage(FollowBroadcasts.class, m -> {
                    broadcasts.add(m.queue());
                    return Behaviors.same();
                })
                .onMessage(FollowEvents.class, m -> {
                    if (lastState != null) {
                        m.queue().offer(lastState);
                    }
                    events.add(m.queue());
                    return Behaviors.same();
                })
                .onMessage(FollowInterruptions.class, m -> {
                    interruptions.add(m.queue());
                    return Behaviors.same();
                })
                .onMessage(AwaitReady.class, m -> {
                    supervisor.tell(new ConnectionSupervisor.AwaitReady(m.replyTo()));
                    return Behaviors.same();
                })
                .onMessage(Close.class, this::onClose)
                .build();
    }

    private Behavior<Command> onRequest(Request m) {
        if (pending.inFlight() >= settings.maxInFlight()) {
            m.replyTo().tell(StatusReply.error(m.message().type() + " not sent: " + settings.maxInFlight()
                    + " requests are in flight (tws.json.client.max-in-flight)"));
            return Behaviors.same();
        }
        byte[] frame;
        try {
            frame = JsonCodec.frame(m.message());
        } catch (IllegalArgumentException e) {
            // A Custom whose fields are no JSON object: the caller's mistake, answered, not a crash of the client.
            m.replyTo().tell(StatusReply.error(m.message().type() + " not sent: " + e.getMessage()));
            return Behaviors.same();
        }
        long id = nextId++;
        pending.waiting(new PendingReplies.Pending(id, m.message(), m.replyTo()));
        pacer.tell(new Pacer.Enqueue(new OutboundRequest(id, m.message().type(), version -> frame, outcomes,
                OutboundRequest.Retention.KEEP)));
        return Behaviors.same();
    }

    private Behavior<Command> onDelivered(Delivered m) {
        for (JsonMessage message : m.messages()) {
            if (message instanceof JsonMessage.BroadcastMessage broadcast) {
                broadcasts.offer(broadcast);
            } else {
                pending.answered(m.epoch(), message).ifPresentOrElse(p -> p.replyTo().tell(StatusReply.success(message)),
                        () -> context.getLog().debug("No request waits for {}", message));
            }
        }
        m.taken().tell(Done.getInstance());
        return Behaviors.same();
    }

    private Behavior<Command> onConnectionEvent(Connection m) {
        if (m.event() instanceof ConnectionEvent.StateChanged changed) {
            lastState = changed;
            if (!changed.state().isConnected()) {
                pending.failSent();
            }
            if (changed.previous().isConnected() && !changed.state().isConnected()) {
                interruptedAt = Optional.of(changed.at());
                interruptions.offer(new Interruption.Interrupted(changed.reason(), changed.at()));
            } else if (changed.state() == ConnectionState.READY && interruptedAt.isPresent()) {
                interruptions.offer(new Interruption.Resumed(Duration.between(interruptedAt.get(),
                        changed.at()), changed.at()));
                interruptedAt = Optional.empty();
            }
        }
        events.offer(m.event());
        return Behaviors.same();
    }

    private Behavior<Command> onClose(Close m) {
        List<ActorRef<Done>> waiting = new java.util.ArrayList<>(List.of(m.replyTo()));
        supervisor.tell(new ConnectionSupervisor.Close(context.getSystem().ignoreRef()));
        return Behaviors.receive(Command.class)
                .onMessage(Connection.class, c -> {
                    events.offer(c.event());
                    if (c.event() instanceof ConnectionEvent.StateChanged s && s.previous().isConnected()) {
                        interruptions.offer(new Interruption.Interrupted(Optional.empty(), s.at()));
                    }
                    if (c.event() instanceof ConnectionEvent.StateChanged s && s.state() == ConnectionState.CLOSED) {
                        pending.failAll("the JSON client was closed");
                        broadcasts.completeAll();
                        events.completeAll();
                        interruptions.completeAll();
                        waiting.forEach(w -> w.tell(Done.getInstance()));
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                })
                .onMessage(Close.class, c -> {
                    waiting.add(c.replyTo());
                    return Behaviors.same();
                })
                .onMessage(Outcome.class, o -> {
                    if (o.outcome() instanceof OutboundRequest.Rejected rejected) {
                        pending.rejected(rejected.requestId(), rejected.message());
                    }
                    return Behaviors.same();
                })
                .onMessage(Delivered.class, d -> {
                    d.taken().tell(Done.getInstance());
                    return Behaviors.same();
                })
                .onMessage(Request.class, r -> {
                    r.replyTo().tell(StatusReply.error("the JSON client is closed"));
                    return Behaviors.same();
                })
                .onMessage(AwaitReady.class, r -> {
                    r.replyTo().tell(StatusReply.error("the JSON client is closed"));
                    return Behaviors.same();
                })
                // A stream asked for while closing ends at once rather than waiting for what will never come.
                .onMessage(FollowBroadcasts.class, f -> closedStream(f.queue()))
                .onMessage(FollowEvents.class, f -> closedStream(f.queue()))
                .onMessage(FollowInterruptions.class, f -> closedStream(f.queue()))
                .build();
    }

    private Behavior<Command> closedStream(BoundedSourceQueue<?> queue) {
        try {
            queue.complete();
        } catch (IllegalStateException alreadyEnded) {
            // cancelled by its consumer before it got here
        }
        return Behaviors.same();
    }
}
