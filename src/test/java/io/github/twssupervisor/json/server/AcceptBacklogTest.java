package io.github.twssupervisor.json.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backlog in effect: clamped to somaxconn when the OS says what it is. */
class AcceptBacklogTest {

    @TempDir
    Path dir;

    @Test
    void theLowerOfTheRequestAndTheOsLimit() {
        assertEquals(128, AcceptBacklog.effective(1024, OptionalInt.of(128)));
        assertEquals(100, AcceptBacklog.effective(100, OptionalInt.of(4096)));
        assertEquals(1024, AcceptBacklog.effective(1024, OptionalInt.empty()));
    }

    @Test
    void readsTheWholeNumberOfTheRealProcFile() throws Exception {
        Path proc = Path.of("/proc/sys/net/core/somaxconn");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(proc), "no /proc here");
        // /proc files report size 0: a sized read once gave "4" of "4096"
        String whole;
        try (java.io.InputStream in = Files.newInputStream(proc)) {
            whole = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        }
        assertEquals(OptionalInt.of(Integer.parseInt(whole)), AcceptBacklog.osLimit());
    }

    @Test
    void readsTheLimitFromAFileAndIgnoresWhatIsNotANumber() throws Exception {
        Path file = dir.resolve("somaxconn");
        Files.writeString(file, "4096\n");
        assertEquals(OptionalInt.of(4096), AcceptBacklog.osLimit(file));
        Files.writeString(file, "lots");
        assertEquals(OptionalInt.empty(), AcceptBacklog.osLimit(file));
        assertEquals(OptionalInt.empty(), AcceptBacklog.osLimit(dir.resolve("absent")));
    }
}
