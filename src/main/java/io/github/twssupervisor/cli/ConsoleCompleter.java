package io.github.twssupervisor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the commands' picocli model: the command names first, then a command's options, and for a
 * positional parameter its completion candidates (symbols for every {@code SYMBOL}, {@code buy|sell} and the order
 * types for {@code /order}, command names for {@code /help}).
 */
final class ConsoleCompleter implements Completer {

    private final CommandLine commands;
    private final List<String> symbols;

    /**
     * @param commands the console's commands
     * @param symbols  the symbols to offer (the demo's watchlist: the simulator's universe)
     */
    ConsoleCompleter(CommandLine commands, List<String> symbols) {
        this.commands = commands;
        this.symbols = List.copyOf(symbols);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        if (line.wordIndex() == 0) {
            ConsoleCommands.NAMES.forEach(name -> candidates.add(candidate(name, commands.getSubcommands().get(name)
                    .getCommandSpec().usageMessage().description()[0])));
            return;
        }
        CommandLine command = commands.getSubcommands().get(words.get(0).toLowerCase(Locale.ROOT));
        if (command == null) {
            return;
        }
        CommandSpec spec = command.getCommandSpec();
        if (line.word().startsWith("-")) {
            spec.options().forEach(o -> candidates.add(candidate(o.longestName(), o.description().length > 0
                    ? o.description()[0] : null)));
            return;
        }
        int position = position(spec, words.subList(1, line.wordIndex()));
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().min() != position) {
                continue;
            }
            for (String value : values(command, p)) {
                candidates.add(candidate(value, null));
            }
        }
    }

    private List<String> values(CommandLine command, PositionalParamSpec parameter) {
        if ("SYMBOL".equals(parameter.paramLabel())) {
            return symbols;
        }
        if ("/help".equals(command.getCommandName())) {
            return ConsoleCommands.NAMES;
        }
        List<String> values = new ArrayList<>();
        if (parameter.completionCandidates() != null) {
            parameter.completionCandidates().forEach(values::add);
        }
        return values;
    }

    /** @return how many positional words come before the current one (options and their values skipped) */
    private static int position(CommandSpec spec, List<String> before) {
        int position = 0;
        for (int i = 0; i < before.size(); i++) {
            String word = before.get(i);
            OptionSpec option = word.startsWith("-") ? spec.findOption(word) : null;
            if (option != null) {
                i += word.contains("=") ? 0 : Math.max(0, option.arity().max() == Integer.MAX_VALUE ? 1
                        : option.arity().max());
            } else if (!word.startsWith("-")) {
                position++;
            }
        }
        return position;
    }

    /** A completer for the reader before the commands exist (they print through the reader); attached once. */
    static final class Deferred implements Completer {

        /** Read and written on the console's thread only: JLine completes inside readLine. */
        private Completer target = (reader, line, candidates) -> { };

        void attach(Completer completer) {
            this.target = completer;
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            target.complete(reader, line, candidates);
        }
    }

    private static Candidate candidate(String value, String description) {
        return new Candidate(value, value, null, description, null, null, true);
    }
}
