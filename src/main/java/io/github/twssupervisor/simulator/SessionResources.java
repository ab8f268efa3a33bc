package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.config.SimulatorSettings;

/**
 * What the {@link SimulatorServer} hands each {@link SimulatorSession} it spawns: itself, the settings new sessions
 * get, and what every session shares.
 *
 * @param server   the simulator's server actor, which owns client-id registration
 * @param settings the simulator's settings as they are for new sessions (a {@code pace-limit} for all changes them)
 * @param metrics  the shared counters
 * @param accounts the simulator's account desk, which answers the account requests
 * @param budget   the bytes of unfinished frames the simulator holds, over every connection
 */
record SessionResources(ActorRef<SimulatorServer.Command> server, SimulatorSettings settings, SimulatorMetrics metrics,
                        ActorRef<AccountDesk.Command> accounts, InboundBudget budget) {
}
