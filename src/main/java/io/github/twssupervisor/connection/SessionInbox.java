package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import java.time.Instant;

/**
 * Where a socket's session events go, from the thread that decoded them. An answer to {@code reqCurrentTime} goes
 * straight to the oldest caller waiting for one: it changes no state, so it need not wait its turn in the supervisor's
 * mailbox, and the caller hears one thread hand-off sooner. Everything else (notices, nextValidId, managedAccounts)
 * goes to the {@link ConnectionSupervisor}, tagged with its socket's epoch. Thread-safe.
 */
public final class SessionInbox {

    private final ActorRef<ConnectionSupervisor.Command> supervisor;
    private final Waiters<Instant> timeWaiters;

    SessionInbox(ActorRef<ConnectionSupervisor.Command> supervisor, Waiters<Instant> timeWaiters) {
        this.supervisor = supervisor;
        this.timeWaiters = timeWaiters;
    }

    /**
     * @param supervisor gets the session events but currentTime
     * @return an inbox with no callers waiting for currentTime, for a sink used apart from a supervisor (tests)
     */
    public static SessionInbox of(ActorRef<ConnectionSupervisor.Command> supervisor) {
        return new SessionInbox(supervisor, new Waiters<>());
    }

    /**
     * @param epoch the epoch of the socket that read it
     * @param event the decoded event
     */
    public void received(long epoch, SessionEvent event) {
        if (event instanceof SessionEvent.CurrentTime time) {
            // A late answer from a dead socket finds no caller: they were all failed when it died.
            timeWaiters.answerOldest(Instant.ofEpochSecond(time.epochSeconds()));
            return;
        }
        supervisor.tell(new ConnectionSupervisor.SessionEventReceived(epoch, event));
    }
}
