package io.github.twssupervisor.json.server;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.util.ByteString;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage.BroadcastMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The clients that take broadcasts (connected, and authenticated when a token is required), and the fan-out of one
 * client's {@code broadcast} to all the others. A broadcast is encoded once and offered straight to each other
 * client's bounded outbound queue, which never blocks: a client whose queue is full is dropped from the registry and
 * told {@link ClientConnection.Overflowed}, so one client that does not read never holds up the others.
 */
final class BroadcastRegistry extends AbstractBehavior<BroadcastRegistry.Command> {

    /** Messages of the registry. */
    sealed interface Command {
    }

    /**
     * A client takes broadcasts from now on; it leaves when it stops.
     *
     * @param client the client's actor
     * @param id     its host:port
     * @param queue  its outbound queue of frames
     */
    record Join(ActorRef<ClientConnection.Command> client, String id, OutboundFrames queue)
            implements Command {
        Join {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * Sends {@code broadcast_message} to every client but the sender.
     *
     * @param sender  the sender's actor, which gets none
     * @param from    the sender's host:port
     * @param content what it broadcast
     * @param replyTo told how many clients it reached
     */
    record Broadcast(ActorRef<ClientConnection.Command> sender, String from, String content,
                     ActorRef<Delivered> replyTo) implements Command {
    }

    /**
     * The answer to a {@link Broadcast}.
     *
     * @param recipients how many other clients it was queued for
     */
    record Delivered(int recipients) {
    }

    private record Left(ActorRef<ClientConnection.Command> client) implements Command {
    }

    private record Member(String id, OutboundFrames queue) {
    }

    private final Map<ActorRef<ClientConnection.Command>, Member> members = new HashMap<>();

    private BroadcastRegistry(ActorContext<Command> context) {
        super(context);
    }

    /** @return the behaviour of an empty registry */
    static Behavior<Command> create() {
        return Behaviors.setup(BroadcastRegistry::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Join.class, this::onJoin)
                .onMessage(Broadcast.class, this::onBroadcast)
                .onMessage(Left.class, this::onLeft)
                .build();
    }

    private Behavior<Command> onJoin(Join m) {
        members.put(m.client(), new Member(m.id(), m.queue()));
        getContext().watchWith(m.client(), new Left(m.client()));
        return this;
    }

    private Behavior<Command> onBroadcast(Broadcast m) {
        ByteString frame = ByteString.fromArrayUnsafe(JsonCodec.frame(
                new BroadcastMessage(m.content(), m.from(), Instant.now())));
        int recipients = 0;
        var it = members.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ActorRef<ClientConnection.Command>, Member> member = it.next();
            if (member.getKey().equals(m.sender())) {
                continue;
            }
            switch (member.getValue().queue().offer(frame)) {
                case ENQUEUED -> recipients++;
                case FULL -> {
                    // removed at once: no more offers to it, and one Overflowed, so one WARN
                    it.remove();
                    member.getKey().tell(ClientConnection.Overflowed.INSTANCE);
                }
                case CLOSED -> it.remove();
                default -> throw new IllegalStateException("unexpected offer outcome");
            }
        }
        getContext().getLog().debug("Broadcast from {} queued for {} clients", m.from(), recipients);
        m.replyTo().tell(new Delivered(recipients));
        return this;
    }

    private Behavior<Command> onLeft(Left m) {
        members.remove(m.client());
        return this;
    }
}
