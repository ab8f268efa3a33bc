package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.TickType;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * One session's part of a blast: N tickPrice LAST frames for each streaming subscription it had when the blast began,
 * at prices rising one tick per frame from the subscription's last trade. Frames are made on demand, round robin over
 * the subscriptions, only as fast as the session's outbox drains, so a blast of any size never overflows it. A
 * subscription cancelled or dropped mid-blast gets no more.
 *
 * <p>Blast frames are synthetic: they do not move the subscription's market. Owned by the session actor.
 */
final class Blast {

    /**
     * A subscription to blast.
     *
     * @param reqId      its request id
     * @param instrument its instrument
     * @param fromTicks  the price before the first frame, in ticks
     */
    record Target(int reqId, Instrument instrument, long fromTicks) {
    }

    private final ActorRef<BlastCoordinator.Command> replyTo;
    private final Target[] targets;
    private final int perTarget;
    /** Frames made for each target so far. */
    private final int[] made;
    private int cursor;
    private int unfinished;
    private long sent;

    /**
     * @param targets   the streaming subscriptions
     * @param perTarget frames for each
     * @param replyTo   told how many frames were sent once they are all written
     */
    Blast(List<Target> targets, int perTarget, ActorRef<BlastCoordinator.Command> replyTo) {
        this.targets = targets.toArray(new Target[0]);
        this.perTarget = perTarget;
        this.replyTo = replyTo;
        this.made = new int[this.targets.length];
        this.unfinished = perTarget > 0 ? this.targets.length : 0;
    }

    /**
     * Makes up to {@code budget} frames.
     *
     * @param budget      frames the outbox may take now
     * @param stillActive whether a request id is still a streaming subscription
     * @param out         where the frames go
     */
    void emit(int budget, IntPredicate stillActive, Consumer<byte[]> out) {
        int left = budget;
        while (left > 0 && unfinished > 0) {
            int i = cursor;
            cursor = (cursor + 1) % targets.length;
            if (made[i] >= perTarget) {
                continue;
            }
            Target target = targets[i];
            if (!stillActive.test(target.reqId())) {
                made[i] = perTarget;
                unfinished--;
                continue;
            }
            made[i]++;
            out.accept(MarketDataCodec.tickPrice(target.reqId(), TickType.LAST,
                    target.instrument().price(target.fromTicks() + made[i]), target.instrument().size(1), 0));
            sent++;
            left--;
            if (made[i] == perTarget) {
                unfinished--;
            }
        }
    }

    /** @return every frame has been made (or its subscription has gone) */
    boolean exhausted() {
        return unfinished == 0;
    }

    /** @return frames made so far */
    long sent() {
        return sent;
    }

    /** @return who waits for the count */
    ActorRef<BlastCoordinator.Command> replyTo() {
        return replyTo;
    }
}
