package io.github.twssupervisor.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.connection.ConnectionEvent;

/**
 * Keeps a {@link TwsClientPool}'s {@link PoolHealth}: told every connection event of every purpose (through each
 * client's event stream), asked for the health. The health is the behaviour's parameter.
 */
final class PoolMonitor {

    /** What the monitor is told and asked. */
    sealed interface Command permits Observed, GetHealth {
    }

    /**
     * @param purpose the purpose whose connection published the event
     * @param event   the event
     */
    record Observed(String purpose, ConnectionEvent event) implements Command {
    }

    /** @param replyTo receives the health now */
    record GetHealth(ActorRef<PoolHealth> replyTo) implements Command {
    }

    private PoolMonitor() {
    }

    /**
     * @param initial every purpose as the pool starts
     * @return the monitor's behaviour
     */
    static Behavior<Command> create(PoolHealth initial) {
        return Behaviors.setup(context -> watching(initial));
    }

    private static Behavior<Command> watching(PoolHealth health) {
        return Behaviors.receive(Command.class)
                .onMessage(Observed.class, m -> watching(health.after(m.purpose(), m.event())))
                .onMessage(GetHealth.class, m -> onGetHealth(health, m))
                .build();
    }

    private static Behavior<Command> onGetHealth(PoolHealth health, GetHealth m) {
        m.replyTo().tell(health);
        return Behaviors.same();
    }
}
