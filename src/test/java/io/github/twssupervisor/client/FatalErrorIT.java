package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.JarProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fatal error (here an {@link OutOfMemoryError}) thrown on the client's dispatcher ends the JVM, non-zero, by itself:
 * Akka's {@code akka.jvm-exit-on-fatal-error} (on by default, and the library and the runnable leave it so). Without
 * it the JVM would run on, its actor system gone, answering nothing: the control test shows that this test tells the
 * two apart.
 */
class FatalErrorIT {

    /** What Akka's System.exit(-1) leaves as the exit code. */
    private static final int AKKA_FATAL_EXIT = 255;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** The runnable's logging (INFO to stderr) instead of the test classes' logback-test.xml. */
    private static final String RUNNABLE_LOGGING = "-Dlogback.configurationFile=tws-runnable-logback.xml";

    @ParameterizedTest(name = "an OutOfMemoryError in {0} on tws.client-dispatcher exits the JVM non-zero")
    @ValueSource(strings = {"actor", "stream"})
    void aFatalErrorOnTheClientsDispatcherEndsTheJvm(String where) throws IOException {
        try (JarProcess child = start(where, List.of())) {
            long thrownAt = System.nanoTime();
            boolean exited = child.exitsWithin(EXIT_WITHIN);
            long millis = (System.nanoTime() - thrownAt) / 1_000_000;
            assertTrue(exited, "the JVM still runs " + EXIT_WITHIN.toSeconds() + " s after a fatal error in " + where);
            System.out.printf("fatal error in %s: JVM exited with %d after %d ms%n", where, child.exitValue(), millis);
            assertEquals(AKKA_FATAL_EXIT, child.exitValue(), "Akka's exit on a fatal error is System.exit(-1)");
        }
    }

    @Test
    void withoutJvmExitOnFatalErrorTheJvmRunsOnAfterIt() throws IOException {
        try (JarProcess child = start("actor", List.of("-Dakka.jvm-exit-on-fatal-error=off"))) {
            assertFalse(child.exitsWithin(Duration.ofSeconds(3)), "the JVM exited (" + (child.isAlive() ? ""
                    : child.exitValue()) + ") though akka.jvm-exit-on-fatal-error was off");
            child.terminate();
            assertTrue(child.exitsWithin(EXIT_WITHIN), "SIGTERM did not end it");
        }
    }

    private static JarProcess start(String where, List<String> options) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx64m", RUNNABLE_LOGGING));
        jvm.addAll(options);
        JarProcess child = JarProcess.startMain(jvm, FatalErrorMain.class, where, String.valueOf(closedPort()));
        try {
            assertTrue(child.readLine(STARTUP).startsWith(FatalErrorMain.STARTED));
            assertEquals(FatalErrorMain.THROWING + where, child.readLine(STARTUP));
            return child;
        } catch (AssertionError e) {
            child.close();
            throw e;
        }
    }

    /** @return a loopback port nothing listens on (the client retries it meanwhile) */
    private static int closedPort() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return holder.getLocalPort();
        }
    }
}
