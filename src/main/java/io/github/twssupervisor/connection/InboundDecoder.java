package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import java.util.List;
import java.util.Optional;

/**
 * What a socket's stream does with the frames after the version frame, implemented by whoever knows the domains (the
 * {@code dispatch} package: this one imports none of it). {@link #decode} runs inside the socket's stream, on the
 * stream's thread, so a frame is decoded where it was cut and only decoded events cross to actors; {@link #deliver}
 * runs in the socket actor, which hands each decoded batch on and waits for it to be taken before the stream may
 * read the next.
 *
 * @param <D> a batch's events for the dispatcher
 */
public interface InboundDecoder<D> {

    /**
     * Decodes a batch of frames. Must be safe to call from any thread (one stream calls it at a time) and must not
     * throw for a frame that does not decode: such a frame is logged and skipped, the connection kept.
     *
     * @param serverVersion the version negotiated on the socket
     * @param payloads      frame payloads, in order, without length prefix; not modified
     * @param session       receives the session-level events (notices, nextValidId, managedAccounts, currentTime), in
     *                      order
     * @return the rest, for the dispatcher; empty when the batch held nothing for it
     */
    Optional<D> decode(int serverVersion, List<byte[]> payloads, List<SessionEvent> session);

    /**
     * Hands a decoded batch to the dispatcher.
     *
     * @param epoch   the socket's epoch: the dispatcher drops the events of an older socket than the newest it saw
     * @param decoded what {@link #decode} returned
     * @param taken   told once the events are delivered, whatever became of them
     */
    void deliver(long epoch, D decoded, ActorRef<Done> taken);
}
