package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.ConnectionSettings;
import picocli.CommandLine.Option;

/** The TWS address and client id options shared by {@code run} and {@code ping}. */
final class TargetOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "TWS host (default: tws.connection.host).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "TWS API port (default: tws.connection.port).")
    Integer port;

    @Option(names = "--client-id", paramLabel = "N", description = "API client id (default: tws.connection.client-id).")
    Integer clientId;

    ConnectionSettings applyTo(ConnectionSettings base) {
        return base.withTarget(host != null ? host : base.host(), port != null ? port : base.port(),
                clientId != null ? clientId : base.clientId());
    }
}
