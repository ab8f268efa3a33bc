package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;

/**
 * What a {@link ManagedSubscription} tells its owner (the client guardian) about the end of its life. Retirement goes
 * through the owner, which routes new subscribers, so that a subscriber routed to a retiring subscription is never
 * lost.
 */
public sealed interface Retirement permits Retirement.Retire, Retirement.Unretire {

    /**
     * No subscriber left, or the request ended: remove the subscription from the routing table and answer
     * {@link ManagedSubscription.Stop}.
     *
     * @param spec         the request the subscription serves
     * @param subscription the subscription
     */
    record Retire(SubscriptionSpec<?> spec, ActorRef<ManagedSubscription.Command> subscription)
            implements Retirement {
    }

    /**
     * A subscriber arrived after the retirement was asked: route the request to the subscription again.
     *
     * @param spec         the request the subscription serves
     * @param subscription the subscription
     */
    record Unretire(SubscriptionSpec<?> spec, ActorRef<ManagedSubscription.Command> subscription)
            implements Retirement {
    }
}
