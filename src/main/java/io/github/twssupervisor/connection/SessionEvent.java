package io.github.twssupervisor.connection;

import io.github.twssupervisor.wire.SessionCodec;
import java.util.List;

/** Session-level messages from TWS, decoded by the dispatcher and handled by the {@link ConnectionSupervisor}. */
public sealed interface SessionEvent permits SessionEvent.Error, SessionEvent.NextValidId,
        SessionEvent.ManagedAccounts, SessionEvent.CurrentTime {

    /**
     * An error message with id -1: a notice about the session.
     *
     * @param error the decoded message
     */
    record Error(SessionCodec.TwsError error) implements SessionEvent {
    }

    /**
     * @param orderId the next valid order id (answer to reqIds)
     */
    record NextValidId(int orderId) implements SessionEvent {
    }

    /**
     * @param accounts the managed accounts (answer to reqManagedAccts)
     */
    record ManagedAccounts(List<String> accounts) implements SessionEvent {
        /** Copies the list. */
        public ManagedAccounts {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * @param epochSeconds TWS's clock (answer to reqCurrentTime, also the heartbeat probe)
     */
    record CurrentTime(long epochSeconds) implements SessionEvent {
    }
}
