package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What ended a socket, in the words an operator needs: each cause as a typed {@link FailureReason} that names the
 * target and, where there is one, the likely fix.
 */
final class SocketFailures {

    private final String target;
    private final int clientId;
    private final ConnectionSettings settings;
    private final Protocol protocol;

    SocketFailures(String target, int clientId, ConnectionSettings settings, Protocol protocol) {
        this.target = target;
        this.clientId = clientId;
        this.settings = settings;
        this.protocol = protocol;
    }

    FailureReason writeRefused(String result) {
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "the socket to " + target
                + " stopped taking data (" + result + "): " + settings.socketBuffer()
                + " frames are waiting to be written");
    }

    FailureReason closedByPeer() {
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, protocol.peerName() + " at " + target
                + " closed the connection (client id " + clientId + ")");
    }

    /** Akka's Tcp reports a connect timeout only in its message. */
    FailureReason connectFailure(Throwable cause) {
        String text = rootMessage(cause);
        if (isUnknownHost(cause)) {
            return new FailureReason(FailureReason.Kind.UNKNOWN_HOST, "cannot resolve the host of " + target
                    + ": no address for '" + settings.host() + "' (check tws.connection.host or --host; retried, since "
                    + "DNS recovers)");
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return new FailureReason(FailureReason.Kind.CONNECT_TIMEOUT, "no TCP connection to " + target
                    + " within " + settings.connectTimeout().toMillis() + " ms");
        }
        return new FailureReason(FailureReason.Kind.CONNECT_REFUSED, "cannot connect to " + target
                + ": " + protocol.connectHint(target) + " (" + text + ")");
    }

    FailureReason streamFailure(Throwable cause) {
        Optional<SSLException> tls = tlsFailure(cause);
        if (tls.isPresent()) {
            return new FailureReason(FailureReason.Kind.TLS_FAILED, "TLS with " + target + " failed: "
                    + tls.get().getMessage() + " (does the truststore hold the server's certificate, and does the "
                    + "server speak TLS?)");
        }
        if (protocol.isViolation(cause)) {
            return new FailureReason(FailureReason.Kind.PROTOCOL_VIOLATION, "the peer at " + target
                    + " broke the " + protocol.name() + " protocol: " + cause.getMessage());
        }
        return new FailureReason(FailureReason.Kind.CONNECTION_LOST, "connection to " + target + " failed: "
                + rootMessage(cause));
    }

    private static Optional<SSLException> tlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException ssl) {
                return Optional.of(ssl);
            }
        }
        return Optional.empty();
    }

    /** Akka's Tcp wraps the resolver's UnknownHostException, or names it only in its message. */
    static boolean isUnknownHost(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || String.valueOf(t.getMessage()).contains("UnknownHostException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
