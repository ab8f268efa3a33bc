package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import java.time.Instant;

/**
 * The supervisor's current-time service: the protocol's clock request (TWS's {@code reqCurrentTime}) through the
 * pacer, and the peer's answers given to the
 * callers oldest first (the answer carries no request id; a heartbeat probe's answer finds nobody waiting and is
 * dropped). Callers are failed when the request is rejected, the socket is lost or the connection closed. Owned and
 * used by the supervisor only.
 */
final class CurrentTimeRequests {

    private final ActorRef<Pacer.Command> pacer;
    private final Protocol protocol;
    private final ActorRef<OutboundRequest.Outcome> outcomes;
    private final Waiters<Instant> waiters = new Waiters<>();
    private long nextRequestId;

    /**
     * @param pacer    sends the requests
     * @param protocol makes them
     * @param outcomes the supervisor's adapter for the pacer's outcomes, handed to {@link #onOutcome}
     */
    CurrentTimeRequests(ActorRef<Pacer.Command> pacer, Protocol protocol, ActorRef<OutboundRequest.Outcome> outcomes) {
        this.pacer = pacer;
        this.protocol = protocol;
        this.outcomes = outcomes;
    }

    /** @param replyTo gets TWS's clock, or an error */
    void request(ActorRef<StatusReply<Instant>> replyTo) {
        if (protocol.clockRequest().isEmpty()) {
            replyTo.tell(StatusReply.error("the " + protocol.name() + " protocol has no clock request"));
            return;
        }
        long id = nextRequestId++;
        waiters.add(id, replyTo);
        var frame = protocol.clockRequest().get();
        pacer.tell(new Pacer.Enqueue(new OutboundRequest(id, protocol.name() + " clock request", version -> frame.get(),
                outcomes)));
    }

    /** @param outcome the pacer's word on a request: a rejected one fails its caller */
    void onOutcome(OutboundRequest.Outcome outcome) {
        if (outcome instanceof OutboundRequest.Rejected rejected) {
            waiters.fail(rejected.requestId(), rejected.message());
        }
    }

    /** @param clock the peer's answer to the oldest request */
    void answer(Instant clock) {
        waiters.answerOldest(clock);
    }

    /** @param why the callers waiting now will get no answer */
    void failAll(String why) {
        waiters.failAll(why);
    }
}
