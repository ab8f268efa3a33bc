package io.github.twssupervisor.connection;

import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.wire.SessionCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reqCurrentTime} written on the caller's own thread when the pacer is idle (its {@link SendGate} is open), and
 * answered by the socket's thread ({@link SessionInbox}): a round trip with no actor in it, where the usual way
 * crosses the supervisor and the pacer. When the gate is shut (not READY, requests queued, spacing running, the window
 * full) the caller goes the usual way, through the supervisor, so the rate, the order and the disconnected behaviour
 * are the pacer's as ever. Thread-safe.
 */
public final class CurrentTimeLane {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentTimeLane.class);

    private final SendGate gate;
    private final ActorRef<Pacer.Command> pacer;
    private final Waiters<Instant> waiters = new Waiters<>();
    /**
     * Sockets up to this epoch are gone and their callers failed: a caller who wrote to one of them after that fails
     * itself instead of waiting for its timeout.
     */
    private volatile long goneUpTo = -1;
    /** Negative, so they never meet the supervisor's own request ids in the waiters. */
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param gate  the pacer's gate
     * @param pacer the pacer that opens it, told of each message written here
     */
    public CurrentTimeLane(SendGate gate, ActorRef<Pacer.Command> pacer) {
        this.gate = gate;
        this.pacer = pacer;
    }

    /**
     * Called by the supervisor before it fails the waiters of a lost socket ({@link Long#MAX_VALUE} once closed).
     *
     * @param epoch the lost socket's epoch
     */
    void socketsGoneUpTo(long epoch) {
        goneUpTo = Math.max(goneUpTo, epoch);
    }

    /** The callers waiting for currentTime, shared with the supervisor (which fails them) and the socket's inbox. */
    Waiters<Instant> waiters() {
        return waiters;
    }

    /**
     * @param timeout how long to wait for the answer
     * @param system  times the wait
     * @return the answer, if the request could be written now; empty when it must go through the supervisor
     */
    public Optional<CompletionStage<Instant>> tryNow(Duration timeout, ActorSystem<?> system) {
        Optional<Pacer.SocketReady> socket = gate.take();
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.decrementAndGet();
        // A plain future, not an ask: a temporary actor and a scheduled timeout per request cost a tenth of a round trip.
        CompletableFuture<Instant> answer = new CompletableFuture<>();
        // The waiter is in before the request is on the wire; the pacer hears of it after, and always.
        waiters.add(id, answer);
        try {
            socket.get().writer().write(SessionCodec.reqCurrentTime());
        } catch (RuntimeException e) {
            LOG.error("Writing reqCurrentTime to socket {} failed", socket.get().epoch(), e);
            waiters.fail(id, "reqCurrentTime could not be written: " + e);
        } finally {
            pacer.tell(new Pacer.DirectSent(socket.get().epoch()));
        }
        if (socket.get().epoch() <= goneUpTo) {
            // The supervisor failed the callers of this socket, perhaps before this one came: nothing will answer it.
            waiters.fail(id, "the connection to TWS was lost or closed before it answered");
        }
        // Akka's scheduler, not orTimeout: scheduling there wakes no thread (the JDK's delayer thread would be woken).
        Cancellable timer = system.scheduler().scheduleOnce(timeout, () -> answer.completeExceptionally(
                new TimeoutException("no answer to reqCurrentTime within " + timeout.toMillis() + " ms")),
                system.executionContext());
        answer.whenComplete((time, failure) -> timer.cancel());
        return Optional.of(answer);
    }
}
