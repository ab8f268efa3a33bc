package io.github.twssupervisor.subscription;

import java.util.List;

/**
 * Events of one subscription in their order, as a stream's source gets them: one message for the events of frames
 * read together instead of one message per event, which is most of what a stream's element used to cost. Actor
 * subscribers never see it.
 *
 * @param events the events, oldest first; handed over, not copied: the sender keeps no reference
 * @param <E>    the domain's event type
 */
public record EventBatch<E>(List<E> events) {

    /**
     * @param event one event
     * @param <E>   the domain's event type
     * @return a batch of it alone
     */
    public static <E> EventBatch<E> of(E event) {
        return new EventBatch<>(List.of(event));
    }
}
