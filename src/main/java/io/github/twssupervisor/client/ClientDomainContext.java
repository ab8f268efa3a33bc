package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.Stages;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.DomainContext;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.subscription.SubscriptionStreams;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The kernel's services for the facades of one client: messages to its guardian. Immutable, so safe from any thread.
 */
final class ClientDomainContext implements DomainContext {

    /** How much longer than a one-shot request's own timeout the ask waits: the request's typed failure comes first. */
    private static final Duration ASK_SLACK = Duration.ofSeconds(5);

    private final ActorRef<GuardianMessage> guardian;
    private final ActorSystem<?> system;

    private final ConnectionMetrics metrics;

    ClientDomainContext(ActorRef<GuardianMessage> guardian, ActorSystem<?> system, ConnectionMetrics metrics) {
        this.guardian = guardian;
        this.system = system;
        this.metrics = metrics;
    }

    @Override
    public <E extends RequestEvent> void subscribe(SubscriptionSpec<E> spec, ActorRef<E> subscriber) {
        guardian.tell(new TwsClient.Subscribe<>(spec, subscriber));
    }

    @Override
    public <E extends RequestEvent> void unsubscribe(SubscriptionSpec<E> spec, ActorRef<E> subscriber) {
        guardian.tell(new TwsClient.Unsubscribe<>(spec, subscriber));
    }

    @Override
    public <E extends RequestEvent> Source<E, SubscriptionHandle> stream(SubscriptionSpec<E> spec,
                                                                         Overflow overflow) {
        Objects.requireNonNull(overflow, "overflow must not be null");
        return SubscriptionStreams.source(spec, overflow,
                ref -> guardian.tell(new GuardianMessage.SubscribeStream(spec, ref)), metrics);
    }

    @Override
    public <R> CompletionStage<List<R>> request(OneShotSpec<R> spec, Duration timeout) {
        return Stages.plain(AskPattern.askWithStatus(guardian, replyTo -> new TwsClient.Request<>(spec, timeout,
                replyTo), timeout.plus(ASK_SLACK), system.scheduler()), system.executionContext());
    }

    @Override
    public void tell(String resident, RequestEvent message) {
        guardian.tell(new GuardianMessage.ToResident(resident, message));
    }

    @Override
    public <T> CompletionStage<T> ask(String resident,
                                      java.util.function.Function<ActorRef<StatusReply<T>>, RequestEvent> message,
                                      Duration timeout) {
        return Stages.plain(AskPattern.askWithStatus(guardian, replyTo -> new GuardianMessage.ToResident(resident,
                message.apply(replyTo)), timeout, system.scheduler()), system.executionContext());
    }

    @Override
    public CompletionStage<Ready> ready(Duration timeout) {
        return Stages.plain(AskPattern.askWithStatus(guardian, TwsClient.AwaitReady::new, timeout,
                system.scheduler()), system.executionContext());
    }

    @Override
    public ActorSystem<?> system() {
        return system;
    }
}
