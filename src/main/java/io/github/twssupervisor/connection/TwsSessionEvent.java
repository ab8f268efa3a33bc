package io.github.twssupervisor.connection;

import io.github.twssupervisor.wire.SessionCodec;
import java.util.List;

/**
 * Session-level messages from TWS, decoded in the socket's stream and handled by its {@link HandshakeActor} before
 * Ready and by {@link TwsProtocol}'s session rules after.
 */
public sealed interface TwsSessionEvent extends SessionEvent permits TwsSessionEvent.ServerVersion,
        TwsSessionEvent.Error, TwsSessionEvent.NextValidId, TwsSessionEvent.ManagedAccounts,
        TwsSessionEvent.CurrentTime {

    /**
     * The unframed-handshake's answer: the first frame TWS sends (TWS-WIRE.md §2).
     *
     * @param serverVersion  the version TWS chose
     * @param connectionTime TWS's connection time, as it wrote it
     */
    record ServerVersion(int serverVersion, String connectionTime) implements TwsSessionEvent {
    }

    /**
     * An error message with id -1: a notice about the session.
     *
     * @param error   the decoded message
     * @param repeats how many identical messages (same code and text) this one stands for: a batch of frames carries
     *                a notice once however often TWS repeated it, so a flood of one notice costs one event per batch
     */
    record Error(SessionCodec.TwsError error, int repeats) implements TwsSessionEvent {

        /** @param error the decoded message, received once */
        public Error(SessionCodec.TwsError error) {
            this(error, 1);
        }
    }

    /**
     * @param orderId the next valid order id (answer to reqIds)
     */
    record NextValidId(int orderId) implements TwsSessionEvent {
    }

    /**
     * @param accounts the managed accounts (answer to reqManagedAccts)
     */
    record ManagedAccounts(List<String> accounts) implements TwsSessionEvent {
        /** Copies the list. */
        public ManagedAccounts {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * @param epochSeconds TWS's clock (answer to reqCurrentTime, also the heartbeat probe)
     */
    record CurrentTime(long epochSeconds) implements TwsSessionEvent {
    }
}
