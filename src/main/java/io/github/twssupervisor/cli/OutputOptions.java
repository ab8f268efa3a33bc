package io.github.twssupervisor.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The output and lifetime options shared by {@code run} and {@code demo}. */
final class OutputOptions {

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    boolean json;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (HOCON duration: 30s, 5m, 2h); "
            + "default: until SIGTERM / Ctrl-C.")
    String duration;

    @Option(names = "--ready-timeout", paramLabel = "D", description = "Stop with exit code 1 and the last failure's "
            + "reason if not READY within this long (30s, 2m); without it, a run that never reached READY still exits "
            + "1 at the end of --duration.")
    String readyTimeout;

    Duration parsedReadyTimeout() {
        return Durations.parse("--ready-timeout", readyTimeout);
    }

    Duration parsedDuration() {
        return Durations.parse("--duration", duration);
    }
}
