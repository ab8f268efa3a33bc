package io.github.twssupervisor.connection;

import java.time.Instant;

/** What the supervisor does about a session event, as its protocol's {@link SessionRules} decide. */
public sealed interface SessionVerdict permits SessionVerdict.Stay, SessionVerdict.Degrade, SessionVerdict.Restore,
        SessionVerdict.Lose, SessionVerdict.PeerClock {

    /** Nothing changes. */
    enum Stay implements SessionVerdict {
        /** The one instance. */
        INSTANCE
    }

    /** The peer is up but impaired: READY becomes DEGRADED (ignored in other states). */
    enum Degrade implements SessionVerdict {
        /** The one instance. */
        INSTANCE
    }

    /**
     * The impairment is over: DEGRADED becomes READY (ignored in other states).
     *
     * @param dataLost the subscriptions did not survive it and must be re-requested
     */
    record Restore(boolean dataLost) implements SessionVerdict {
    }

    /**
     * The connection is lost, though the socket may still be open: it is closed and the next attempt follows.
     *
     * @param reason why
     */
    record Lose(FailureReason reason) implements SessionVerdict {
    }

    /**
     * The answer to the protocol's {@link Protocol#clockRequest}: given to the oldest caller waiting for it.
     *
     * @param clock the peer's clock
     */
    record PeerClock(Instant clock) implements SessionVerdict {
    }
}
