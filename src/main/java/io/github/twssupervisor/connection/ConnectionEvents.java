package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.github.twssupervisor.config.LogSettings;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The supervisor's event bus: the subscribers of a connection's state changes and notices, watched so that one that
 * stops is dropped without having to unsubscribe, and the last move, so that a subscriber who comes in RECONNECTING
 * still learns why and when the next try is. Owned and used by one actor only.
 *
 * @param <M> the owner's message type
 */
final class ConnectionEvents<M> {

    private final ActorContext<M> context;
    private final Function<ActorRef<ConnectionEvent>, M> onStopped;
    private final LogSettings log;
    private final Protocol protocol;
    private final Set<ActorRef<ConnectionEvent>> subscribers = new HashSet<>();
    private Optional<ConnectionEvent.StateChanged> lastChange = Optional.empty();

    /**
     * @param context   the owner's context
     * @param onStopped the message the owner gets when a subscriber stops; it should call {@link #remove}
     * @param log       how the READY line shows the accounts (DU****11 when masked)
     */
    ConnectionEvents(ActorContext<M> context, Function<ActorRef<ConnectionEvent>, M> onStopped, LogSettings log,
                     Protocol protocol) {
        this.context = context;
        this.onStopped = onStopped;
        this.log = log;
        this.protocol = protocol;
    }

    /**
     * Adds a subscriber and tells it the current state, as a move to itself with the reason, attempt and delay of the
     * move that led there.
     *
     * @param subscriber the subscriber, watched
     * @param state      the current state
     * @param ready      the current connection's Ready, told only if the state is READY
     * @param attempt    the current attempt, if no move was made yet
     */
    void add(ActorRef<ConnectionEvent> subscriber, ConnectionState state, Optional<Ready> ready, int attempt) {
        if (subscribers.add(subscriber)) {
            context.watchWith(subscriber, onStopped.apply(subscriber));
        }
        ConnectionEvent.StateChanged now = lastChange.orElse(new ConnectionEvent.StateChanged(state, state,
                Optional.empty(), attempt, Optional.empty(), Optional.empty(), false, Instant.now()));
        subscriber.tell(new ConnectionEvent.StateChanged(state, state, now.reason(), now.attempt(), now.nextDelay(),
                state == ConnectionState.READY ? ready : Optional.empty(), false, now.at()));
    }

    void remove(ActorRef<ConnectionEvent> subscriber) {
        if (subscribers.remove(subscriber)) {
            context.unwatch(subscriber);
        }
    }

    /**
     * Logs a move at INFO, in the words an operator needs, publishes it and keeps it for later subscribers.
     *
     * @param change the move
     * @param target host:port, for the log
     */
    void changed(ConnectionEvent.StateChanged change, String target) {
        ConnectionState from = change.previous();
        if (change.state() == ConnectionState.RECONNECTING) {
            context.getLog().info("{} -> RECONNECTING in {} ms (attempt {}): {}", from, change.nextDelay()
                    .orElseThrow().toMillis(), change.attempt(), change.reason().map(FailureReason::toString)
                    .orElse("?"));
        } else if (change.state() == ConnectionState.READY) {
            Ready r = change.ready().orElseThrow();
            context.getLog().info("{} -> READY: {} {}{}", from, target, protocol.describe(r, log),
                    change.dataLost() ? "" : " (data kept)");
        } else {
            context.getLog().info("{} -> {} ({}, attempt {})", from, change.state(), target, change.attempt());
        }
        lastChange = Optional.of(change);
        publish(change);
    }

    void publish(ConnectionEvent event) {
        subscribers.forEach(s -> s.tell(event));
    }
}
