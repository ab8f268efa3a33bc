package io.github.twssupervisor.json.client;

import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.SessionRules;
import io.github.twssupervisor.connection.SessionVerdict;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * How the JSON server's session events after READY move the connection: a shutdown notice loses it at once (the
 * reconnection starts before the server's FIN, and its reason says why); a server-level error is logged and published
 * as a notice; anything else is of no consequence.
 */
final class JsonSessionRules implements SessionRules {

    private final Logger log;
    private final Consumer<ConnectionEvent> publish;
    private final String target;

    JsonSessionRules(Logger log, Consumer<ConnectionEvent> publish, String target) {
        this.log = log;
        this.publish = publish;
        this.target = target;
    }

    @Override
    public SessionVerdict onEvent(SessionEvent event, ConnectionState state) {
        if (event instanceof JsonSessionEvent.ShuttingDown shutdown) {
            return new SessionVerdict.Lose(new FailureReason(FailureReason.Kind.CONNECTION_LOST, "the JSON server at "
                    + target + " is shutting down: " + shutdown.message()));
        }
        if (event instanceof JsonSessionEvent.Garbled garbled) {
            return new SessionVerdict.Lose(new FailureReason(FailureReason.Kind.PROTOCOL_VIOLATION, "the JSON server "
                    + "at " + target + " sent a frame that is no JSON message (" + garbled.problem() + "): the "
                    + "replies after it could not be matched to their requests"));
        }
        if (event instanceof JsonSessionEvent.ServerError error) {
            log.warn("The JSON server at {} reported: {}", target, error.error());
            publish.accept(new ConnectionEvent.Notice(0, error.error(), ConnectionEvent.NoticeKind.OTHER,
                    Instant.now()));
        } else {
            log.debug("Session event {}", event);
        }
        return SessionVerdict.Stay.INSTANCE;
    }
}
