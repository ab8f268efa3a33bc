package io.github.twssupervisor.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the JSON profile proves: the supervised connection ({@code connection/}) imports no JSON class, and the
 * JSON profile (the {@code json} packages and its settings) imports no TWS class: neither TWS's packages (wire,
 * framing, dispatch, the client and its domains, the simulator, the service) nor any {@code Tws*} class or TWS's
 * handshake elsewhere.
 */
class ProtocolSeamTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "github", "twssupervisor");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.github\\.twssupervisor\\.([\\w.]+);",
            Pattern.MULTILINE);
    private static final List<String> TWS_PACKAGES = List.of("wire.", "framing.", "dispatch.", "client.",
            "subscription.", "marketdata.", "orders.", "contracts.", "history.", "account.", "simulator.", "service.",
            "cli.");

    @Test
    void theConnectionImportsNoJsonClass() {
        List<String> found = imports(sources(MAIN.resolve("connection"))).stream()
                .filter(i -> i.startsWith("json.")).toList();
        assertEquals(List.of(), found);
    }

    @Test
    void theJsonProfileImportsNoTwsClass() {
        List<Path> profile = new ArrayList<>(sources(MAIN.resolve("json")));
        profile.addAll(sources(MAIN.resolve("config")).stream()
                .filter(p -> p.getFileName().toString().startsWith("Json")).toList());
        assertFalse(profile.size() < 10, "the profile's sources were found: " + profile);
        List<String> found = imports(profile).stream()
                .filter(i -> TWS_PACKAGES.stream().anyMatch(i::startsWith) || simpleName(i).startsWith("Tws")
                        || simpleName(i).equals("HandshakeActor"))
                .toList();
        assertEquals(List.of(), found);
    }

    private static String simpleName(String imported) {
        String[] parts = imported.split("\\.");
        // connection.TwsSessionEvent.Error -> TwsSessionEvent: the first capitalised part
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                return part;
            }
        }
        return parts[parts.length - 1];
    }

    private static List<Path> sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> imports(List<Path> files) {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            try {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1) + " (in " + file.getFileName() + ")");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
