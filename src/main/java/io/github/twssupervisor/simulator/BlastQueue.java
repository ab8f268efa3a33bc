package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * A session's blasts, one after the other. Each time the outbox drains (the socket acknowledged a batch) the session
 * calls {@link #pump()}, which tops the outbox up to the high-water mark with blast frames; a blast is answered once its
 * last frame has left the outbox, so the count it reports is of frames written, not merely made.
 *
 * <p>Owned by the session actor; not thread-safe.
 */
final class BlastQueue {

    private final ArrayDeque<Blast> waiting = new ArrayDeque<>();
    private final Outbox outbox;
    private final int highWater;
    private final IntPredicate streaming;
    private final Consumer<byte[]> send;
    private final ActorRef<SimulatorSession.Command> session;

    /**
     * @param outbox    the session's outbox
     * @param highWater the backlog blast frames may fill it to
     * @param streaming whether a request id is still a streaming subscription
     * @param send      sends a frame (through the outbox)
     * @param session   the session, named in the answers
     */
    BlastQueue(Outbox outbox, int highWater, IntPredicate streaming, Consumer<byte[]> send,
               ActorRef<SimulatorSession.Command> session) {
        this.outbox = outbox;
        this.highWater = highWater;
        this.streaming = streaming;
        this.send = send;
        this.session = session;
    }

    /** @param blast a blast to run after those already queued */
    void start(Blast blast) {
        waiting.add(blast);
        pump();
    }

    /** @return a blast is running (regular ticks pause meanwhile) */
    boolean running() {
        return !waiting.isEmpty();
    }

    /** Makes as many blast frames as the outbox has room for, and answers each blast once it is written. */
    void pump() {
        while (!waiting.isEmpty()) {
            Blast blast = waiting.peek();
            if (!blast.exhausted()) {
                int room = highWater - outbox.pending();
                if (room <= 0) {
                    return;
                }
                blast.emit(room, streaming, send);
                if (!blast.exhausted()) {
                    return;
                }
            }
            if (!outbox.idle()) {
                return;
            }
            waiting.poll();
            blast.replyTo().tell(new BlastCoordinator.SessionDone(session, blast.sent()));
        }
    }

    /** Answers every blast that will not finish (the session is closing) with the frames written so far. */
    void abort() {
        waiting.forEach(b -> b.replyTo().tell(new BlastCoordinator.SessionDone(session, b.sent())));
        waiting.clear();
    }
}
