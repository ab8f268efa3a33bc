package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Injects random faults of every kind into its {@link SimulatorServer} on a seeded schedule ({@link ChaosSchedule}),
 * printing each as {@code chaos: <fault> <args>}. A fault that leaves a state behind (a connectivity notice, a lowered
 * pace limit) is undone by a later injection, printed too. Timers only.
 */
public final class ChaosMonkey extends AbstractBehavior<ChaosMonkey.Command> {

    /** Messages of the chaos monkey: only its own timers. */
    public sealed interface Command permits Strike, Undo {
    }

    private enum Strike implements Command {
        INSTANCE
    }

    private record Undo(FaultCommand command) implements Command {
    }

    private final TimerScheduler<Command> timers;
    private final ActorRef<SimulatorServer.Command> server;
    private final ChaosSchedule schedule;
    private final Consumer<String> printer;

    private ChaosMonkey(ActorContext<Command> context, TimerScheduler<Command> timers,
                        ActorRef<SimulatorServer.Command> server, ChaosSchedule schedule, Consumer<String> printer) {
        super(context);
        this.timers = timers;
        this.server = server;
        this.schedule = schedule;
        this.printer = printer;
        timers.startSingleTimer(Strike.INSTANCE, schedule.nextDelay());
    }

    /**
     * @param server       the simulator to hurt
     * @param meanInterval the mean time between two faults
     * @param seed         the schedule's seed
     * @param printer      told one line per injection
     * @param paceLimit    the configured pacing limit, restored after a lowered one
     * @return the behaviour
     */
    static Behavior<Command> create(ActorRef<SimulatorServer.Command> server, Duration meanInterval, long seed,
                                    Consumer<String> printer, int paceLimit) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ChaosMonkey(ctx, timers, server,
                new ChaosSchedule(seed, meanInterval, paceLimit), printer)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Strike.class, this::onStrike)
                .onMessage(Undo.class, this::onUndo)
                .build();
    }

    private Behavior<Command> onStrike(Strike m) {
        ChaosSchedule.Strike strike = schedule.next();
        inject(strike.command());
        strike.undo().ifPresent(undo -> timers.startSingleTimer(new Undo(undo), strike.undoAfter()));
        timers.startSingleTimer(Strike.INSTANCE, schedule.nextDelay());
        return this;
    }

    private Behavior<Command> onUndo(Undo m) {
        inject(m.command());
        return this;
    }

    private void inject(FaultCommand command) {
        printer.accept("chaos: " + command.toLine());
        server.tell(new SimulatorServer.Inject(command, getContext().getSystem().ignoreRef()));
    }
}
