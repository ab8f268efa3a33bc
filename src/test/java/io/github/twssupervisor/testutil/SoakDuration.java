package io.github.twssupervisor.testutil;

import java.time.Duration;

/** A soak's {@code -Dsoak.duration}. */
public final class SoakDuration {

    private SoakDuration() {
    }

    /** Accepts {@code 90s}, {@code 10m}, {@code 1h}, {@code 1500ms} or ISO-8601 ({@code PT2M}). */
    public static Duration parse(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim().toLowerCase();
        if (t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase());
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("soak.duration: not a duration: " + text);
        };
    }
}
