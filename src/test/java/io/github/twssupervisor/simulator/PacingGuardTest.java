package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sliding-window rules of {@link PacingGuard}, with time passed in. */
class PacingGuardTest {

    private static final long MS = 1_000_000L;

    @Test
    void acceptsUpToTheLimitInOneSecondAndRejectsTheRestAsOneViolation() {
        PacingGuard guard = new PacingGuard(50);
        for (int i = 0; i < 50; i++) {
            assertTrue(guard.admit(i * MS).accepted());
        }
        PacingGuard.Verdict first = guard.admit(60 * MS);
        assertEquals(new PacingGuard.Verdict(false, 51, 1, true), first);
        PacingGuard.Verdict second = guard.admit(61 * MS);
        assertEquals(new PacingGuard.Verdict(false, 52, 1, false), second, "same episode, same violation");
    }

    @Test
    void theWindowSlides() {
        PacingGuard guard = new PacingGuard(2);
        assertTrue(guard.admit(0).accepted());
        assertTrue(guard.admit(500 * MS).accepted());
        assertFalse(guard.admit(999 * MS).accepted());
        assertTrue(guard.admit(1_000 * MS).accepted(), "the message at 0 left the window");
        assertFalse(guard.admit(1_400 * MS).accepted());
        assertTrue(guard.admit(1_500 * MS).accepted());
    }

    @Test
    void aRejectionASecondAfterTheEpisodeBeganIsTheNextViolation() {
        PacingGuard guard = new PacingGuard(1);
        assertTrue(guard.admit(0).accepted());
        assertEquals(1, guard.admit(100 * MS).violations());
        assertEquals(1, guard.admit(900 * MS).violations());
        assertTrue(guard.admit(1_000 * MS).accepted());
        PacingGuard.Verdict next = guard.admit(1_100 * MS);
        assertTrue(next.newViolation());
        assertEquals(2, next.violations());
        assertEquals(2, next.received(), "the window restarts the count");
    }
}
