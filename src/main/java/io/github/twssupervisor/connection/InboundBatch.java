package io.github.twssupervisor.connection;

import java.util.List;
import java.util.Optional;

/**
 * The frames of one read, decoded in the socket's stream: what the stream hands its socket actor, one at a time, each
 * acknowledged before the next (so back-pressure reaches TCP).
 *
 * @param frames  how many frames the batch had (the heartbeat counts them)
 * @param session its session-level events, in order, identical notices coalesced
 * @param forDispatcher its events for owners and raw subscribers, if any
 * @param <D>     the decoder's batch type
 */
public record InboundBatch<D>(int frames, List<SessionEvent> session, Optional<D> forDispatcher) {

    /** Copies the list. */
    public InboundBatch {
        session = List.copyOf(session);
    }
}
