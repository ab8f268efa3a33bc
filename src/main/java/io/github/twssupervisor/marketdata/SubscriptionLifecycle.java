package io.github.twssupervisor.marketdata;

import akka.actor.typed.ActorRef;

/**
 * What a {@link MarketDataSubscription} tells its owner (the client guardian) about its life. Retirement goes through
 * the owner, which routes new subscribers, so that a subscriber routed to a retiring subscription is never lost.
 */
public sealed interface SubscriptionLifecycle permits SubscriptionLifecycle.Retire, SubscriptionLifecycle.Unretire {

    /**
     * No subscriber left, or the request ended: remove the subscription from the routing table and answer
     * {@link MarketDataSubscription.Stop}.
     *
     * @param request      the request the subscription serves
     * @param subscription the subscription
     */
    record Retire(MarketDataRequest request, ActorRef<MarketDataSubscription.Command> subscription)
            implements SubscriptionLifecycle {
    }

    /**
     * A subscriber arrived after the retirement was asked: route the request to the subscription again.
     *
     * @param request      the request the subscription serves
     * @param subscription the subscription
     */
    record Unretire(MarketDataRequest request, ActorRef<MarketDataSubscription.Command> subscription)
            implements SubscriptionLifecycle {
    }
}
