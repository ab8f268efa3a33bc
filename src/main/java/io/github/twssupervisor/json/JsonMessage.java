package io.github.twssupervisor.json;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of the JSON profile: each is one UTF-8 JSON object with a {@code "type"} field, carried in a frame of a
 * 4-byte big-endian length and the payload ({@link JsonCodec}, {@link JsonFraming}). Every wire type is spelled once,
 * in its record's {@code TYPE}; field names are snake_case on the wire and listed in each record's Javadoc.
 *
 * <pre>
 * ping {timestamp, client_info}     -> pong {ping_timestamp, pong_timestamp, client_id}
 * echo {content, timestamp}         -> echo_response {content, timestamp, echoed_by}
 * broadcast {content, timestamp}    -> broadcast_sent {recipients, timestamp} to the sender,
 *                                      broadcast_message {content, from, timestamp} to every other client
 * get_stats {timestamp}             -> server_stats {connected_clients, uptime_seconds, total_messages,
 *                                                    server_start_time, current_time}
 * auth {token}                      -> auth_ok {timestamp} | auth_failed {error, timestamp}, then close
 * anything else                     -> error {error, received_type, timestamp}
 * (server going down)               -> server_shutdown {message, timestamp}
 * </pre>
 *
 * Timestamps are written as ISO-8601 UTC with milliseconds ({@link JsonCodec#timestamp}).
 */
public sealed interface JsonMessage {

    /** @return the wire type, the value of the {@code "type"} field */
    String type();

    /** {@code ping {timestamp, client_info}}: a liveness probe, answered by {@link Pong}. */
    record Ping(Instant timestamp, String clientInfo) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "ping";

        public Ping {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(clientInfo, "clientInfo");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code pong {ping_timestamp, pong_timestamp, client_id}}; {@code clientId} is the peer's {@code host:port} as the
     * server sees it.
     */
    record Pong(Instant pingTimestamp, Instant pongTimestamp, String clientId) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "pong";

        public Pong {
            Objects.requireNonNull(pingTimestamp, "pingTimestamp");
            Objects.requireNonNull(pongTimestamp, "pongTimestamp");
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code echo {content, timestamp}}, answered by {@link EchoResponse}. */
    record Echo(String content, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "echo";

        public Echo {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code echo_response {content, timestamp, echoed_by}}. */
    record EchoResponse(String content, Instant timestamp, String echoedBy) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "echo_response";

        public EchoResponse {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(echoedBy, "echoedBy");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code broadcast {content, timestamp}}: sent to every other client as a {@link BroadcastMessage}. */
    record Broadcast(String content, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "broadcast";

        public Broadcast {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code broadcast_message {content, from, timestamp}}; {@code from} is the sender's {@code host:port}. */
    record BroadcastMessage(String content, String from, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "broadcast_message";

        public BroadcastMessage {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code broadcast_sent {recipients, timestamp}}: how many other clients a broadcast was delivered to. */
    record BroadcastSent(int recipients, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "broadcast_sent";

        public BroadcastSent {
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code get_stats {timestamp}}, answered by {@link ServerStats}. */
    record GetStats(Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "get_stats";

        public GetStats {
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code server_stats {connected_clients, uptime_seconds, total_messages, server_start_time, current_time}};
     * {@code totalMessages} counts the messages received from all clients since the server started.
     */
    record ServerStats(int connectedClients, long uptimeSeconds, long totalMessages, Instant serverStartTime,
                       Instant currentTime) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "server_stats";

        public ServerStats {
            Objects.requireNonNull(serverStartTime, "serverStartTime");
            Objects.requireNonNull(currentTime, "currentTime");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * {@code error {error, received_type, timestamp}}: a message the server could not take; {@code received_type} is
     * {@code null} on the wire when the type could not be read (invalid JSON, no type).
     */
    record Error(String error, Optional<String> receivedType, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "error";

        public Error {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(receivedType, "receivedType");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code auth {token}}: the first message on a server that requires a token. */
    record Auth(String token) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "auth";

        public Auth {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String type() {
            return TYPE;
        }

        /** A secret has no place in a log line, so the token is masked. */
        @Override
        public String toString() {
            return "Auth[token=***]";
        }
    }

    /** {@code auth_ok {timestamp}}: the token was right. */
    record AuthOk(Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "auth_ok";

        public AuthOk {
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code auth_failed {error, timestamp}}: the token was wrong or missing; the server closes after it. */
    record AuthFailed(String error, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "auth_failed";

        public AuthFailed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code server_shutdown {message, timestamp}}: sent to every client when the server shuts down gracefully. */
    record ServerShutdown(String message, Instant timestamp) implements JsonMessage {
        /** The wire type. */
        public static final String TYPE = "server_shutdown";

        public ServerShutdown {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Any other type: {@code fieldsJson} is the JSON object text of the fields besides {@code "type"} ({@code "{}"} for
     * none). Encoding writes {@code "type"} first, then those fields; decoding an unknown type yields this record.
     */
    record Custom(String type, String fieldsJson) implements JsonMessage {

        public Custom {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(fieldsJson, "fieldsJson");
        }
    }
}
