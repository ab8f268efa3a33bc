package io.github.twssupervisor.connection;

/**
 * Liveness of one socket as a small state machine, driven by a periodic check and by the count of frames received.
 * Checks run every {@code idle / CHECKS_PER_IDLE}; after {@code CHECKS_PER_IDLE} checks in a row with no new frame
 * (so between idle and 1.25 idle of silence) it asks for a probe; if still nothing has arrived when the probe's timeout
 * fires, the socket is stale. Any frame, the probe's answer or anything else, proves the socket alive, so a quiet but
 * healthy connection is never reset. Confined to its owning actor; no clock of its own, so ManualTime drives it.
 */
final class Heartbeat {

    /** Checks per idle period. */
    static final int CHECKS_PER_IDLE = 4;

    /** What the owner must do after a check. */
    enum Action {
        /** Nothing. */
        NONE,
        /** Send reqCurrentTime and start the probe timeout. */
        PROBE,
        /** Abort the socket: it is half-open. */
        STALE
    }

    private long framesAtLastCheck;
    private int quietChecks;
    private boolean probing;
    private long framesAtProbe;

    /**
     * @param framesReceived total frames received on the socket so far
     * @return {@link Action#PROBE} when the socket has been silent for an idle period, else NONE
     */
    Action onCheck(long framesReceived) {
        if (framesReceived != framesAtLastCheck) {
            framesAtLastCheck = framesReceived;
            quietChecks = 0;
            probing = false;
            return Action.NONE;
        }
        quietChecks++;
        if (!probing && quietChecks >= CHECKS_PER_IDLE) {
            probing = true;
            framesAtProbe = framesReceived;
            return Action.PROBE;
        }
        return Action.NONE;
    }

    /**
     * @param framesReceived total frames received on the socket so far
     * @return {@link Action#STALE} if nothing arrived since the probe, else NONE
     */
    Action onProbeTimeout(long framesReceived) {
        if (!probing) {
            // A check already saw the answer; the quiet checks counted since then stand.
            return Action.NONE;
        }
        if (framesReceived == framesAtProbe) {
            return Action.STALE;
        }
        probing = false;
        quietChecks = 0;
        framesAtLastCheck = framesReceived;
        return Action.NONE;
    }
}
