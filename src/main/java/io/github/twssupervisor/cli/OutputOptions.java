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

    Duration parsedDuration() {
        return Durations.parse("--duration", duration);
    }
}
