package io.github.twssupervisor.testutil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded jar run as a user runs it ({@code java -jar target/tws-supervisor.jar ...}), with line access to stdout,
 * a writer to stdin and bounded waits. {@link #close()} kills it if it is still running.
 */
public final class JarProcess implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path stderr;

    private JarProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * @param args the command line after {@code -jar tws-supervisor.jar}
     * @return the started process; stderr (the logs and error lines) is kept in a temporary file ({@link #stderr()})
     */
    public static JarProcess start(String... args) {
        return start(List.of(), args);
    }

    /**
     * @param jvmOptions options of the JVM, such as {@code -Xmx64m}
     * @param args       the command line after {@code -jar tws-supervisor.jar}
     * @return the started process; stderr (the logs) is kept in a temporary file
     */
    public static JarProcess start(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    /**
     * A main class of the tests, on the shaded jar's classpath plus the test classes.
     *
     * @param jvmOptions options of the JVM
     * @param mainClass  the class
     * @param args       its arguments
     * @return the started process; stderr (the logs) is kept in a temporary file
     */
    public static JarProcess startMain(List<String> jvmOptions, Class<?> mainClass, String... args) {
        Path testClasses = Path.of(System.getProperty("test.classes", "target/test-classes"));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar() + java.io.File.pathSeparator + testClasses, mainClass.getName()));
        command.addAll(List.of(args));
        return launch(command);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("shaded.jar", "target/tws-supervisor.jar"));
        assertTrue(Files.isRegularFile(jar), "run 'mvn package' first: no " + jar);
        return jar;
    }

    private static JarProcess launch(List<String> command) {
        try {
            Path stderr = Files.createTempFile("jar-process-", ".stderr");
            return new JarProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next stdout line; fails if none comes within a minute or stdout closes */
    public String readLine() {
        return readLine(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /**
     * @param timeout how long to wait
     * @return the next stdout line; fails if none comes in time or stdout closes
     */
    public String readLine(Duration timeout) {
        try {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("stdout closed");
            }
            return line;
        } catch (Exception e) {
            throw new AssertionError("no stdout line: " + e, e);
        }
    }

    /**
     * @return every remaining stdout line, until the process closes it; a process that has not closed it within the
     *     timeout is killed and the test fails, so a command that never ends cannot hang the build
     */
    public List<String> readRemaining() {
        List<String> lines = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Void> deadline = java.util.concurrent.CompletableFuture.runAsync(() -> {
            killed.set(true);
            process.destroyForcibly();
        }, java.util.concurrent.CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deadline.cancel(false);
        }
        assertTrue(!killed.get(), "the process did not end its output within " + TIMEOUT_SECONDS + " s and was killed;"
                + " it printed: " + lines);
        return lines;
    }

    /** @param line a console command to write to stdin */
    public void command(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes stdin. */
    public void closeStdin() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** @return the exit code; fails if the process runs on for another minute */
    public int awaitExit() {
        try {
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "process did not exit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /**
     * @param timeout how long to wait
     * @return whether the process exited in time
     */
    public boolean exitsWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the exit code of a process that has exited */
    public int exitValue() {
        return process.exitValue();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** @return the port from a first line {@code listening on 127.0.0.1:PORT} */
    public int listeningPort() {
        String first = readLine();
        Matcher m = LISTENING.matcher(first);
        assertTrue(m.find(), "first line was '" + first + "'");
        return Integer.parseInt(m.group(1));
    }

    /** @return what the process wrote to stderr so far (logs, and the commands' {@code error:} lines) */
    public List<String> stderr() {
        try {
            return Files.readAllLines(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
