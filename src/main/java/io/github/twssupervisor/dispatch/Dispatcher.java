package io.github.twssupervisor.dispatch;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.github.twssupervisor.connection.ConnectionMetrics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers the decoded events of the current socket to the owners of their {@link RouteKey}s (request id, order id
 * or message kind), and the rest to raw subscribers. The events come decoded from the socket's stream
 * ({@link FrameDecoder}); this actor holds who owns what. Epochs only grow, so the newest epoch it has seen is the
 * current socket's, and it drops events of any older one: a late event from a dead socket is never taken for the new
 * socket's.
 */
public final class Dispatcher extends AbstractBehavior<Dispatcher.Command> {

    /** Messages of the dispatcher. */
    public sealed interface Command permits Decoded, SubscribeRaw, UnsubscribeRaw, RawSubscriberStopped,
            RegisterOwner, UnregisterOwner {
    }

    /**
     * Events of frames read together, in order, for owners or raw subscribers (never for the supervisor). The socket
     * reads on only once {@code handled} is told, so the dispatcher's pace is TCP's.
     *
     * @param epoch      the socket's epoch; events of an older one than the newest seen are dropped (and
     *                   acknowledged)
     * @param deliveries runs of one route key's events and messages for raw subscribers, in frame order
     * @param handled    told once the events are delivered, whatever became of them
     */
    public record Decoded(long epoch, List<Delivery> deliveries, ActorRef<Done> handled) implements Command {
    }

    /** What the intake hands over for delivery: a {@link RequestRun}, or a message for raw subscribers. */
    public sealed interface Delivery permits RequestRun, Routed.ToRaw {
    }

    /**
     * Routes the events of a key (request id, order id or message kind) to an owner, until unregistered.
     *
     * @param key   the route key
     * @param owner receives the decoded events (and errors, for an id) of that key
     */
    public record RegisterOwner(RouteKey key, ActorRef<RequestEvent> owner) implements Command {

        /**
         * @param requestId the request id
         * @param owner     receives the decoded events and errors of that id
         */
        public RegisterOwner(int requestId, ActorRef<RequestEvent> owner) {
            this(RouteKey.request(requestId), owner);
        }
    }

    /**
     * Stops routing a key; later events for it are dropped (errors go to raw subscribers).
     *
     * @param key the route key
     */
    public record UnregisterOwner(RouteKey key) implements Command {

        /**
         * @param requestId the request id
         */
        public UnregisterOwner(int requestId) {
            this(RouteKey.request(requestId));
        }
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

    private final Set<ActorRef<RawEvent>> rawSubscribers = new HashSet<>();
    private final Map<RouteKey, ActorRef<RequestEvent>> owners = new HashMap<>();
    private final ConnectionMetrics metrics;
    private long epoch = -1;

    private Dispatcher(ActorContext<Command> context, ConnectionMetrics metrics) {
        super(context);
        this.metrics = metrics;
    }

    /** @return the behaviour, counting its drops nowhere */
    public static Behavior<Command> create() {
        return create(new ConnectionMetrics());
    }

    /**
     * @param metrics counts the events it drops
     * @return the behaviour
     */
    public static Behavior<Command> create(ConnectionMetrics metrics) {
        return Behaviors.setup(ctx -> new Dispatcher(ctx, metrics));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Decoded.class, this::onDecoded)
                .onMessage(SubscribeRaw.class, this::onSubscribeRaw)
                .onMessage(UnsubscribeRaw.class, m -> removeRaw(m.subscriber()))
                .onMessage(RawSubscriberStopped.class, m -> removeRaw(m.subscriber()))
                .onMessage(RegisterOwner.class, m -> {
                    owners.put(m.key(), m.owner());
                    return this;
                })
                .onMessage(UnregisterOwner.class, m -> {
                    owners.remove(m.key());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onDecoded(Decoded decoded) {
        try {
            if (decoded.epoch() < epoch) {
                getContext().getLog().debug("Dropped {} delivery(ies) of socket epoch {} (current {})",
                        decoded.deliveries().size(), decoded.epoch(), epoch);
                decoded.deliveries().forEach(d -> metrics.countDropped(ConnectionMetrics.Dropped.STALE_SOCKET,
                        d instanceof RequestRun run ? run.events().size() : 1));
                return this;
            }
            epoch = decoded.epoch();
            OwnerBatches batches = new OwnerBatches();
            for (Delivery delivery : decoded.deliveries()) {
                if (delivery instanceof RequestRun run) {
                    if (!batches.add(run)) {
                        unowned(run);
                    }
                } else {
                    RawEvent raw = ((Routed.ToRaw) delivery).event();
                    rawSubscribers.forEach(s -> s.tell(raw));
                }
            }
            batches.send();
            return this;
        } finally {
            // Even after a bug's exception (this actor is resumed), or the socket would stop reading.
            decoded.handled().tell(Done.getInstance());
        }
    }

    private void unowned(RequestRun run) {
        // An error for an id nobody owns (an order, or a request already ended) is still news; the rest is stale.
        for (RawEvent raw : run.rawErrors()) {
            rawSubscribers.forEach(s -> s.tell(raw));
        }
        if (run.events().size() > run.rawErrors().size()) {
            metrics.countDropped(ConnectionMetrics.Dropped.NO_OWNER, run.events().size() - run.rawErrors().size());
            getContext().getLog().debug("No owner for {}: dropped {} event(s)", run.key(),
                    run.events().size() - run.rawErrors().size());
        }
    }

    /**
     * The events of one batch per owner, in arrival order: a blast of ticks costs a subscription one mailbox hop per
     * batch. The owner is looked up once per run, and an owner's runs are joined in the first one's list, not event by
     * event.
     */
    private final class OwnerBatches {
        private final Map<ActorRef<RequestEvent>, List<RequestEvent>> byOwner = new LinkedHashMap<>();
        private final Set<ActorRef<RequestEvent>> withErrors = new HashSet<>();

        /** @return false when nobody owns the run's key */
        boolean add(RequestRun run) {
            ActorRef<RequestEvent> owner = ownerOf(run.key());
            if (owner == null) {
                return false;
            }
            List<RequestEvent> earlier = byOwner.putIfAbsent(owner, run.events());
            if (earlier != null) {
                earlier.addAll(run.events()); // the intake's own lists, handed over with the batch
            }
            if (!run.rawErrors().isEmpty()) {
                withErrors.add(owner);
            }
            return true;
        }

        void send() {
            byOwner.forEach((owner, events) -> owner.tell(events.size() == 1 ? events.get(0)
                    : new RequestEvents(events, withErrors.contains(owner))));
        }
    }

    /** An id no request owns may be an order's: TWS's error message has one id field for both. */
    private ActorRef<RequestEvent> ownerOf(RouteKey key) {
        ActorRef<RequestEvent> owner = owners.get(key);
        if (owner == null && key instanceof RouteKey.RequestId id) {
            owner = owners.get(RouteKey.order(id.id()));
        }
        return owner;
    }

    private Behavior<Command> onSubscribeRaw(SubscribeRaw m) {
        if (rawSubscribers.add(m.subscriber())) {
            getContext().watchWith(m.subscriber(), new RawSubscriberStopped(m.subscriber()));
        }
        return this;
    }

    private Behavior<Command> removeRaw(ActorRef<RawEvent> subscriber) {
        if (rawSubscribers.remove(subscriber)) {
            getContext().unwatch(subscriber);
        }
        return this;
    }
}
