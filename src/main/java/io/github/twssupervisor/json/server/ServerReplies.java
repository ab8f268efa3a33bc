package io.github.twssupervisor.json.server;

import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.JsonProtocolException;
import java.time.Instant;
import java.util.Optional;

/**
 * The server's answer to one client message, as a pure function: everything but {@code broadcast}, which needs the
 * other clients, and {@code auth}, which needs the connection's state.
 */
final class ServerReplies {

    private ServerReplies() {
    }

    /**
     * @param message  the decoded message, or null if the frame was refused
     * @param refusal  why it was refused, or null
     * @param remote   the client's host:port
     * @param counters the server's figures
     * @return the reply
     */
    static JsonMessage answer(JsonMessage message, JsonProtocolException refusal, String remote,
                              ServerCounters counters) {
        Instant now = Instant.now();
        if (message == null) {
            return new JsonMessage.Error(refusal.getMessage(), refusal.receivedType(), now);
        } else if (message instanceof JsonMessage.Ping ping) {
            return new JsonMessage.Pong(ping.timestamp(), now, remote);
        } else if (message instanceof JsonMessage.Echo echo) {
            return new JsonMessage.EchoResponse(echo.content(), now, ClientConnection.SERVER_NAME);
        } else if (message instanceof JsonMessage.GetStats) {
            return counters.snapshot(now);
        } else if (message instanceof JsonMessage.Auth) {
            return new JsonMessage.AuthOk(now);
        } else if (message instanceof JsonMessage.Custom custom) {
            return new JsonMessage.Error("unknown message type \"" + custom.type() + "\"",
                    Optional.of(custom.type()), now);
        }
        return new JsonMessage.Error("\"" + message.type() + "\" is a message the server sends, not one it takes",
                Optional.of(message.type()), now);
    }
}
