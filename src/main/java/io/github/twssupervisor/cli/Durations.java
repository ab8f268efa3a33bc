package io.github.twssupervisor.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The command line's durations ({@code --duration}, {@code --ready-timeout}, {@code --timeout}, {@code --wait},
 * {@code --chaos}): HOCON durations that must name their unit. HOCON reads a bare number as milliseconds, so
 * {@code --duration 10} would stop a run after 10 ms; here it is refused with an example.
 */
final class Durations {

    /** A number without a unit: {@code 10}, {@code 1.5}, {@code -3}. */
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d*)?");

    private Durations() {
    }

    /**
     * @param option the option's name, for the message
     * @param text   a duration with a unit ({@code 30s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 1 minute}), or
     *               null
     * @return the duration, or null for none
     * @throws IllegalArgumentException naming the option, for a bare number, something else than a duration, or a
     *                                  duration that is not positive
     */
    static Duration parse(String option, String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(option + " " + trimmed + " needs a unit: " + trimmed + "s for seconds, "
                    + trimmed + "ms for milliseconds (also m, h)");
        }
        Duration value;
        try {
            value = ConfigFactory.parseString("d = \"" + trimmed.replace("\"", "") + "\"").getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration such as 30s, 500ms, 5m or "
                    + "2h");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, was " + text);
        }
        return value;
    }
}
