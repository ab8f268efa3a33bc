package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.ConnectionSettings;
import picocli.CommandLine.Option;

/** The TWS address and client id options shared by {@code run} and {@code ping}. */
final class TargetOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "TWS host (default: tws.connection.host).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "TWS API port (default: tws.connection.port).")
    Integer port;

    @Option(names = "--client-id", paramLabel = "N", description = "API client id, 0.."
            + ConnectionSettings.MAX_CLIENT_ID + " (default: tws.connection.client-id).")
    Long clientId;

    /**
     * @param base the configured connection
     * @return it with the flags given
     * @throws IllegalArgumentException naming the flag, for a port or client id out of range
     */
    ConnectionSettings applyTo(ConnectionSettings base) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("--port must be 1..65535, was " + port);
        }
        if (clientId != null && (clientId < 0 || clientId > ConnectionSettings.MAX_CLIENT_ID)) {
            throw new IllegalArgumentException("--client-id must be 0.." + ConnectionSettings.MAX_CLIENT_ID + ", was "
                    + clientId);
        }
        return base.withTarget(host != null ? host : base.host(), port != null ? port : base.port(),
                clientId != null ? clientId.intValue() : base.clientId());
    }
}
