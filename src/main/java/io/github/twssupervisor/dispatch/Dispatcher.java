package io.github.twssupervisor.dispatch;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers the decoded events of the current socket to the owners of their request ids, and the rest to raw
 * subscribers. The events come decoded from the {@link FrameIntake}; this actor holds who owns what. It learns each
 * new socket's epoch from {@link Attached} and drops events of any other epoch, so a late event from a dead socket is
 * never taken for the new socket's.
 */
public final class Dispatcher extends AbstractBehavior<Dispatcher.Command> {

    /** Messages of the dispatcher. */
    public sealed interface Command permits Attached, Decoded, SubscribeRaw, UnsubscribeRaw, RawSubscriberStopped,
            RegisterOwner, UnregisterOwner {
    }

    /**
     * A socket finished its version negotiation: its events are the current ones.
     *
     * @param epoch the socket's epoch
     */
    public record Attached(long epoch) implements Command {
    }

    /**
     * Events of frames read together, in order, routed to owners or raw subscribers (never to the supervisor). The
     * socket reads on only once {@code handled} is told, so the dispatcher's pace is TCP's.
     *
     * @param epoch   the socket's epoch; events of another epoch are dropped (and acknowledged)
     * @param events  {@link Routed.ToOwner} and {@link Routed.ToRaw}, in frame order
     * @param handled told once the events are delivered, whatever became of them
     */
    public record Decoded(long epoch, List<Routed> events, ActorRef<Done> handled) implements Command {
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
    private final Map<Integer, ActorRef<RequestEvent>> owners = new HashMap<>();
    private long epoch = -1;

    private Dispatcher(ActorContext<Command> context) {
        super(context);
    }

    /** @return the behaviour */
    public static Behavior<Command> create() {
        return Behaviors.setup(Dispatcher::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Decoded.class, this::onDecoded)
                .onMessage(Attached.class, m -> {
                    epoch = m.epoch();
                    return this;
                })
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

    private Behavior<Command> onDecoded(Decoded decoded) {
        try {
            if (decoded.epoch() != epoch) {
                getContext().getLog().debug("Dropped {} event(s) of socket epoch {} (current {})",
                        decoded.events().size(), decoded.epoch(), epoch);
                return this;
            }
            // Each owner gets one message for the batch (a lone event as itself).
            OwnerBatches batches = new OwnerBatches();
            for (Routed routed : decoded.events()) {
                deliver(routed, batches);
            }
            batches.send();
            return this;
        } finally {
            // Even after a bug's exception (this actor is resumed), or the socket would stop reading.
            decoded.handled().tell(Done.getInstance());
        }
    }

    private void deliver(Routed routed, OwnerBatches batches) {
        if (routed instanceof Routed.ToOwner toOwner) {
            if (batches.add(toOwner.requestId(), toOwner.event())) {
                return;
            }
            if (toOwner.event() instanceof RequestError) {
                // An error for an id nobody owns (an order, or a request already ended) is still news.
                RawEvent raw = toOwner.raw();
                rawSubscribers.forEach(s -> s.tell(raw));
            } else {
                getContext().getLog().debug("No owner for request {}: dropped {}", toOwner.requestId(),
                        toOwner.event());
            }
        } else if (routed instanceof Routed.ToRaw raw) {
            rawSubscribers.forEach(s -> s.tell(raw.event()));
        } else {
            // The intake keeps session events and decode failures: one here is a bug there.
            throw new IllegalArgumentException("not for the dispatcher: " + routed);
        }
    }

    /**
     * The events of one batch per owner, in arrival order: a blast of ticks costs a subscription one mailbox hop per
     * batch. Ticks of one subscription come in runs, so the owners are looked up once per run, not per tick.
     */
    private final class OwnerBatches {
        private final Map<ActorRef<RequestEvent>, List<RequestEvent>> byOwner = new LinkedHashMap<>();
        private int lastRequestId;
        private List<RequestEvent> lastEvents;

        /** @return false when nobody owns the request id */
        boolean add(int requestId, RequestEvent event) {
            if (lastEvents == null || requestId != lastRequestId) {
                ActorRef<RequestEvent> owner = owners.get(requestId);
                if (owner == null) {
                    return false;
                }
                lastRequestId = requestId;
                lastEvents = byOwner.computeIfAbsent(owner, o -> new ArrayList<>());
            }
            lastEvents.add(event);
            return true;
        }

        void send() {
            byOwner.forEach((owner, events) -> owner.tell(events.size() == 1 ? events.get(0)
                    : new RequestEvents(events)));
        }
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
