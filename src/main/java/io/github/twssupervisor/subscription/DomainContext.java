package io.github.twssupervisor.subscription;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.RequestEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a domain's facade gets from its client: the kernel's services, so that a facade ({@code client.marketData()})
 * is a few lines of domain arguments over these and the client never grows a method per domain.
 */
public interface DomainContext {

    /**
     * Subscribes an actor. Equal specs share one subscription and one line at TWS; it outlives reconnects and marks
     * every gap with Interrupted / Resumed.
     *
     * @param spec       the request
     * @param subscriber receives the events; watched, so stopping it unsubscribes
     * @param <E>        the domain's event type
     */
    <E extends RequestEvent> void subscribe(SubscriptionSpec<E> spec, ActorRef<E> subscriber);

    /**
     * @param spec       the request it subscribed to
     * @param subscriber receives nothing more; the last subscriber leaving cancels the request at TWS
     * @param <E>        the domain's event type
     */
    <E extends RequestEvent> void unsubscribe(SubscriptionSpec<E> spec, ActorRef<E> subscriber);

    /**
     * @param spec     the request
     * @param overflow what a slow consumer gets; the connection never waits for it
     * @param <E>      the domain's event type
     * @return a source that completes after {@link Lifecycle.Ended}; cancelling it unsubscribes
     */
    <E extends RequestEvent> Source<E, SubscriptionHandle> stream(SubscriptionSpec<E> spec, Overflow overflow);

    /**
     * @param spec    the request
     * @param timeout how long the complete answer may take
     * @param <R>     a row of the answer
     * @return the rows, or a failure (see {@link OneShotRequest}); completes on the client's threads
     */
    <R> CompletionStage<List<R>> request(OneShotSpec<R> spec, Duration timeout);

    /**
     * @param resident the name of one of the client's {@link Resident}s
     * @param message  for it
     */
    void tell(String resident, RequestEvent message);

    /**
     * @param resident the name of one of the client's {@link Resident}s
     * @param message  for it, given where to reply
     * @param timeout  how long the answer may take
     * @param <T>      the answer
     * @return the answer, or its error; completes on the client's threads
     */
    <T> CompletionStage<T> ask(String resident,
                               java.util.function.Function<ActorRef<akka.pattern.StatusReply<T>>, RequestEvent> message,
                               Duration timeout);

    /**
     * @param timeout how long to wait for READY
     * @return the current connection's Ready (server version, the accounts the session manages, ...), now or when
     *     next READY; fails after the timeout
     */
    CompletionStage<Ready> ready(Duration timeout);

    /** @return the actor system the client runs in, to run streams with */
    ActorSystem<?> system();
}
