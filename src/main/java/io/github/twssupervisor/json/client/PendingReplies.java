package io.github.twssupervisor.json.client;

import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client actor's requests in flight, and which reply answers which. The server answers each connection's requests
 * in order, one reply each, and the pacer writes them in the order they came; so replies answer the oldest request,
 * and pongs are matched apart, by their ping's timestamp, since the liveness probe's pings (which this class never
 * sees) get pongs too. A request is known to be sent on a socket's epoch once the pacer says so, which may come after
 * its reply (the two travel apart): a reply on the current socket answers the oldest request either way. When a socket
 * is lost, what was sent on it fails; a send reported later for a lost socket fails then. Confined to its actor.
 */
final class PendingReplies {

    /** Not yet known to be sent. */
    static final long UNSENT = -1;

    /** A request, who waits for its reply, and the socket it went out on once known. */
    static final class Pending {
        private final long id;
        private final JsonMessage request;
        private final ActorRef<StatusReply<JsonMessage>> replyTo;
        private long epoch = UNSENT;

        Pending(long id, JsonMessage request, ActorRef<StatusReply<JsonMessage>> replyTo) {
            this.id = id;
            this.request = request;
            this.replyTo = replyTo;
        }

        long id() {
            return id;
        }

        ActorRef<StatusReply<JsonMessage>> replyTo() {
            return replyTo;
        }
    }

    private final Map<Long, Pending> byId = new HashMap<>();
    private final Map<Instant, ArrayDeque<Pending>> pings = new HashMap<>();
    private final ArrayDeque<Pending> others = new ArrayDeque<>();
    /** Sockets up to this epoch are gone: a send on one of them fails as soon as it is reported. */
    private long lostUpTo = UNSENT;
    private long newestEpoch = UNSENT;

    /** @return requests waiting to be sent or answered */
    int inFlight() {
        return byId.size();
    }

    /** @param pending a request handed to the pacer */
    void waiting(Pending pending) {
        byId.put(pending.id, pending);
        if (pending.request instanceof JsonMessage.Ping ping) {
            pings.computeIfAbsent(onTheWire(ping.timestamp()), t -> new ArrayDeque<>(1)).addLast(pending);
        } else {
            others.addLast(pending);
        }
    }

    /** The pacer wrote a request to the socket of an epoch. */
    void sent(long id, long epoch) {
        Pending pending = byId.get(id);
        if (pending == null) {
            return; // answered already: the reply came first
        }
        pending.epoch = epoch;
        newestEpoch = Math.max(newestEpoch, epoch);
        if (epoch <= lostUpTo) {
            remove(pending);
            lost(pending);
        }
    }

    /** The pacer refused a request. */
    void rejected(long id, String message) {
        Pending pending = byId.get(id);
        if (pending != null) {
            remove(pending);
            pending.replyTo.tell(StatusReply.error(message));
        }
    }

    /**
     * @param epoch the socket the reply came on
     * @param reply a reply (not a broadcast_message)
     * @return the request it answers; empty for a probe's pong or a reply nobody waits for
     */
    Optional<Pending> answered(long epoch, JsonMessage reply) {
        if (epoch <= lostUpTo) {
            return Optional.empty(); // the last frames of a socket already given up: their requests have failed
        }
        newestEpoch = Math.max(newestEpoch, epoch);
        if (reply instanceof JsonMessage.Pong pong) {
            ArrayDeque<Pending> waiting = pings.get(onTheWire(pong.pingTimestamp()));
            return waiting == null ? Optional.empty() : Optional.of(remove(waiting.peekFirst()));
        }
        while (!others.isEmpty() && others.peekFirst().epoch != UNSENT && others.peekFirst().epoch < epoch) {
            Pending gone = others.peekFirst();
            remove(gone);
            lost(gone);
        }
        Pending oldest = others.peekFirst();
        return oldest == null || oldest.epoch != UNSENT && oldest.epoch != epoch ? Optional.empty()
                : Optional.of(remove(oldest));
    }

    /** The socket is gone: what was sent on it gets no reply; what was reported sent on it later fails then. */
    void failSent() {
        lostUpTo = newestEpoch;
        for (Pending pending : byId.values().stream().filter(p -> p.epoch != UNSENT).toList()) {
            remove(pending);
            lost(pending);
        }
    }

    /** @param why every request fails: the client is closed */
    void failAll(String why) {
        byId.values().forEach(p -> p.replyTo.tell(StatusReply.error(why)));
        byId.clear();
        pings.clear();
        others.clear();
    }

    private Pending remove(Pending pending) {
        byId.remove(pending.id);
        if (pending.request instanceof JsonMessage.Ping ping) {
            Instant key = onTheWire(ping.timestamp());
            ArrayDeque<Pending> waiting = pings.get(key);
            waiting.remove(pending);
            if (waiting.isEmpty()) {
                pings.remove(key);
            }
        } else if (others.peekFirst() == pending) {
            others.pollFirst();
        } else {
            others.remove(pending);
        }
        return pending;
    }

    /** Timestamps travel with milliseconds: a ping's key must be what its pong will carry back. */
    private static Instant onTheWire(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    private void lost(Pending pending) {
        pending.replyTo.tell(StatusReply.error(pending.request.type() + " sent, but the connection was lost "
                + "before its reply: the server may or may not have handled it"));
    }
}
