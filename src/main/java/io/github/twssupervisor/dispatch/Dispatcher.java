package io.github.twssupervisor.dispatch;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.Inbound;
import io.github.twssupervisor.wire.Frames;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers each inbound frame of the current socket to its owner, as decided by {@link InboundRouter}. It learns the
 * server version of each socket from {@link Inbound.Attached} and drops frames of any other epoch, so a late frame from
 * a dead socket is never decoded with the wrong version or taken for the new socket's.
 */
public final class Dispatcher extends AbstractBehavior<Inbound> {

    /** The dispatcher's own messages; it also receives {@link Inbound} from sockets. */
    public sealed interface Command extends Inbound permits ConnectTo, SubscribeRaw, UnsubscribeRaw, RawSubscriberStopped {
    }

    /**
     * Names the supervisor that receives session-level events.
     *
     * @param supervisor the connection supervisor
     */
    public record ConnectTo(ActorRef<ConnectionSupervisor.Command> supervisor) implements Command {
    }

    /**
     * @param subscriber receives every message no domain handles; watched
     */
    public record SubscribeRaw(ActorRef<RawEvent> subscriber) implements Command {
    }

    /**
     * @param subscriber to remove
     */
    public record UnsubscribeRaw(ActorRef<RawEvent> subscriber) implements Command {
    }

    private record RawSubscriberStopped(ActorRef<RawEvent> subscriber) implements Command {
    }

    private static final int DUMPED_BYTES = 256;

    private final ConnectionMetrics metrics;
    private final Set<ActorRef<RawEvent>> rawSubscribers = new HashSet<>();
    private Optional<ActorRef<ConnectionSupervisor.Command>> supervisor = Optional.empty();
    private long epoch = -1;
    private int serverVersion;

    private Dispatcher(ActorContext<Inbound> context, ConnectionMetrics metrics) {
        super(context);
        this.metrics = metrics;
    }

    /**
     * @param metrics counts the frames received
     * @return the behaviour
     */
    public static Behavior<Inbound> create(ConnectionMetrics metrics) {
        return Behaviors.setup(ctx -> new Dispatcher(ctx, metrics));
    }

    @Override
    public Receive<Inbound> createReceive() {
        return newReceiveBuilder()
                .onMessage(Inbound.Frame.class, this::onFrame)
                .onMessage(Inbound.Attached.class, this::onAttached)
                .onMessage(ConnectTo.class, this::onConnectTo)
                .onMessage(SubscribeRaw.class, this::onSubscribeRaw)
                .onMessage(UnsubscribeRaw.class, m -> removeRaw(m.subscriber()))
                .onMessage(RawSubscriberStopped.class, m -> removeRaw(m.subscriber()))
                .build();
    }

    private Behavior<Inbound> onAttached(Inbound.Attached m) {
        epoch = m.epoch();
        serverVersion = m.serverVersion();
        return this;
    }

    private Behavior<Inbound> onFrame(Inbound.Frame frame) {
        if (frame.epoch() != epoch) {
            getContext().getLog().debug("Dropped a frame of socket epoch {} (current {})", frame.epoch(), epoch);
            return this;
        }
        metrics.countIn();
        if (getContext().getLog().isDebugEnabled()) {
            getContext().getLog().debug("<<< {}", Frames.printable(frame.payload(), DUMPED_BYTES));
        }
        Routed routed = InboundRouter.route(serverVersion, frame.payload());
        if (routed instanceof Routed.ToSupervisor toSupervisor) {
            supervisor.ifPresent(s -> s.tell(new ConnectionSupervisor.SessionEventReceived(epoch,
                    toSupervisor.event())));
        } else if (routed instanceof Routed.ToRaw raw) {
            rawSubscribers.forEach(s -> s.tell(raw.event()));
        } else if (routed instanceof Routed.Failed failed) {
            getContext().getLog().warn("Cannot decode message {} at server version {}: {}", failed.messageId(),
                    serverVersion, failed.error());
            getContext().getLog().debug("Undecodable frame: {}", Frames.hex(frame.payload(), DUMPED_BYTES));
        }
        return this;
    }

    private Behavior<Inbound> onConnectTo(ConnectTo m) {
        supervisor = Optional.of(m.supervisor());
        return this;
    }

    private Behavior<Inbound> onSubscribeRaw(SubscribeRaw m) {
        if (rawSubscribers.add(m.subscriber())) {
            getContext().watchWith(m.subscriber(), new RawSubscriberStopped(m.subscriber()));
        }
        return this;
    }

    private Behavior<Inbound> removeRaw(ActorRef<RawEvent> subscriber) {
        if (rawSubscribers.remove(subscriber)) {
            getContext().unwatch(subscriber);
        }
        return this;
    }
}
