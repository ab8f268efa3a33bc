package io.github.twssupervisor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys under {@code tws} that reference.conf defines, and the check that a configuration sets no other: a
 * misspelt key ({@code tws.conection.port}) would otherwise be ignored in silence and its default used. Each unknown
 * key is named with where it was set and, when one is close, the known key probably meant.
 *
 * <p>Under {@code tws.client-dispatcher} any key is accepted: it is an Akka dispatcher section, with keys Akka reads.
 * Under {@code tws.pool.purposes.NAME} the keys are those of {@code tws.connection}, which a purpose overrides.
 */
public final class KnownKeys {

    /** Sections whose keys are someone else's to define. */
    private static final List<String> OPEN_SECTIONS = List.of("client-dispatcher");
    /** Sections of user-named entries, each holding the keys of another section: the entries' parent -> that one. */
    private static final Map<String, String> NAMED_ENTRIES = Map.of("pool.purposes", "connection");

    private final String root;
    private final Set<String> known;

    private KnownKeys(String root, Set<String> known) {
        this.root = root;
        this.known = known;
    }

    /**
     * @param reference a config holding the defaults, e.g. {@code ConfigFactory.defaultReference()}
     * @param root      the root key, {@code tws}
     * @return the leaf keys under root, with the root prefix
     */
    public static KnownKeys of(Config reference, String root) {
        Set<String> keys = new TreeSet<>();
        reference.getConfig(root).entrySet().forEach(e -> keys.add(root + "." + e.getKey()));
        return new KnownKeys(root, keys);
    }

    /**
     * @param config a config with the root key
     * @return one problem per unknown key, in key order: {@code unknown setting tws.conection.port (app.conf:3); did
     *     you mean tws.connection.port?}
     */
    public List<String> unknownKeys(Config config) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : config.getConfig(root).entrySet().stream()
                .map(e -> Map.entry(root + "." + e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByKey()).toList()) {
            String key = entry.getKey();
            if (known.contains(key) || OPEN_SECTIONS.stream().anyMatch(s -> key.startsWith(root + "." + s + "."))) {
                continue;
            }
            Optional<Map.Entry<String, String>> named = namedEntry(key);
            if (named.isEmpty() && isNamedEntry(key)) {
                continue; // an entry that is no object: TwsSettings names what it must be
            }
            if (named.isPresent()) {
                // tws.pool.purposes.orders.conect-timeout: checked as tws.connection.conect-timeout
                String entryPrefix = named.get().getKey();
                String asBase = named.get().getValue();
                if (!known.contains(asBase)) {
                    String base = asBase.substring(0, asBase.length() - (key.length() - entryPrefix.length()));
                    problems.add("unknown setting " + key + where(entry.getValue().origin()) + closest(asBase)
                            .filter(k -> k.startsWith(base)).map(k -> "; did you mean " + entryPrefix
                                    + k.substring(base.length()) + "?")
                            .orElse("; its keys are those of " + base.substring(0, base.length() - 1)));
                }
                continue;
            }
            problems.add("unknown setting " + key + where(entry.getValue().origin())
                    + closest(key).map(k -> "; did you mean " + k + "?").orElse("; see reference.conf for the "
                    + "settings under " + root));
        }
        return problems;
    }

    /**
     * @param key a key, e.g. {@code tws.pool.purposes.orders.client-id}
     * @return for a key inside a named entry: the entry's prefix ({@code tws.pool.purposes.orders.}) and the key it
     *     stands for ({@code tws.connection.client-id}); empty for other keys and for the entry itself
     */
    private Optional<Map.Entry<String, String>> namedEntry(String key) {
        for (Map.Entry<String, String> section : NAMED_ENTRIES.entrySet()) {
            String parent = root + "." + section.getKey() + ".";
            int nameEnd = key.indexOf('.', parent.length());
            if (key.startsWith(parent) && nameEnd > 0) {
                return Optional.of(Map.entry(key.substring(0, nameEnd + 1),
                        root + "." + section.getValue() + "." + key.substring(nameEnd + 1)));
            }
        }
        return Optional.empty();
    }

    private boolean isNamedEntry(String key) {
        return NAMED_ENTRIES.keySet().stream().anyMatch(parent -> key.startsWith(root + "." + parent + ".")
                && key.indexOf('.', (root + "." + parent + ".").length()) < 0);
    }

    /**
     * The known key most like the given one: the nearest by edit distance if it is near enough (about one typo in
     * five characters), else the nearest that ends with the same last segment ({@code tws.port} ->
     * {@code tws.connection.port}).
     *
     * @param key an unknown key
     * @return the known key probably meant, if any
     */
    public Optional<String> closest(String key) {
        Comparator<String> byDistance = Comparator.comparingInt((String k) -> distance(key, k))
                .thenComparing(Comparator.naturalOrder());
        Optional<String> nearest = known.stream().min(byDistance);
        if (nearest.isPresent() && distance(key, nearest.get()) <= Math.max(2, key.length() / 5)) {
            return nearest;
        }
        String last = key.substring(key.lastIndexOf('.') + 1);
        return known.stream().filter(k -> k.endsWith("." + last)).min(byDistance);
    }

    /** @return the Levenshtein distance: insertions, deletions and substitutions that turn a into b */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        if (origin.filename() == null) {
            return " (" + origin.description() + ")";
        }
        return " (" + origin.filename() + (origin.lineNumber() >= 0 ? ":" + origin.lineNumber() : "") + ")";
    }
}
