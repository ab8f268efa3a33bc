package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the JSON profile's server ({@code tws.json.server} in reference.conf, where each one is described). The
 * token never appears in {@link #toString()}.
 *
 * @param host           interface to listen on
 * @param port           TCP port, 0 for a free one
 * @param maxClients     simultaneous connections served; one more is told {@code error} and closed
 * @param maxFrameSize   largest payload a client may announce; a longer length closes its connection
 * @param outboundBuffer frames queued per client before a client that does not read is disconnected
 * @param outboundBufferBytes bytes queued per client before the same, whichever bound comes first
 * @param backlog        listen backlog asked for (the OS clamps it to its somaxconn)
 * @param shutdownGrace  how long a graceful shutdown waits for clients to take their last frames
 * @param authTimeout    how long a new connection has to send {@code auth} when a token is required
 * @param idleTimeout    a connection with no byte either way for this long is closed (a dead peer, a port scan)
 * @param authToken      the shared token clients must present first, if any
 * @param tls            TLS of the listening socket
 */
public record JsonServerSettings(String host, int port, int maxClients, int maxFrameSize, int outboundBuffer,
                                 long outboundBufferBytes, int backlog, Duration shutdownGrace, Duration authTimeout,
                                 Duration idleTimeout, Optional<String> authToken, JsonTlsSettings tls) {

    private static final String PREFIX = "tws.json.server.";

    /** Validates every field, naming the key in the message. */
    public JsonServerSettings {
        Checks.require(host != null && !host.isBlank(), PREFIX + "host must not be empty");
        Checks.require(port >= 0 && port <= 65535, PREFIX + "port must be 0..65535, was " + port);
        Checks.require(maxClients > 0, PREFIX + "max-clients must be positive, was " + maxClients);
        Checks.require(maxFrameSize > 0 && maxFrameSize <= Integer.MAX_VALUE - 4,
                PREFIX + "max-frame-size must be 1 B .. 2 GiB - 5 B, was " + maxFrameSize);
        Checks.require(outboundBuffer > 0, PREFIX + "outbound-buffer must be positive, was " + outboundBuffer);
        Checks.require(outboundBufferBytes > 0, PREFIX + "outbound-buffer-bytes must be positive, was "
                + outboundBufferBytes);
        Checks.require(backlog > 0, PREFIX + "backlog must be positive, was " + backlog);
        Checks.positive(shutdownGrace, PREFIX + "shutdown-grace");
        Checks.positive(authTimeout, PREFIX + "auth-timeout");
        Checks.positive(idleTimeout, PREFIX + "idle-timeout");
        Objects.requireNonNull(authToken, PREFIX + "auth-token");
        authToken = authToken.filter(token -> !token.isEmpty());
        Objects.requireNonNull(tls, PREFIX + "tls");
        Checks.require(!tls.enabled() || tls.keystore().isPresent(),
                PREFIX + "tls.keystore must name a keystore with the server's key when tls.enabled is on");
    }

    /**
     * @param timeout how long a connection may stay silent both ways
     * @return a copy with that idle timeout
     */
    public JsonServerSettings withIdleTimeout(Duration timeout) {
        return new JsonServerSettings(host, port, maxClients, maxFrameSize, outboundBuffer, outboundBufferBytes,
                backlog, shutdownGrace, authTimeout, timeout, authToken, tls);
    }

    /**
     * @param bytes the most bytes queued per client
     * @return a copy with that bound
     */
    public JsonServerSettings withOutboundBufferBytes(long bytes) {
        return new JsonServerSettings(host, port, maxClients, maxFrameSize, outboundBuffer, bytes, backlog,
                shutdownGrace, authTimeout, idleTimeout, authToken, tls);
    }

    /**
     * @param newHost the interface
     * @param newPort the port
     * @return a copy listening elsewhere
     */
    public JsonServerSettings withAddress(String newHost, int newPort) {
        return new JsonServerSettings(newHost, newPort, maxClients, maxFrameSize, outboundBuffer,
                outboundBufferBytes, backlog, shutdownGrace, authTimeout, idleTimeout, authToken, tls);
    }

    /**
     * @param newMaxClients the connection limit
     * @return a copy with it
     */
    public JsonServerSettings withMaxClients(int newMaxClients) {
        return new JsonServerSettings(host, port, newMaxClients, maxFrameSize, outboundBuffer,
                outboundBufferBytes, backlog, shutdownGrace, authTimeout, idleTimeout, authToken, tls);
    }

    /**
     * @param newMaxFrameSize the largest payload
     * @param newOutboundBuffer frames queued per client
     * @return a copy with those bounds
     */
    public JsonServerSettings withBounds(int newMaxFrameSize, int newOutboundBuffer) {
        return new JsonServerSettings(host, port, maxClients, newMaxFrameSize, newOutboundBuffer,
                outboundBufferBytes, backlog, shutdownGrace, authTimeout, idleTimeout, authToken, tls);
    }

    /**
     * @param token          the token clients must present, empty for none
     * @param newAuthTimeout how long they have to present it
     * @return a copy with that authentication
     */
    public JsonServerSettings withAuth(Optional<String> token, Duration newAuthTimeout) {
        return new JsonServerSettings(host, port, maxClients, maxFrameSize, outboundBuffer,
                outboundBufferBytes, backlog, shutdownGrace, newAuthTimeout, idleTimeout, token, tls);
    }

    /**
     * @param newTls TLS of the listening socket
     * @return a copy with it
     */
    public JsonServerSettings withTls(JsonTlsSettings newTls) {
        return new JsonServerSettings(host, port, maxClients, maxFrameSize, outboundBuffer,
                outboundBufferBytes, backlog, shutdownGrace, authTimeout, idleTimeout, authToken, newTls);
    }

    /** The token is a secret: shown as {@code ***} when set. */
    @Override
    public String toString() {
        return "JsonServerSettings[host=" + host + ", port=" + port + ", maxClients=" + maxClients + ", maxFrameSize="
                + maxFrameSize + ", outboundBuffer=" + outboundBuffer + ", outboundBufferBytes=" + outboundBufferBytes
                + ", backlog=" + backlog + ", shutdownGrace="
                + shutdownGrace + ", authTimeout=" + authTimeout + ", idleTimeout=" + idleTimeout + ", authToken="
                + authToken.map(t -> "***").orElse("none") + ", tls=" + tls + "]";
    }

    /**
     * Reads {@code tws.json.server}, read apart from the library's settings: only {@code json-server} and
     * {@code JsonServer} use it. Empty paths and tokens are absent.
     *
     * @param config a resolved config that includes reference.conf
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a setting is missing, mistyped or invalid
     */
    public static JsonServerSettings from(Config config) {
        try {
            String p = PREFIX;
            long frame = config.getBytes(p + "max-frame-size");
            Checks.require(frame <= Integer.MAX_VALUE, p + "max-frame-size must be at most 2 GiB, was " + frame);
            String token = config.getString(p + "auth-token");
            return new JsonServerSettings(config.getString(p + "host"), config.getInt(p + "port"),
                    config.getInt(p + "max-clients"), (int) frame, config.getInt(p + "outbound-buffer"),
                    config.getBytes(p + "outbound-buffer-bytes"), config.getInt(p + "backlog"),
                    config.getDuration(p + "shutdown-grace"), config.getDuration(p + "auth-timeout"),
                    config.getDuration(p + "idle-timeout"), token.isEmpty() ? Optional.empty() : Optional.of(token),
                    JsonTlsSettings.from(config, p + "tls"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }
}
