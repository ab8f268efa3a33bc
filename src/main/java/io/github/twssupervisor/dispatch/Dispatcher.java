package io.github.twssupervisor.dispatch;

import akka.Done;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers each inbound frame of the current socket to its owner, as decided by {@link InboundRouter}. It learns the
 * server version of each socket from {@link Inbound.Attached} and drops frames of any other epoch, so a late frame from
 * a dead socket is never decoded with the wrong version or taken for the new socket's.
 */
public final class Dispatcher extends AbstractBehavior<Inbound> {

    /** The dispatcher's own messages; it also receives {@link Inbound} from sockets. */
    public sealed interface Command extends Inbound permits ConnectTo, SubscribeRaw, UnsubscribeRaw,
            RawSubscriberStopped, RegisterOwner, UnregisterOwner {
    }

    /**
     * Routes the events of a request id to an owner, until unregistered.
     *
     * @param requestId the request id
     * @param owner     receives the decoded events and errors of that id
     */
    public record RegisterOwner(int requestId, ActorRef<RequestEvent> owner) implements Command {
    }

    /**
     * Stops routing a request id; later events for it are dropped (errors go to raw subscribers).
     *
     * @param requestId the request id
     */
    public record UnregisterOwner(int requestId) implements Command {
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
    private final InboundRouter router;
    private final Set<ActorRef<RawEvent>> rawSubscribers = new HashSet<>();
    private final Map<Integer, ActorRef<RequestEvent>> owners = new HashMap<>();
    private Optional<ActorRef<ConnectionSupervisor.Command>> supervisor = Optional.empty();
    private long epoch = -1;
    private int serverVersion;

    private Dispatcher(ActorContext<Inbound> context, ConnectionMetrics metrics, List<DomainDecoder> decoders) {
        super(context);
        this.metrics = metrics;
        this.router = new InboundRouter(decoders);
    }

    /**
     * @param metrics counts the frames received
     * @return a dispatcher for session-level messages and raw subscribers only
     */
    public static Behavior<Inbound> create(ConnectionMetrics metrics) {
        return create(metrics, List.of());
    }

    /**
     * @param metrics  counts the frames received
     * @param decoders the domains' decoders
     * @return the behaviour
     */
    public static Behavior<Inbound> create(ConnectionMetrics metrics, List<DomainDecoder> decoders) {
        return Behaviors.setup(ctx -> new Dispatcher(ctx, metrics, List.copyOf(decoders)));
    }

    @Override
    public Receive<Inbound> createReceive() {
        return newReceiveBuilder()
                .onMessage(Inbound.Frame.class, this::onFrame)
                .onMessage(Inbound.Frames.class, this::onFrames)
                .onMessage(Inbound.Attached.class, this::onAttached)
                .onMessage(ConnectTo.class, this::onConnectTo)
                .onMessage(SubscribeRaw.class, this::onSubscribeRaw)
                .onMessage(UnsubscribeRaw.class, m -> removeRaw(m.subscriber()))
                .onMessage(RawSubscriberStopped.class, m -> removeRaw(m.subscriber()))
                .onMessage(RegisterOwner.class, m -> {
                    owners.put(m.requestId(), m.owner());
                    return this;
                })
                .onMessage(UnregisterOwner.class, m -> {
                    owners.remove(m.requestId());
                    return this;
                })
                .build();
    }

    private Behavior<Inbound> onAttached(Inbound.Attached m) {
        epoch = m.epoch();
        serverVersion = m.serverVersion();
        return this;
    }

    private Behavior<Inbound> onFrame(Inbound.Frame frame) {
        deliverAll(frame.epoch(), List.of(frame.payload()));
        return this;
    }

    private Behavior<Inbound> onFrames(Inbound.Frames frames) {
        try {
            deliverAll(frames.epoch(), frames.payloads());
            return this;
        } finally {
            // Even after a bug's exception (this actor is resumed), or the socket would stop reading.
            frames.handled().tell(Done.getInstance());
        }
    }

    /** Routes frames read together; each owner gets one message for them all (a lone event as itself). */
    private void deliverAll(long frameEpoch, List<byte[]> payloads) {
        if (frameEpoch != epoch) {
            getContext().getLog().debug("Dropped {} frame(s) of socket epoch {} (current {})", payloads.size(),
                    frameEpoch, epoch);
            return;
        }
        boolean debug = getContext().getLog().isDebugEnabled();
        OwnerBatches batches = new OwnerBatches();
        for (byte[] payload : payloads) {
            deliver(payload, debug, batches);
        }
        batches.send();
    }

    private void deliver(byte[] payload, boolean debug, OwnerBatches batches) {
        metrics.countIn();
        if (debug) {
            getContext().getLog().debug("<<< {}", Frames.printable(payload, DUMPED_BYTES));
        }
        Routed routed = router.route(serverVersion, payload);
        if (routed instanceof Routed.ToOwner toOwner) {
            ActorRef<RequestEvent> owner = owners.get(toOwner.requestId());
            if (owner != null) {
                batches.add(owner, toOwner.event());
            } else if (toOwner.event() instanceof RequestError) {
                // An error for an id nobody owns (an order, or a request already ended) is still news.
                RawEvent raw = toOwner.raw();
                rawSubscribers.forEach(s -> s.tell(raw));
            } else {
                getContext().getLog().debug("No owner for request {}: dropped {}", toOwner.requestId(),
                        toOwner.event());
            }
        } else if (routed instanceof Routed.ToSupervisor toSupervisor) {
            supervisor.ifPresent(s -> s.tell(new ConnectionSupervisor.SessionEventReceived(epoch,
                    toSupervisor.event())));
        } else if (routed instanceof Routed.ToRaw raw) {
            rawSubscribers.forEach(s -> s.tell(raw.event()));
        } else if (routed instanceof Routed.Failed failed) {
            getContext().getLog().warn("Cannot decode message {} at server version {}: {}", failed.messageId(),
                    serverVersion, failed.error());
            getContext().getLog().debug("Undecodable frame: {}", Frames.hex(payload, DUMPED_BYTES));
        }
    }

    /**
     * The events of one batch per owner, in arrival order: a blast of ticks costs a subscription one mailbox hop per
     * batch. Ticks of one subscription come in runs, so the map is consulted once per run, not per tick.
     */
    private static final class OwnerBatches {
        private final Map<ActorRef<RequestEvent>, List<RequestEvent>> byOwner = new LinkedHashMap<>();
        private ActorRef<RequestEvent> lastOwner;
        private List<RequestEvent> lastEvents;

        void add(ActorRef<RequestEvent> owner, RequestEvent event) {
            if (owner != lastOwner) {
                lastOwner = owner;
                lastEvents = byOwner.computeIfAbsent(owner, o -> new ArrayList<>());
            }
            lastEvents.add(event);
        }

        void send() {
            byOwner.forEach((owner, events) -> owner.tell(events.size() == 1 ? events.get(0)
                    : new RequestEvents(events)));
        }
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
