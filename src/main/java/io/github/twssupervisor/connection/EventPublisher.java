package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The subscribers of a connection's events: watched, so that a subscriber that stops is dropped without having to
 * unsubscribe. Owned and used by one actor only.
 *
 * @param <M> the owner's message type
 */
final class EventPublisher<M> {

    private final ActorContext<M> context;
    private final Function<ActorRef<ConnectionEvent>, M> onStopped;
    private final Set<ActorRef<ConnectionEvent>> subscribers = new HashSet<>();

    /**
     * @param context   the owner's context
     * @param onStopped the message the owner gets when a subscriber stops; it should call {@link #remove}
     */
    EventPublisher(ActorContext<M> context, Function<ActorRef<ConnectionEvent>, M> onStopped) {
        this.context = context;
        this.onStopped = onStopped;
    }

    void add(ActorRef<ConnectionEvent> subscriber) {
        if (subscribers.add(subscriber)) {
            context.watchWith(subscriber, onStopped.apply(subscriber));
        }
    }

    void remove(ActorRef<ConnectionEvent> subscriber) {
        if (subscribers.remove(subscriber)) {
            context.unwatch(subscriber);
        }
    }

    void publish(ConnectionEvent event) {
        subscribers.forEach(s -> s.tell(event));
    }
}
