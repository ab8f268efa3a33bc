package io.github.twssupervisor.json.client;

import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.json.JsonMessage;

/**
 * The JSON server's session-level messages: those about the connection rather than a request. The auth exchange's
 * answers go to the {@link JsonHandshake}; a shutdown notice and a server-level error (one that names no request type,
 * such as "server full") to the {@link JsonSessionRules}. Everything else goes to the {@link JsonClientActor}.
 */
sealed interface JsonSessionEvent extends SessionEvent {

    /**
     * An answer to {@code auth}: auth_ok, auth_failed, or an error naming {@code auth} (a server without auth).
     *
     * @param answer the message
     */
    record AuthAnswer(JsonMessage answer) implements JsonSessionEvent {
    }

    /**
     * The server is going away: it stops accepting and closes every connection.
     *
     * @param message its words
     */
    record ShuttingDown(String message) implements JsonSessionEvent {
    }

    /**
     * An error about the connection, naming no request type (the server is full, or it could not read a frame).
     *
     * @param error its words
     */
    record ServerError(String error) implements JsonSessionEvent {
    }

    /**
     * A frame that is no JSON message at all (not JSON, not an object, no type): nothing tells which request or
     * stream it belonged to, so the replies after it can no longer be matched, and the connection is dropped.
     *
     * @param problem what is wrong with it
     */
    record Garbled(String problem) implements JsonSessionEvent {
    }

    /**
     * @param message a decoded message
     * @return its session event, if it is a session-level one
     */
    static java.util.Optional<JsonSessionEvent> of(JsonMessage message) {
        if (message instanceof JsonMessage.AuthOk || message instanceof JsonMessage.AuthFailed) {
            return java.util.Optional.of(new AuthAnswer(message));
        } else if (message instanceof JsonMessage.Error error) {
            if (error.receivedType().isEmpty()) {
                return java.util.Optional.of(new ServerError(error.error()));
            }
            return error.receivedType().get().equals("auth") ? java.util.Optional.of(new AuthAnswer(message))
                    : java.util.Optional.empty();
        } else if (message instanceof JsonMessage.ServerShutdown shutdown) {
            return java.util.Optional.of(new ShuttingDown(shutdown.message()));
        }
        return java.util.Optional.empty();
    }
}
