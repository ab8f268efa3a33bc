package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The numbering of a connection's attempts, owned by its supervisor: the socket epoch (never reused, so a late message
 * of a dead socket is known for what it is), the attempt number since the last stable READY (which the {@link Backoff}
 * turns into a delay), and the client id to try (the next of the list after a 326 under the {@code rotate} policy).
 * Not thread-safe.
 */
final class Attempts {

    private final ConnectionSettings settings;
    private final Backoff backoff;
    private final List<Integer> clientIds;
    private final SplittableRandom random = new SplittableRandom();
    private long epoch;
    private int attempt;
    private int clientIdIndex;

    Attempts(ConnectionSettings settings) {
        this.settings = settings;
        this.backoff = new Backoff(settings.backoff());
        this.clientIds = settings.clientIdsToTry();
    }

    /** A new attempt starts: a new epoch and the next attempt number. */
    void next() {
        epoch++;
        attempt++;
    }

    /** @return the current socket's epoch */
    long epoch() {
        return epoch;
    }

    /** @return the current attempt's number since the last stable READY, from 1 */
    int attempt() {
        return attempt;
    }

    /** @return the client id of the current attempt */
    int clientId() {
        return clientIds.get(clientIdIndex % clientIds.size());
    }

    /**
     * @param reason why the current attempt's socket was lost
     * @return the delay before the next attempt
     */
    Duration lost(FailureReason reason) {
        if (reason.kind() == FailureReason.Kind.CLIENT_ID_IN_USE
                && settings.clientIdPolicy() == ConnectionSettings.ClientIdPolicy.ROTATE) {
            clientIdIndex++;
        }
        return backoff.delay(attempt, random.nextDouble());
    }

    /** The connection proved stable: it counts as attempt 1, so the next loss waits the minimum delay. */
    void stable() {
        attempt = 1;
    }
}
