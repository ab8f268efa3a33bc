package io.github.twssupervisor.json.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.SessionHandshake;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON profile's handshake: {@code auth {token}} at once, then READY on {@code auth_ok}. Sent with an empty token
 * when none is configured, so that READY always means a JSON server that accepted this client; a server without auth
 * answers {@code error} naming {@code auth}, which is READY too unless a token is configured. {@code auth_failed}, a
 * server error (full), the peer closing and the deadline each fail the attempt with a reason that says which. The
 * token is never logged.
 */
final class JsonHandshake {

    private JsonHandshake() {
    }

    /**
     * @param socket   the socket to write through and report to
     * @param settings the deadline
     * @param token    the shared token, if any
     * @param target   host:port, for messages
     * @return the behaviour; it sends {@code auth} at once
     */
    static Behavior<SessionHandshake.Command> create(ActorRef<SocketActor.Command> socket, ConnectionSettings settings,
                                                     Optional<String> token, String target) {
        return Behaviors.withTimers(timers -> {
            timers.startSingleTimer(SessionHandshake.Deadline.INSTANCE, settings.handshakeTimeout());
            socket.tell(new SessionHandshake.Write(JsonCodec.frame(new JsonMessage.Auth(token.orElse("")))));
            return Behaviors.receive(SessionHandshake.Command.class)
                    .onMessage(SessionHandshake.Received.class, r -> onReceived(socket, r.events(), token, target))
                    .onMessage(SessionHandshake.Deadline.class, d -> fail(socket, FailureReason.Kind.HANDSHAKE_TIMEOUT,
                            "connected to " + target + " but no answer to auth within "
                                    + settings.handshakeTimeout().toMillis() + " ms: is it a JSON server?"))
                    .onMessage(SessionHandshake.PeerClosed.class, c -> fail(socket, FailureReason.Kind.CONNECTION_LOST,
                            "the JSON server at " + target + " closed the connection during the handshake"))
                    .build();
        });
    }

    private static Behavior<SessionHandshake.Command> onReceived(ActorRef<SocketActor.Command> socket,
                                                                 List<SessionEvent> events, Optional<String> token,
                                                                 String target) {
        for (int i = 0; i < events.size(); i++) {
            SessionEvent event = events.get(i);
            if (event instanceof JsonSessionEvent.Garbled garbled) {
                return fail(socket, FailureReason.Kind.PROTOCOL_VIOLATION, "the peer at " + target + " answered auth "
                        + "with a frame that is no JSON message (" + garbled.problem() + "): is it a JSON server?");
            }
            if (event instanceof JsonSessionEvent.ServerError error) {
                return fail(socket, FailureReason.Kind.CONNECTION_LOST, "the JSON server at " + target
                        + " refused the connection: " + error.error());
            }
            if (event instanceof JsonSessionEvent.AuthAnswer answer) {
                JsonMessage message = answer.answer();
                if (message instanceof JsonMessage.AuthFailed failed) {
                    return fail(socket, FailureReason.Kind.AUTH_REFUSED, "the JSON server at " + target
                            + " refused the token: " + failed.error() + (token.isEmpty() ? " (none is configured: set "
                            + "tws.json.client.token or TWS_JSON_TOKEN)" : ""));
                }
                if (message instanceof JsonMessage.Error && token.isPresent()) {
                    return fail(socket, FailureReason.Kind.AUTH_REFUSED, "a token is configured but the JSON "
                            + "server at " + target + " has no auth: it answered " + ((JsonMessage.Error) message).error());
                }
                List<SessionEvent> rest = new ArrayList<>(events.subList(i + 1, events.size()));
                String since = message instanceof JsonMessage.AuthOk ok ? JsonCodec.timestamp(ok.timestamp()) : "";
                socket.tell(new SessionHandshake.Succeeded(new Ready(0, since, 0, List.of(), 0), rest));
                return Behaviors.stopped();
            }
        }
        socket.tell(new SessionHandshake.Progress(events));
        return Behaviors.same();
    }

    private static Behavior<SessionHandshake.Command> fail(ActorRef<SocketActor.Command> socket,
                                                           FailureReason.Kind kind, String message) {
        socket.tell(new SessionHandshake.Failed(new FailureReason(kind, message)));
        return Behaviors.stopped();
    }
}
