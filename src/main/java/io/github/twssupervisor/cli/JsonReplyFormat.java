package io.github.twssupervisor.cli;

import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Duration;

/**
 * How {@code json-client} prints what it sends and receives, one line each: a request as {@code -> echo "hi"}, its
 * reply as {@code <- echo_response in 312 us: "hi" echoed by ...}, a broadcast from another client, and the connection's
 * typed state changes ({@code state READY -> RECONNECTING (CONNECTION_LOST: ..., next attempt in 180 ms)}), so that a
 * user sees the client reconnect.
 */
final class JsonReplyFormat {

    private JsonReplyFormat() {
    }

    /**
     * @return {@code state CONNECTING -> READY}, with the reason and the next delay of a failure; the state a stream
     *     of events starts with (no change: previous and current are the same) as {@code state CONNECTING}
     */
    static String state(ConnectionEvent.StateChanged s) {
        if (s.previous() == s.state()) {
            return "state " + s.state();
        }
        StringBuilder line = new StringBuilder("state ").append(s.previous()).append(" -> ").append(s.state());
        if (s.reason().isPresent() || s.nextDelay().isPresent()) {
            line.append(" (");
            s.reason().ifPresent(line::append);
            s.nextDelay().ifPresent(d -> line.append(s.reason().isPresent() ? ", " : "").append("next attempt in ")
                    .append(d.toMillis()).append(" ms"));
            line.append(')');
        } else if (s.state() == ConnectionState.CONNECTING && s.attempt() > 1) {
            line.append(" (attempt ").append(s.attempt()).append(')');
        }
        return line.toString();
    }

    /** @return a state change as {@link #state}, a notice as {@code notice: ...} */
    static String event(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.StateChanged s) {
            return state(s);
        }
        if (event instanceof ConnectionEvent.Notice n) {
            return "notice from the server: " + n.message();
        }
        return String.valueOf(event);
    }

    /** @return {@code -> echo "hello"}: what goes out, without its timestamp */
    static String request(JsonMessage request) {
        String body;
        if (request instanceof JsonMessage.Echo echo) {
            body = " " + quoted(echo.content());
        } else if (request instanceof JsonMessage.Broadcast broadcast) {
            body = " " + quoted(broadcast.content());
        } else if (request instanceof JsonMessage.Custom custom) {
            body = " " + custom.fieldsJson();
        } else {
            body = "";
        }
        return "-> " + request.type() + body;
    }

    /**
     * @param reply     the server's reply
     * @param roundTrip from sending the request to its reply
     * @return {@code <- pong in 412 us: ...}, the reply's fields in words
     */
    static String reply(JsonMessage reply, Duration roundTrip) {
        return "<- " + reply.type() + " in " + roundTrip.toNanos() / 1_000 + " us: " + fields(reply);
    }

    /** @return {@code broadcast from 127.0.0.1:50312: hello} */
    static String broadcast(JsonMessage.BroadcastMessage b) {
        return "broadcast from " + b.from() + ": " + b.content();
    }

    private static String fields(JsonMessage reply) {
        if (reply instanceof JsonMessage.Pong pong) {
            return "the server sees this client as " + pong.clientId() + ", its clock "
                    + JsonCodec.timestamp(pong.pongTimestamp());
        }
        if (reply instanceof JsonMessage.EchoResponse echo) {
            return quoted(echo.content()) + " echoed by " + echo.echoedBy();
        }
        if (reply instanceof JsonMessage.BroadcastSent sent) {
            return "delivered to " + sent.recipients() + " other client" + (sent.recipients() == 1 ? "" : "s");
        }
        if (reply instanceof JsonMessage.ServerStats stats) {
            return stats.connectedClients() + " client" + (stats.connectedClients() == 1 ? "" : "s") + " connected, up "
                    + uptime(stats.uptimeSeconds()) + ", " + stats.totalMessages() + " messages received, started "
                    + JsonCodec.timestamp(stats.serverStartTime()) + ", now " + JsonCodec.timestamp(stats.currentTime());
        }
        if (reply instanceof JsonMessage.Error error) {
            return error.error() + error.receivedType().map(t -> " (received_type " + t + ")").orElse("");
        }
        if (reply instanceof JsonMessage.Custom custom) {
            return custom.fieldsJson();
        }
        return reply.toString();
    }

    /** @return {@code 1h 2m 3s}, {@code 2m 0s}, {@code 42s} */
    static String uptime(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? h + "h " + m + "m " + s + "s" : m > 0 ? m + "m " + s + "s" : s + "s";
    }

    /** A long payload (the 4 KiB of a test) would flood the screen: the first 60 characters and the length. */
    private static String quoted(String content) {
        return content.length() <= 60 ? "\"" + content + "\""
                : "\"" + content.substring(0, 60) + "...\" (" + content.length() + " characters)";
    }
}
