package io.github.twssupervisor.json.client;

import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The client actor's requests in flight, and which reply answers which. The server answers each connection's requests
 * in order, one reply each, so replies answer the oldest request sent on the same socket; pongs are matched apart, by
 * the ping's timestamp, since the liveness probe's pings (which this class never sees) get pongs too. A request is
 * unsent while it waits in the pacer, then sent on a socket's epoch; a reply from a later epoch means the earlier
 * ones were lost with their socket. The pacer's word that a request was sent and the reply to it travel apart, so a
 * reply may come first: then it answers the oldest request still counted as unsent. Confined to its actor.
 */
final class PendingReplies {

    /** A request and who waits for its reply. */
    record Pending(long id, JsonMessage request, ActorRef<StatusReply<JsonMessage>> replyTo, long epoch) {
    }

    /** In the order the requests were made, which is the order the pacer writes them. */
    private final Map<Long, Pending> unsent = new LinkedHashMap<>();
    private final Map<Instant, ArrayDeque<Pending>> pings = new HashMap<>();
    private final ArrayDeque<Pending> others = new ArrayDeque<>();
    private int sentPings;

    /** @return requests waiting to be sent or answered */
    int inFlight() {
        return unsent.size() + sentPings + others.size();
    }

    void waiting(Pending pending) {
        unsent.put(pending.id(), pending);
    }

    /** The pacer wrote a request to the socket of an epoch. */
    void sent(long id, long epoch) {
        Pending pending = unsent.remove(id);
        if (pending == null) {
            return;
        }
        Pending on = new Pending(id, pending.request(), pending.replyTo(), epoch);
        if (pending.request() instanceof JsonMessage.Ping ping) {
            pings.computeIfAbsent(onTheWire(ping.timestamp()), t -> new ArrayDeque<>(1)).addLast(on);
            sentPings++;
        } else {
            others.addLast(on);
        }
    }

    /** The pacer refused a request. */
    void rejected(long id, String message) {
        Pending pending = unsent.remove(id);
        if (pending != null) {
            pending.replyTo().tell(StatusReply.error(message));
        }
    }

    /**
     * @param epoch the socket the reply came on
     * @param reply a reply (not a broadcast_message)
     * @return the request it answers; empty for a probe's pong or a reply nobody waits for
     */
    Optional<Pending> answered(long epoch, JsonMessage reply) {
        if (reply instanceof JsonMessage.Pong pong) {
            ArrayDeque<Pending> waiting = pings.get(onTheWire(pong.pingTimestamp()));
            if (waiting == null) {
                return takeUnsent(p -> p.request() instanceof JsonMessage.Ping ping
                        && onTheWire(ping.timestamp()).equals(onTheWire(pong.pingTimestamp())));
            }
            Pending pending = waiting.pollFirst();
            sentPings--;
            if (waiting.isEmpty()) {
                pings.remove(onTheWire(pong.pingTimestamp()));
            }
            return Optional.of(pending);
        }
        while (!others.isEmpty() && others.peekFirst().epoch() < epoch) {
            lost(others.pollFirst());
        }
        if (others.isEmpty()) {
            return takeUnsent(p -> !(p.request() instanceof JsonMessage.Ping));
        }
        return others.peekFirst().epoch() != epoch ? Optional.empty() : Optional.of(others.pollFirst());
    }

    /** A reply that came before the pacer's {@code Sent}: it answers the oldest such request still unsent. */
    private Optional<Pending> takeUnsent(Predicate<Pending> matches) {
        for (Iterator<Pending> it = unsent.values().iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (matches.test(pending)) {
                it.remove();
                return Optional.of(pending);
            }
        }
        return Optional.empty();
    }

    /** The socket is gone: what was sent on it gets no reply. */
    void failSent() {
        others.forEach(this::lost);
        others.clear();
        pings.values().forEach(waiting -> waiting.forEach(this::lost));
        pings.clear();
        sentPings = 0;
    }

    /** @param why every request fails: the client is closed */
    void failAll(String why) {
        failSent();
        unsent.values().forEach(p -> p.replyTo().tell(StatusReply.error(why)));
        unsent.clear();
    }

    /** Timestamps travel with milliseconds: a ping's key must be what its pong will carry back. */
    private static Instant onTheWire(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    private void lost(Pending pending) {
        pending.replyTo().tell(StatusReply.error(pending.request().type() + " sent, but the connection was lost "
                + "before its reply: the server may or may not have handled it"));
    }
}
