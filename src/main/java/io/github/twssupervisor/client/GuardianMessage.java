package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.subscription.EventBatch;
import io.github.twssupervisor.subscription.ManagedSubscription;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionSpec;

/**
 * Everything the {@link ClientGuardian} receives: the public {@link TwsClient.Command}s, and its own messages, which
 * only the client's facades and the guardian's children send and which users never see.
 */
sealed interface GuardianMessage permits TwsClient.Command, GuardianMessage.SubscribeStream,
        GuardianMessage.RawOutcome, GuardianMessage.RetirementReport, GuardianMessage.SubscriptionStopped,
        GuardianMessage.ToResident {

    /**
     * A stream's source subscribes, to get batches (what a facade's stream sends when it starts).
     *
     * @param spec   what to subscribe to
     * @param source the stream's source actor
     * @param <E>    the domain's event type
     */
    record SubscribeStream<E>(SubscriptionSpec<?> spec, ActorRef<EventBatch<E>> source)
            implements GuardianMessage {
    }

    /** @param outcome what became of a raw message */
    record RawOutcome(OutboundRequest.Outcome outcome) implements GuardianMessage {
    }

    /** @param event a subscription asks to retire, or takes that back */
    record RetirementReport(Retirement event) implements GuardianMessage {
    }

    /**
     * @param spec         the request the subscription served
     * @param subscription the subscription, now stopped
     */
    record SubscriptionStopped(SubscriptionSpec<?> spec, ActorRef<ManagedSubscription.Command> subscription)
            implements GuardianMessage {
    }

    /**
     * @param resident the name of a domain's resident actor
     * @param message  for it, from its facade
     */
    record ToResident(String resident, RequestEvent message) implements GuardianMessage {
    }
}
