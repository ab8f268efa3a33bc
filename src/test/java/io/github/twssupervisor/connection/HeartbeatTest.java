package io.github.twssupervisor.connection;

import static io.github.twssupervisor.connection.Heartbeat.Action.NONE;
import static io.github.twssupervisor.connection.Heartbeat.Action.PROBE;
import static io.github.twssupervisor.connection.Heartbeat.Action.STALE;
import static io.github.twssupervisor.connection.Heartbeat.CHECKS_PER_IDLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The liveness state machine without actors or clocks: each {@code onCheck} is one tick of {@code idle /
 * CHECKS_PER_IDLE}, the argument the socket's running count of received frames.
 */
class HeartbeatTest {

    private Heartbeat heartbeat;
    private long frames;

    @BeforeEach
    void aSocketThatHasJustReceivedItsHandshakeFrames() {
        heartbeat = new Heartbeat();
        // A READY socket has received at least the handshake's frames; the first check sees them as news.
        frames = 3;
        assertEquals(NONE, heartbeat.onCheck(frames));
    }

    /** Runs {@code n} checks with no new frame, asserting each answers NONE. */
    private void quietChecksWithoutAction(int n) {
        for (int i = 1; i <= n; i++) {
            assertEquals(NONE, heartbeat.onCheck(frames), "quiet check " + i);
        }
    }

    @Test
    void noProbeWhileFramesKeepArriving() {
        for (int i = 0; i < 10 * CHECKS_PER_IDLE; i++) {
            frames++;
            assertEquals(NONE, heartbeat.onCheck(frames), "check " + i);
        }
    }

    @Test
    void oneFramePerIdlePeriodIsEnoughToNeverProbe() {
        for (int period = 0; period < 10; period++) {
            quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
            frames++;
            assertEquals(NONE, heartbeat.onCheck(frames), "period " + period);
        }
    }

    @Test
    void probesAfterExactlyChecksPerIdleQuietChecks() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
    }

    @Test
    void aFrameAfterTheProbePreventsStale() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        frames++; // the currentTime answer, or anything else
        assertEquals(NONE, heartbeat.onProbeTimeout(frames));
    }

    @Test
    void aFrameSeenByACheckBeforeTheProbeTimeoutAlsoPreventsStale() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        frames++;
        assertEquals(NONE, heartbeat.onCheck(frames));
        assertEquals(NONE, heartbeat.onProbeTimeout(frames));
    }

    @Test
    void staleWhenNothingArrivesAfterTheProbe() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        assertEquals(STALE, heartbeat.onProbeTimeout(frames));
    }

    @Test
    void staleEvenWhenQuietChecksRanWhileTheProbeWasOutstanding() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        quietChecksWithoutAction(CHECKS_PER_IDLE);
        assertEquals(STALE, heartbeat.onProbeTimeout(frames));
    }

    @Test
    void noSecondProbeWhileAProbeIsOutstanding() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        quietChecksWithoutAction(3 * CHECKS_PER_IDLE);
    }

    @Test
    void aFrameResetsTheCountOfQuietChecks() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        frames++;
        assertEquals(NONE, heartbeat.onCheck(frames));
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
    }

    @Test
    void anAnsweredProbeStartsAFreshIdlePeriod() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        frames++;
        assertEquals(NONE, heartbeat.onProbeTimeout(frames));
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        assertEquals(STALE, heartbeat.onProbeTimeout(frames));
    }

    @Test
    void aProbeTimeoutWithoutAProbeIsNotStale() {
        assertEquals(NONE, heartbeat.onProbeTimeout(frames));
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
    }

    @Test
    void quietChecksBeforeTheTimeoutOfAnAlreadyAnsweredProbeStillCount() {
        quietChecksWithoutAction(CHECKS_PER_IDLE - 1);
        assertEquals(PROBE, heartbeat.onCheck(frames));
        frames++; // the answer
        assertEquals(NONE, heartbeat.onCheck(frames)); // seen by a check: probe settled, a new quiet period begins
        quietChecksWithoutAction(1);
        assertEquals(NONE, heartbeat.onProbeTimeout(frames)); // the original probe's timer fires late; no frame since
        quietChecksWithoutAction(CHECKS_PER_IDLE - 2);
        // CHECKS_PER_IDLE quiet checks in a row since the last frame: the documented moment to probe.
        assertEquals(PROBE, heartbeat.onCheck(frames));
    }
}
