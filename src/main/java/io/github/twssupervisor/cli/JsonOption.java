package io.github.twssupervisor.cli;

import picocli.CommandLine.Option;

/** {@code --json} alone, for the commands that run to completion ({@code order}, {@code orders}, ...). */
final class JsonOption {

    @Option(names = "--json", description = "One JSON object per line instead of text (e.g. for jq).")
    boolean json;
}
