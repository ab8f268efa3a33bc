package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a command's client ever reached READY and, if it did not, why: the typed reason of its last failed attempt
 * ({@code CONNECT_REFUSED: cannot connect to 127.0.0.1:7497 ...}), which the commands print instead of an ask timeout.
 * Fed by the client's connection events, which start with the current state and the reason that led there; read by
 * the command's thread once it gives up waiting.
 */
final class Readiness {

    /**
     * What the events said so far.
     *
     * @param reached     whether the connection was READY (or DEGRADED) at any time
     * @param state       the latest state
     * @param lastFailure the reason of the latest failed attempt
     */
    record Seen(boolean reached, ConnectionState state, Optional<FailureReason> lastFailure) {

        Seen next(ConnectionEvent.StateChanged change) {
            return new Seen(reached || change.state().isConnected(), change.state(),
                    change.reason().isPresent() ? change.reason() : lastFailure);
        }
    }

    private final AtomicReference<Seen> seen = new AtomicReference<>(
            new Seen(false, ConnectionState.DISCONNECTED, Optional.empty()));

    private Readiness() {
    }

    /**
     * @param client the command's client, just created
     * @param system where the events stream runs
     * @return a watch of its events
     */
    static Readiness watch(TwsClient client, ActorSystem<?> system) {
        return watch(client.events(), system);
    }

    /**
     * @param events a client's connection events (the current state first), of any protocol
     * @param system where the stream runs
     * @return a watch of them
     */
    static Readiness watch(Source<ConnectionEvent, ?> events, ActorSystem<?> system) {
        Readiness readiness = new Readiness();
        events.runForeach(readiness::onEvent, system);
        return readiness;
    }

    void onEvent(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.StateChanged change) {
            seen.updateAndGet(s -> s.next(change));
        }
    }

    /** @return whether the connection was READY at any time */
    boolean reached() {
        return seen.get().reached();
    }

    /** @return {@code the connection is RECONNECTING after CONNECTION_LOST: ...}, for a failure after READY */
    String now() {
        Seen now = seen.get();
        return "the connection is " + now.state() + now.lastFailure().map(f -> " after " + f).orElse("");
    }

    /**
     * @param connection where it connects
     * @param within     how long it had, or null
     * @return {@code not READY with TWS at 127.0.0.1:7497 (client id 1) within 15s: CONNECT_REFUSED: ...}
     */
    String notReady(ConnectionSettings connection, Duration within) {
        return describe(seen.get(), connection, within);
    }

    /**
     * @param peer   what it connects to ({@code the JSON server})
     * @param target its {@code host:port}
     * @param within how long it had
     * @return {@code not READY with the JSON server at 127.0.0.1:9999 within 5s: CONNECT_REFUSED: ...}
     */
    String notReady(String peer, String target, Duration within) {
        Seen now = seen.get();
        return "not READY with " + peer + " at " + target + " within " + text(within) + ": " + now.lastFailure()
                .map(FailureReason::toString).orElse("no attempt failed yet, the connection is " + now.state());
    }

    static String describe(Seen seen, ConnectionSettings connection, Duration within) {
        String head = "not READY with TWS at " + connection.host() + ":" + connection.port() + " (client id "
                + connection.clientId() + ")" + (within == null ? "" : " within " + text(within)) + ": ";
        return head + seen.lastFailure().map(FailureReason::toString).orElse("no attempt failed yet, the connection "
                + "is " + seen.state() + (seen.state() == ConnectionState.HANDSHAKING ? " (is TWS showing its 'Accept "
                + "incoming connection?' dialog?)" : ""));
    }

    /** @return {@code 15s}, {@code 500ms}, {@code 2m}: as a user would have written it */
    static String text(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
