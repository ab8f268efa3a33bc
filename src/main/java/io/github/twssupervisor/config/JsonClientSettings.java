package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the JSON profile's client ({@code tws.json.client} in reference.conf, where each key is described): where
 * it connects, its token and TLS, its bounds, and the supervised connection's timings.
 *
 * @param host            the JSON server's host
 * @param port            its port
 * @param token           the shared token sent in the auth handshake; empty for none. Never logged
 * @param tls             TLS to the server (the truststore holds its certificate; a keystore only if it asks for ours)
 * @param maxFrameBytes   largest frame accepted from the server; a larger length closes the connection
 * @param maxInFlight     requests sent and not yet answered, beyond which a request fails at once
 * @param broadcastBuffer broadcasts held for a slow {@code broadcasts()} consumer before its stream fails
 * @param requestTimeout  how long a request's CompletionStage waits for its reply
 * @param connection      the supervised connection: timeouts, backoff, heartbeat, queue and socket options
 */
public record JsonClientSettings(String host, int port, Optional<String> token, JsonTlsSettings tls, int maxFrameBytes,
                                 int maxInFlight, int broadcastBuffer, Duration requestTimeout,
                                 ConnectionSettings connection) {

    /** The section in the configuration. */
    public static final String SECTION = "tws.json.client";

    private static final ConnectionSettings.Socket SOCKET = new ConnectionSettings.Socket(true, 256 * 1024,
            128 * 1024, true, Duration.ofSeconds(10), Duration.ofSeconds(3), 3, true);

    /** Validates, naming the key. */
    public JsonClientSettings {
        Checks.require(token != null && tls != null && connection != null, SECTION + ": token, tls and connection "
                + "are required");
        Checks.require(maxFrameBytes > 0 && maxFrameBytes <= 0xFFFFFF, SECTION + ".max-frame-size must be 1 B.."
                + "16 MiB, was " + maxFrameBytes);
        Checks.require(maxInFlight > 0, SECTION + ".max-in-flight must be positive, was " + maxInFlight);
        Checks.require(broadcastBuffer > 0, SECTION + ".broadcast-buffer must be positive, was " + broadcastBuffer);
        Checks.positive(requestTimeout, SECTION + ".request-timeout");
        // Unpaced, every request in flight may sit in the socket's queue at once, and a full queue drops the
        // connection: the queue must hold them all, and a liveness probe besides.
        Checks.require(maxInFlight < connection.socketBuffer(), SECTION + ".max-in-flight (" + maxInFlight
                + ") must be below " + SECTION + ".socket-buffer (" + connection.socketBuffer() + "): every request "
                + "in flight may wait in the socket's queue, and a full queue drops the connection");
    }

    /**
     * @param newHost the host
     * @param newPort the port
     * @return a copy connecting elsewhere
     */
    public JsonClientSettings withTarget(String newHost, int newPort) {
        return new JsonClientSettings(newHost, newPort, token, tls, maxFrameBytes, maxInFlight, broadcastBuffer,
                requestTimeout, connection.withTarget(newHost, newPort, connection.clientId()));
    }

    /**
     * @param newToken the token, empty for none
     * @param newTls   TLS
     * @return a copy with other credentials
     */
    public JsonClientSettings withSecurity(Optional<String> newToken, JsonTlsSettings newTls) {
        return new JsonClientSettings(host, port, newToken, newTls, maxFrameBytes, maxInFlight, broadcastBuffer,
                requestTimeout, connection);
    }

    /**
     * @param newConnection the supervised connection's settings (its host and port are this record's)
     * @return a copy with other timings
     */
    public JsonClientSettings withConnection(ConnectionSettings newConnection) {
        return new JsonClientSettings(host, port, token, tls, maxFrameBytes, maxInFlight, broadcastBuffer,
                requestTimeout, newConnection.withTarget(host, port, newConnection.clientId()));
    }

    @Override
    public String toString() {
        return "JsonClientSettings[" + host + ":" + port + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                + ", tls=" + tls + ", maxFrameBytes=" + maxFrameBytes + ", maxInFlight=" + maxInFlight + "]";
    }

    /**
     * @param config a resolved config that includes reference.conf
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a setting is missing, mistyped or out of range
     */
    public static JsonClientSettings from(Config config) {
        try {
            Config c = config.getConfig(SECTION);
            String host = c.getString("host");
            int port = c.getInt("port");
            String token = c.getString("token");
            JsonTlsSettings tls = JsonTlsSettings.from(config, SECTION + ".tls");
            for (String key : List.of("connect-timeout", "handshake-timeout", "request-timeout", "heartbeat.idle",
                    "heartbeat.timeout", "backoff.reset-after")) {
                Checks.positive(c.getDuration(key), SECTION + "." + key);
            }
            Checks.require(c.getDuration("backoff.max").compareTo(c.getDuration("backoff.min")) >= 0
                    && !c.getDuration("backoff.min").isNegative(), SECTION + ".backoff: 0 <= min <= max");
            // A connection of no client id and no versions (the JSON protocol has neither: the fields hold
            // placeholders nobody reads), and the socket options of tws.connection.socket's defaults.
            ConnectionSettings connection = new ConnectionSettings(host, port, 0,
                    ConnectionSettings.ClientIdPolicy.WAIT, List.of(), ConnectionSettings.UNVERSIONED,
                    ConnectionSettings.UNVERSIONED, "",
                    c.getDuration("connect-timeout"), c.getDuration("handshake-timeout"),
                    new ConnectionSettings.Backoff(c.getDuration("backoff.min"), c.getDuration("backoff.max"),
                            c.getDouble("backoff.random-factor"), c.getDuration("backoff.reset-after")),
                    new ConnectionSettings.Heartbeat(c.getDuration("heartbeat.idle"),
                            c.getDuration("heartbeat.timeout")),
                    new ConnectionSettings.Pacing(ConnectionSettings.TWS_MESSAGE_RATE_LIMIT, c.getInt("queue-size")),
                    ConnectionSettings.DisconnectedBehavior.QUEUE, c.getDuration("request-timeout"),
                    c.getInt("socket-buffer"), SOCKET);
            return new JsonClientSettings(host, port, token.isEmpty() ? Optional.empty() : Optional.of(token), tls,
                    (int) Math.min(Integer.MAX_VALUE, c.getBytes("max-frame-size")), c.getInt("max-in-flight"),
                    c.getInt("broadcast-buffer"), c.getDuration("request-timeout"), connection);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }
}
