package io.github.twssupervisor.json.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The listen backlog in effect: the one asked for, clamped to the OS's limit where the OS says what it is (Linux's
 * {@code net.core.somaxconn}). The kernel clamps it anyway, silently; clamping here lets the server log the real value.
 */
final class AcceptBacklog {

    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    private AcceptBacklog() {
    }

    /** @return the OS's limit, if this OS says (Linux's somaxconn) */
    static OptionalInt osLimit() {
        return osLimit(SOMAXCONN);
    }

    /**
     * @param requested the backlog from the settings
     * @param osLimit   the OS's limit, if known
     * @return the lower of the two
     */
    static int effective(int requested, OptionalInt osLimit) {
        return osLimit.isPresent() ? Math.min(requested, osLimit.getAsInt()) : requested;
    }

    /**
     * @param file a file holding one number, such as /proc/sys/net/core/somaxconn
     * @return the number, or empty if the file is absent or holds something else (not Linux, a sandbox)
     */
    static OptionalInt osLimit(Path file) {
        try {
            // Not Files.readString: a /proc file reports size 0, and the JDK's sized read of it returned "4" of
            // "4096" (the backlog then clamped to 4). A stream reads what the kernel gives.
            String text;
            try (InputStream in = Files.newInputStream(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            int value = Integer.parseInt(text.trim());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (IOException | NumberFormatException | SecurityException e) {
            return OptionalInt.empty();
        }
    }
}
