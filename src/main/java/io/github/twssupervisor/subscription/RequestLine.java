package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import org.slf4j.Logger;

/**
 * A {@link ManagedSubscription}'s request on the current socket: its request id, its registration with the dispatcher,
 * and what goes through the pacer (prerequisites, the request, the cancel). Plain Java owned by the subscription and
 * used on its thread only; the subscription decides when, this class knows how.
 */
final class RequestLine {

    private final SubscriptionSpec<?> spec;
    private final SubscriptionPorts ports;
    private final ActorRef<RequestEvent> owner;
    private final ActorRef<OutboundRequest.Outcome> outcomes;
    private final ActorRef<OutboundRequest.Outcome> nobody;
    private final Logger log;
    /** The request id on the current socket, 0 when no request is live. */
    private int reqId;
    /** Whether the request was ever issued: the first READY issues it whatever the spec's recovery says. */
    private boolean issuedOnce;
    /** Whether anything arrived for the current request id: TWS accepted it. */
    private boolean answered;

    /**
     * @param spec     the request
     * @param ports    the client's actors
     * @param owner    the subscription, which the dispatcher routes the request id's events to
     * @param outcomes where the pacer reports on the request
     * @param nobody   where outcomes nobody waits for go
     * @param log      the subscription's log
     */
    RequestLine(SubscriptionSpec<?> spec, SubscriptionPorts ports, ActorRef<RequestEvent> owner,
                ActorRef<OutboundRequest.Outcome> outcomes, ActorRef<OutboundRequest.Outcome> nobody, Logger log) {
        this.spec = spec;
        this.ports = ports;
        this.owner = owner;
        this.outcomes = outcomes;
        this.nobody = nobody;
        this.log = log;
    }

    /** @return the live request id, 0 when none */
    int id() {
        return reqId;
    }

    boolean isLive() {
        return reqId != 0;
    }

    boolean issuedOnce() {
        return issuedOnce;
    }

    /** @return whether TWS said anything about the live request */
    boolean answered() {
        return answered;
    }

    /** Something arrived for the live request. */
    void markAnswered() {
        answered = true;
    }

    /** Registers a fresh request id with the dispatcher and puts the request on the pacer. */
    void issue() {
        answered = false;
        issuedOnce = true;
        reqId = ports.requestIds().next();
        int id = reqId;
        ports.dispatcher().tell(new Dispatcher.RegisterOwner(id, owner));
        // A request answered by id-less message kinds owns them; the kind's events go to the newest issue's owner.
        spec.messageKinds().forEach(kind -> ports.dispatcher().tell(new Dispatcher.RegisterOwner(RouteKey.kind(kind),
                owner)));
        // Prerequisites go under the negated id: their outcomes are never taken for the request's.
        for (SubscriptionSpec.Message before : spec.prerequisites()) {
            ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(-id, before.description(), before.encoder(),
                    outcomes, OutboundRequest.Retention.DROP_ON_DISCONNECT)));
        }
        SubscriptionSpec.Message request = spec.request(id);
        ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id, request.description(), request.encoder(),
                outcomes, OutboundRequest.Retention.DROP_ON_DISCONNECT)));
        log.debug("{} issued as request {}", spec.description(), id);
    }

    /** Sends the spec's cancel for the live request, if it has one; nobody waits for its outcome. */
    void cancel() {
        int id = reqId;
        if (id != 0) {
            spec.cancel(id).ifPresent(cancel -> ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id,
                    cancel.description(), cancel.encoder(), nobody, OutboundRequest.Retention.DROP_ON_DISCONNECT))));
        }
    }

    /** Stops routing the live request id here: no request is live afterwards. */
    void unregister() {
        if (reqId != 0) {
            ports.dispatcher().tell(new Dispatcher.UnregisterOwner(reqId));
            spec.messageKinds().forEach(kind -> ports.dispatcher().tell(new Dispatcher.UnregisterOwner(
                    RouteKey.kind(kind))));
            reqId = 0;
        }
    }
}
