package io.github.twssupervisor.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout}: how long the order commands wait for a READY connection. */
final class ConnectOptions {

    @Option(names = "--timeout", defaultValue = "15s", paramLabel = "D", description = "How long to wait for a READY "
            + "connection to TWS (HOCON duration: 10s, 1m; default: ${DEFAULT-VALUE}).")
    String timeout;

    Duration parsedTimeout() {
        return RunCommand.parse("--timeout", timeout);
    }
}
