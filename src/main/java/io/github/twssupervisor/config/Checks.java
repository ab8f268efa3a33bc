package io.github.twssupervisor.config;

import java.time.Duration;

/** Validation helpers of the settings records: every message names the key. */
final class Checks {

    private Checks() {
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static void positive(Duration value, String key) {
        require(value != null && !value.isNegative() && !value.isZero(), key + " must be a positive duration, was "
                + value);
    }
}
