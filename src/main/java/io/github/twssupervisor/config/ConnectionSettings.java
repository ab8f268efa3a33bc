package io.github.twssupervisor.config;

import io.github.twssupervisor.wire.ServerVersion;
import java.time.Duration;
import java.util.List;

/**
 * Settings of one logical connection ({@code tws.connection} in reference.conf, where each one is described).
 *
 * @param host                 TWS host
 * @param port                 TWS API port
 * @param clientId             API client id
 * @param clientIdPolicy       what to do on error 326
 * @param clientIdRotation     ids tried in turn under {@link ClientIdPolicy#ROTATE}
 * @param minVersion           lowest server version offered
 * @param maxVersion           highest server version offered
 * @param connectOptions       connect options after the version string, empty for none
 * @param connectTimeout       TCP connect timeout
 * @param handshakeTimeout     TCP connect to Ready
 * @param backoff              reconnect delays
 * @param heartbeat            liveness probing
 * @param pacing               outgoing rate limit and queue
 * @param disconnectedBehavior requests made while not READY
 * @param requestTimeout       how long the CompletionStage helpers wait for an answer
 * @param socketBuffer         frames that may wait for room in the socket's send buffer
 * @param socket               socket options
 */
public record ConnectionSettings(String host, int port, int clientId, ClientIdPolicy clientIdPolicy,
                                 List<Integer> clientIdRotation, int minVersion, int maxVersion, String connectOptions,
                                 Duration connectTimeout, Duration handshakeTimeout, Backoff backoff,
                                 Heartbeat heartbeat, Pacing pacing, DisconnectedBehavior disconnectedBehavior,
                                 Duration requestTimeout, int socketBuffer, Socket socket) {

    /** TWS's own limit on messages per second; a higher client-side rate gets the connection cut. */
    public static final int TWS_MESSAGE_RATE_LIMIT = 50;
    /**
     * The min and max version of a protocol that negotiates none (the JSON profile): only TWS's handshake reads them.
     */
    public static final int UNVERSIONED = ServerVersion.MIN_SUPPORTED;
    /** The highest client id: 2147483647 is IB's "unset" value for an int field. */
    public static final int MAX_CLIENT_ID = Integer.MAX_VALUE - 1;

    /** Validates every field, naming the key in the message. */
    public ConnectionSettings {
        clientIdRotation = List.copyOf(clientIdRotation);
        connectOptions = connectOptions == null ? "" : connectOptions;
        Checks.require(host != null && !host.isBlank(), "tws.connection.host must not be empty");
        Checks.require(port > 0 && port <= 65535, "tws.connection.port must be 1..65535, was " + port);
        Checks.require(clientId >= 0 && clientId <= MAX_CLIENT_ID, "tws.connection.client-id must be 0.."
                + MAX_CLIENT_ID + ", was " + clientId);
        Checks.require(clientIdPolicy != null, "tws.connection.client-id-policy must be wait or rotate");
        Checks.require(clientIdRotation.stream().allMatch(id -> id >= 0 && id <= MAX_CLIENT_ID),
                "tws.connection.client-id-rotation must hold ids 0.." + MAX_CLIENT_ID + ", was " + clientIdRotation);
        Checks.require(minVersion >= ServerVersion.MIN_SUPPORTED && maxVersion <= ServerVersion.MAX_SUPPORTED
                        && minVersion <= maxVersion,
                "tws.connection.min-version..max-version must lie within " + ServerVersion.MIN_SUPPORTED + ".."
                        + ServerVersion.MAX_SUPPORTED + ", was " + minVersion + ".." + maxVersion);
        Checks.require(connectOptions.chars().allMatch(c -> c > 0x20 && c < 0x7F || c == ' '),
                "tws.connection.connect-options must be printable ASCII");
        Checks.positive(connectTimeout, "tws.connection.connect-timeout");
        Checks.positive(handshakeTimeout, "tws.connection.handshake-timeout");
        Checks.require(backoff != null && heartbeat != null && pacing != null && socket != null,
                "tws.connection sections must all be present");
        Checks.require(disconnectedBehavior != null, "tws.connection.disconnected-behavior must be queue or fail");
        Checks.positive(requestTimeout, "tws.connection.request-timeout");
        Checks.require(socketBuffer > 0, "tws.connection.socket-buffer must be positive, was " + socketBuffer);
    }

    /** @return the ids to try, in order, under the rotate policy: the configured id first */
    public List<Integer> clientIdsToTry() {
        if (clientIdPolicy == ClientIdPolicy.WAIT) {
            return List.of(clientId);
        }
        java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>();
        ids.add(clientId);
        ids.addAll(clientIdRotation);
        return List.copyOf(ids);
    }

    /**
     * @param newHost the host
     * @param newPort the port
     * @param newClientId the client id
     * @return a copy connecting elsewhere
     */
    public ConnectionSettings withTarget(String newHost, int newPort, int newClientId) {
        return new ConnectionSettings(newHost, newPort, newClientId, clientIdPolicy, clientIdRotation, minVersion,
                maxVersion, connectOptions, connectTimeout, handshakeTimeout, backoff, heartbeat, pacing,
                disconnectedBehavior, requestTimeout, socketBuffer, socket);
    }

    /**
     * @param newBackoff the backoff
     * @return a copy with other reconnect delays
     */
    public ConnectionSettings withBackoff(Backoff newBackoff) {
        return new ConnectionSettings(host, port, clientId, clientIdPolicy, clientIdRotation, minVersion, maxVersion,
                connectOptions, connectTimeout, handshakeTimeout, newBackoff, heartbeat, pacing, disconnectedBehavior,
                requestTimeout, socketBuffer, socket);
    }

    /**
     * @param newHeartbeat the heartbeat
     * @return a copy with other liveness settings
     */
    public ConnectionSettings withHeartbeat(Heartbeat newHeartbeat) {
        return new ConnectionSettings(host, port, clientId, clientIdPolicy, clientIdRotation, minVersion, maxVersion,
                connectOptions, connectTimeout, handshakeTimeout, backoff, newHeartbeat, pacing, disconnectedBehavior,
                requestTimeout, socketBuffer, socket);
    }

    /**
     * @param newPacing the pacing
     * @param newBehavior what happens to requests while not READY
     * @return a copy with other pacing settings
     */
    public ConnectionSettings withPacing(Pacing newPacing, DisconnectedBehavior newBehavior) {
        return new ConnectionSettings(host, port, clientId, clientIdPolicy, clientIdRotation, minVersion, maxVersion,
                connectOptions, connectTimeout, handshakeTimeout, backoff, heartbeat, newPacing, newBehavior,
                requestTimeout, socketBuffer, socket);
    }

    /**
     * @param policy   what to do on error 326
     * @param rotation the ids for {@link ClientIdPolicy#ROTATE}
     * @return a copy with another client-id policy
     */
    public ConnectionSettings withClientIdPolicy(ClientIdPolicy policy, List<Integer> rotation) {
        return new ConnectionSettings(host, port, clientId, policy, rotation, minVersion, maxVersion, connectOptions,
                connectTimeout, handshakeTimeout, backoff, heartbeat, pacing, disconnectedBehavior, requestTimeout,
                socketBuffer, socket);
    }

    /**
     * @param newMin the lowest server version offered
     * @param newMax the highest server version offered
     * @param newHandshakeTimeout connect to Ready
     * @return a copy with another handshake
     */
    public ConnectionSettings withHandshake(int newMin, int newMax, Duration newHandshakeTimeout) {
        return new ConnectionSettings(host, port, clientId, clientIdPolicy, clientIdRotation, newMin, newMax,
                connectOptions, connectTimeout, newHandshakeTimeout, backoff, heartbeat, pacing, disconnectedBehavior,
                requestTimeout, socketBuffer, socket);
    }

    /** What to do when TWS answers error 326, client id in use. */
    public enum ClientIdPolicy {
        /** Retry the same id with backoff: it may own live orders that only it can manage. */
        WAIT,
        /** Try the next id of the rotation list. */
        ROTATE
    }

    /** What happens to a request made while the connection is not READY. */
    public enum DisconnectedBehavior {
        /** Hold it in the bounded pacing queue and send it after READY. */
        QUEUE,
        /** Reject it at once with NotConnected. */
        FAIL
    }

    /**
     * Reconnect delays: {@code min * 2^(attempt-1)} capped at max, times a random factor in [1, 1 + randomFactor].
     *
     * @param min          first delay
     * @param max          cap
     * @param randomFactor jitter, 0..1
     * @param resetAfter   READY this long resets the attempt count
     */
    public record Backoff(Duration min, Duration max, double randomFactor, Duration resetAfter) {

        /** Validates. */
        public Backoff {
            Checks.require(min != null && !min.isNegative(), "tws.connection.backoff.min must be >= 0");
            Checks.require(max != null && max.compareTo(min) >= 0, "tws.connection.backoff.max must be >= min");
            Checks.require(randomFactor >= 0 && randomFactor <= 1,
                    "tws.connection.backoff.random-factor must be 0..1, was " + randomFactor);
            Checks.positive(resetAfter, "tws.connection.backoff.reset-after");
        }
    }

    /**
     * @param idle    silence before a reqCurrentTime probe
     * @param timeout silence after the probe before the socket counts as stale
     */
    public record Heartbeat(Duration idle, Duration timeout) {

        /** Validates. */
        public Heartbeat {
            Checks.positive(idle, "tws.connection.heartbeat.idle");
            Checks.positive(timeout, "tws.connection.heartbeat.timeout");
        }
    }

    /**
     * @param messagesPerSecond messages in any sliding one-second window
     * @param queueSize         requests waiting before new ones are rejected
     */
    public record Pacing(int messagesPerSecond, int queueSize) {

        /** Validates. */
        public Pacing {
            Checks.require(messagesPerSecond > 0 && messagesPerSecond <= TWS_MESSAGE_RATE_LIMIT,
                    "tws.connection.pacing.messages-per-second must be 1.." + TWS_MESSAGE_RATE_LIMIT + ", was "
                            + messagesPerSecond);
            Checks.require(queueSize > 0, "tws.connection.pacing.queue-size must be positive, was " + queueSize);
        }
    }

    /**
     * @param tcpNoDelay        TCP_NODELAY
     * @param receiveBuffer     SO_RCVBUF in bytes
     * @param sendBuffer        SO_SNDBUF in bytes
     * @param keepAlive         SO_KEEPALIVE
     * @param keepAliveIdle     TCP_KEEPIDLE where supported
     * @param keepAliveInterval TCP_KEEPINTERVAL where supported
     * @param keepAliveCount    TCP_KEEPCOUNT where supported
     * @param tcpQuickAck       TCP_QUICKACK after connect where supported (Linux)
     */
    public record Socket(boolean tcpNoDelay, int receiveBuffer, int sendBuffer, boolean keepAlive,
                         Duration keepAliveIdle, Duration keepAliveInterval, int keepAliveCount, boolean tcpQuickAck) {

        /** Validates. */
        public Socket {
            Checks.require(receiveBuffer > 0, "tws.connection.socket.receive-buffer must be positive");
            Checks.require(sendBuffer > 0, "tws.connection.socket.send-buffer must be positive");
            Checks.positive(keepAliveIdle, "tws.connection.socket.keep-alive-idle");
            Checks.positive(keepAliveInterval, "tws.connection.socket.keep-alive-interval");
            Checks.require(keepAliveCount > 0, "tws.connection.socket.keep-alive-count must be positive");
        }
    }
}
