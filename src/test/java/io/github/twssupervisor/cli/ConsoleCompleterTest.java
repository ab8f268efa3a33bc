package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** Tab completion from the commands' picocli model, word by word. No terminal, no connection. */
class ConsoleCompleterTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "EUR.USD");

    private final ConsoleCompleter completer = new ConsoleCompleter(new ConsoleCommands((ConsoleCommands.Actions)
            Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConsoleCommands.Actions.class},
                    (proxy, method, args) -> null), line -> { }).commandLine(), SYMBOLS);

    /** @return the candidates offered with the cursor at the end of the line */
    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordIsACommand() {
        assertEquals(ConsoleCommands.NAMES, complete("/qu"));
        assertEquals(ConsoleCommands.NAMES, complete(""));
    }

    @Test
    void symbolParametersOfferTheSymbols() {
        assertEquals(SYMBOLS, complete("/subscribe "));
        assertEquals(SYMBOLS, complete("/quote EU"));
        assertEquals(SYMBOLS, complete("/bars "));
        assertEquals(List.of(), complete("/bars AAPL "));
    }

    @Test
    void orderOffersSidesSymbolsAndTypesInTheirPlaces() {
        assertEquals(List.of("buy", "sell"), complete("/order "));
        assertEquals(List.of(), complete("/order buy "));
        assertEquals(SYMBOLS, complete("/order buy 100 "));
        assertEquals(new OrderArguments.Types(), complete("/order buy 100 AAPL "));
        assertEquals(new OrderArguments.Types(), complete("/order buy 100 AAPL --tif GTC "));
        assertEquals(new OrderArguments.Types(), complete("/order buy 100 --bracket 195 185 AAPL "));
        assertEquals(List.of(), complete("/order buy 100 AAPL lmt "));
        List<String> options = complete("/order buy 100 AAPL --");
        assertTrue(options.containsAll(List.of("--tif", "--good-till", "--outside-rth", "--bracket")), options.toString());
    }

    @Test
    void helpOffersTheCommandsAndUnknownCommandsNothing() {
        assertEquals(ConsoleCommands.NAMES, complete("/help "));
        assertEquals(List.of(), complete("/nothing "));
        assertEquals(List.of(), complete("/time "));
    }
}
