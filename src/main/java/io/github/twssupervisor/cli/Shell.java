package io.github.twssupervisor.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * What the interactive shells ({@code console}, {@code json-client interactive}) share on a JLine terminal: whether it
 * is a real one, how a line is printed from any thread, and the read loop. No thread of our own: the loop runs on the
 * command's thread, and Ctrl-C interrupts it while a command waits.
 */
final class Shell {

    private Shell() {
    }

    /** @return true when stdin is not a terminal (a script piped in): no editing, no prompt */
    static boolean isDumb(Terminal terminal) {
        return Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /**
     * A dumb terminal has no line being typed to keep intact, and printAbove would draw again the part of the next
     * script line read so far: there lines are printed plainly (println is synchronized, so lines from the streams'
     * callbacks never mix). On a real terminal, {@link LineReader#printAbove(String)} keeps the line being typed.
     *
     * @return prints one line, from any thread
     */
    static Consumer<String> printer(Terminal terminal, LineReader reader, boolean dumb) {
        PrintWriter writer = terminal.writer();
        return dumb ? line -> {
            writer.println(line);
            writer.flush();
        } : reader::printAbove;
    }

    /**
     * Reads and runs lines until {@code execute} returns false, Ctrl-D or the end of the input. Ctrl-C while a command
     * waits interrupts this thread (JLine calls the handler on its signal thread); while reading a line JLine handles
     * Ctrl-C itself and the line is dropped, as in a shell.
     *
     * @param prompt  shown on a real terminal
     * @param execute runs one line; false ends the loop
     */
    static void loop(Terminal terminal, LineReader reader, String prompt, Predicate<String> execute) {
        boolean dumb = isDumb(terminal);
        Thread shell = Thread.currentThread();
        terminal.handle(Terminal.Signal.INT, signal -> shell.interrupt());
        while (true) {
            Thread.interrupted(); // a Ctrl-C that came after its command ended is spent
            String line;
            try {
                line = reader.readLine(dumb ? "" : prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException | UncheckedIOException e) {
                return; // Ctrl-D, the end of the input, or the terminal is gone
            }
            if (!execute.test(line)) {
                return;
            }
        }
    }
}
