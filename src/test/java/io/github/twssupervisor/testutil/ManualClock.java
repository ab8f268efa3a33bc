package io.github.twssupervisor.testutil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test says so: for actors that read a {@link Clock} and set timers, advanced together
 * with Akka's {@code ManualTime} ({@code clock.advance(d); manualTime.timePasses(d)}), so the time the actor reads and
 * the timers it set agree.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the time it shows first */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param d how far to move it forward */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
