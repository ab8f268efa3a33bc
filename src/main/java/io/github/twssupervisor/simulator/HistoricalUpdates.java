package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The historicalDataUpdate stream of one keepUpToDate request, a child of the {@link SimulatorSession}: on its own
 * timer it walks the forming bar one step further and hands the frame to the session ({@link SimulatorSession.SendFrame}),
 * until the session stops it (cancelHistoricalData) or itself stops. It rebuilds the request's {@link HistoricalBars}
 * from the same inputs the session answered with, so the updates go on from the bars the client got.
 */
final class HistoricalUpdates extends AbstractBehavior<HistoricalUpdates.Command> {

    /** Messages of the stream. */
    interface Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    private final int reqId;
    private final HistoricalBars bars;
    private final Clock clock;
    private final ActorRef<SimulatorSession.Command> session;

    private HistoricalUpdates(ActorContext<Command> context, int reqId, HistoricalBars bars, Clock clock,
                              ActorRef<SimulatorSession.Command> session) {
        super(context);
        this.reqId = reqId;
        this.bars = bars;
        this.clock = clock;
        this.session = session;
        bars.initial(); // to where the session's answer ended
    }

    /**
     * @param reqId      the request id
     * @param instrument the instrument
     * @param seed       the simulator's seed
     * @param request    the request, with keepUpToDate
     * @param now        the time the session answered at (the request's end when it names none)
     * @param clock      the simulator's clock
     * @param interval   the time between updates
     * @param session    where the frames go
     * @return the behaviour
     */
    static Behavior<Command> create(int reqId, Instrument instrument, long seed, HistoricalRequest request, Instant now,
                                    Clock clock, Duration interval, ActorRef<SimulatorSession.Command> session) {
        HistoricalBars bars = new HistoricalBars(instrument, seed, request, now);
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            return new HistoricalUpdates(ctx, reqId, bars, clock, session);
        }));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessageEquals(Tick.INSTANCE, this::onTick).build();
    }

    private Behavior<Command> onTick() {
        session.tell(new SimulatorSession.SendFrame(HistoricalDataCodec.historicalDataUpdate(reqId,
                bars.update(clock.instant()))));
        return this;
    }
}
