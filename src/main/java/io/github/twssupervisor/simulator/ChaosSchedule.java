package io.github.twssupervisor.simulator;

import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The seeded random choices of the {@link ChaosMonkey}: which fault next, with which bounded duration, when, and what
 * undoes it. The same seed gives the same sequence, so a run can be reproduced.
 *
 * <pre>
 * next fault after  mean x [0.5, 1.5)
 * stall, mute, delay-handshake  0.5..3 s        refuse  0.5..2 s
 * notice 1100 / 2110 -> notice 1102 after 0.5..3 s;  pace-limit 5..20 -> the configured limit after 0.5..3 s
 * drop-after-order accepted or lost (even odds);  next-id-back 1..5
 * </pre>
 */
final class ChaosSchedule {

    /**
     * One injection.
     *
     * @param command    what to inject
     * @param undo       what to inject later to end it, if anything
     * @param undoAfter  when
     */
    record Strike(FaultCommand command, Optional<FaultCommand> undo, Duration undoAfter) {
    }

    private static final List<Integer> NOTICES = List.of(TwsErrorCode.CONNECTIVITY_LOST,
            TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT,
            TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN, TwsErrorCode.SOCKET_PORT_RESET);
    private static final int KINDS = 14;
    private static final int MAX_ID_BACK = 5;
    private static final int MIN_PACE = 5;
    private static final int MAX_PACE = 20;

    private final Random random;
    private final Duration mean;
    private final int paceLimit;

    /**
     * @param seed      the seed
     * @param mean      the mean time between two faults
     * @param paceLimit the configured pacing limit, which a lowered one returns to
     */
    ChaosSchedule(long seed, Duration mean, int paceLimit) {
        this.random = new Random(seed);
        this.mean = mean;
        this.paceLimit = paceLimit;
    }

    /** @return the time until the next fault */
    Duration nextDelay() {
        return Duration.ofMillis(Math.max(1, (long) (mean.toMillis() * (0.5 + random.nextDouble()))));
    }

    /** @return the next fault, on all connections */
    Strike next() {
        switch (random.nextInt(KINDS)) {
            case 0: return once(new Fault.Drop());
            case 1: return once(new Fault.Stall(millis(500, 3000)));
            case 2: return once(new Fault.Mute(millis(500, 3000)));
            case 3: return once(new Fault.Garbage());
            case 4: return once(new Fault.Bomb());
            case 5: return once(new Fault.UnknownMessage());
            case 6: return once(new Fault.BadField());
            case 7: return once(new Fault.DelayHandshake(millis(500, 3000)));
            case 8: return once(new Fault.Refuse(millis(500, 2000)));
            case 9: return once(new Fault.RejectClientId());
            case 10: return notice(NOTICES.get(random.nextInt(NOTICES.size())));
            case 12: return once(new Fault.DropAfterOrder(random.nextBoolean()));
            case 13: return once(new Fault.NextIdBack(1 + random.nextInt(MAX_ID_BACK)));
            default:
                return new Strike(all(new Fault.PaceLimit(MIN_PACE + random.nextInt(MAX_PACE - MIN_PACE + 1))),
                        Optional.of(all(new Fault.PaceLimit(paceLimit))), millis(500, 3000));
        }
    }

    private Strike notice(int code) {
        boolean degrades = code == TwsErrorCode.CONNECTIVITY_LOST || code == TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN;
        return degrades ? new Strike(all(new Fault.Notice(code)),
                Optional.of(all(new Fault.Notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT))), millis(500, 3000))
                : once(new Fault.Notice(code));
    }

    private static Strike once(Fault fault) {
        return new Strike(all(fault), Optional.empty(), Duration.ZERO);
    }

    private static FaultCommand all(Fault fault) {
        return new FaultCommand(fault, Target.all());
    }

    private Duration millis(int min, int max) {
        return Duration.ofMillis(min + random.nextInt(max - min + 1));
    }
}
