package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The socket actor's hand-off of one {@link InboundBatch} at a time: its session events to the handshake (before
 * Ready) or the supervisor (after), then its other events to the dispatcher, each told to answer {@code taken}; only
 * when the last has taken its part is the stream acknowledged and the next batch read. Owned by the socket actor; not
 * thread-safe.
 *
 * @param <D> the decoder's batch type
 */
final class InboundHandoff<D> {

    /** Who has the current batch. */
    private enum Stage {
        NONE, HANDSHAKE, SUPERVISOR, DISPATCHER
    }

    private final long epoch;
    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final InboundDecoder<D> decoder;
    private final ActorRef<Done> taken;
    private boolean ready;
    private Stage stage = Stage.NONE;
    private ActorRef<Done> streamAck;
    private Optional<D> forDispatcher = Optional.empty();
    private Duration waited = Duration.ZERO;

    /**
     * @param epoch      the socket's epoch, on everything handed on
     * @param supervisor gets the session events after Ready
     * @param decoder    hands the dispatcher its part
     * @param taken      the socket's adapter that the supervisor and the dispatcher answer
     */
    InboundHandoff(long epoch, ActorRef<ConnectionSupervisor.Command> supervisor, InboundDecoder<D> decoder,
                   ActorRef<Done> taken) {
        this.epoch = epoch;
        this.supervisor = supervisor;
        this.decoder = decoder;
        this.taken = taken;
    }

    /** The handshake is over: session events go to the supervisor from now on. */
    void ready() {
        ready = true;
    }

    boolean isReady() {
        return ready;
    }

    /** @return a batch is on its way and the stream waits for it to be taken */
    boolean isTaking() {
        return stage != Stage.NONE;
    }

    /**
     * @param batch     the stream's next batch
     * @param ack       tells the stream to go on
     * @param handshake the handshake, while it runs: it gets the session events first, and answers the socket
     */
    void take(InboundBatch<D> batch, ActorRef<Done> ack, Optional<ActorRef<SessionHandshake.Command>> handshake) {
        if (isTaking()) {
            throw new IllegalStateException("a batch arrived before the last one was acknowledged");
        }
        streamAck = ack;
        forDispatcher = batch.forDispatcher();
        waited = Duration.ZERO;
        if (handshake.isPresent() && !batch.session().isEmpty()) {
            stage = Stage.HANDSHAKE;
            handshake.get().tell(new SessionHandshake.Received(batch.session()));
            return;
        }
        passOn(batch.session());
    }

    /** The handshake is done with the session events and not yet complete: what it did not use is of no one's use. */
    void passOnBeforeReady(List<SessionEvent> unused, Logger log) {
        if (!unused.isEmpty()) {
            log.debug("Session events before READY ignored: {}", unused);
        }
        toDispatcher();
    }

    /** @param events session events for the supervisor (after Ready; before, they are dropped) */
    void passOn(List<SessionEvent> events) {
        if (ready && !events.isEmpty()) {
            stage = Stage.SUPERVISOR;
            supervisor.tell(new ConnectionSupervisor.SessionEventsReceived(epoch, events, taken));
            return;
        }
        toDispatcher();
    }

    /** The supervisor or the dispatcher took its part. */
    void taken() {
        if (stage == Stage.SUPERVISOR) {
            toDispatcher();
        } else if (stage == Stage.DISPATCHER) {
            done();
        }
    }

    /**
     * The socket is going: the current batch's part for the dispatcher, if it has not gone yet, goes now.
     *
     * @param taken where the dispatcher's acknowledgement goes (nobody waits for it any more)
     */
    void deliverRemaining(ActorRef<Done> taken) {
        if (forDispatcher.isPresent()) {
            decoder.deliver(epoch, forDispatcher.get(), taken);
            forDispatcher = Optional.empty();
        }
    }

    /**
     * @param sinceLastCheck time since the last check
     * @param limit          how long a consumer may take
     * @return the current batch has waited longer than the limit
     */
    boolean checkStuck(Duration sinceLastCheck, Duration limit) {
        waited = waited.plus(sinceLastCheck);
        return waited.compareTo(limit) > 0;
    }

    /** @return who has the current batch, for an error message */
    String waitingFor() {
        return stage.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void toDispatcher() {
        if (forDispatcher.isPresent()) {
            stage = Stage.DISPATCHER;
            D events = forDispatcher.get();
            forDispatcher = Optional.empty();
            decoder.deliver(epoch, events, taken);
            return;
        }
        done();
    }

    private void done() {
        stage = Stage.NONE;
        streamAck.tell(Done.getInstance());
        streamAck = null;
    }
}
