package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestIds;

/**
 * What a {@link ManagedSubscription} or a {@link OneShotRequest} needs from its client.
 *
 * @param pacer      sends requests
 * @param dispatcher routes its request id's events to it
 * @param supervisor publishes connection events
 * @param requestIds fresh request ids
 * @param owner      told about retirement
 * @param metrics    the client's counters (subscriptions by domain and state)
 */
public record SubscriptionPorts(ActorRef<Pacer.Command> pacer, ActorRef<Dispatcher.Command> dispatcher,
                                ActorRef<ConnectionSupervisor.Command> supervisor, RequestIds requestIds,
                                ActorRef<Retirement> owner, ConnectionMetrics metrics) {

    /** Ports whose counters go nowhere (tests of one actor). */
    public SubscriptionPorts(ActorRef<Pacer.Command> pacer, ActorRef<Dispatcher.Command> dispatcher,
                             ActorRef<ConnectionSupervisor.Command> supervisor, RequestIds requestIds,
                             ActorRef<Retirement> owner) {
        this(pacer, dispatcher, supervisor, requestIds, owner, new ConnectionMetrics());
    }
}
