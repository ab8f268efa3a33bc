package io.github.twssupervisor.cli;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that connects, does one job and exits takes ({@code order}, {@code orders}, {@code cancel},
 * {@code executions}, {@code contract}, {@code symbols}): the target, how long to wait for READY, and {@code --json}.
 */
final class SessionOptions {

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Option(names = "--timeout", defaultValue = "15s", paramLabel = "D", description = "How long to wait for a READY "
            + "connection to TWS (HOCON duration: 10s, 1m; default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--json", description = "One JSON object per line instead of text (e.g. for jq).")
    boolean json;

    Duration parsedTimeout() {
        return Durations.parse("--timeout", timeout);
    }

    /** @return a session with the target, READY within the timeout */
    TwsSession open(Main.Setup setup) {
        return TwsSession.open(setup, target, parsedTimeout());
    }
}
