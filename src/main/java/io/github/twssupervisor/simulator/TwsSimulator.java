package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import io.github.twssupervisor.config.SimulatorSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TWS stand-in server, the Java API of the simulator: start it, read its address and counters, stop it.
 *
 * <pre>{@code
 * TwsSimulator sim = TwsSimulator.start(system, settings.simulator().withAddress("127.0.0.1", 0))
 *         .toCompletableFuture().join();
 * InetSocketAddress address = sim.address();
 * ...
 * sim.stop();
 * }</pre>
 */
public final class TwsSimulator {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final ActorRef<SimulatorServer.Command> server;
    private final InetSocketAddress address;

    private TwsSimulator(ActorSystem<?> system, ActorRef<SimulatorServer.Command> server, InetSocketAddress address) {
        this.system = system;
        this.server = server;
        this.address = address;
    }

    /**
     * Binds a simulator inside the given actor system.
     *
     * @param system   the actor system to run in
     * @param settings where to listen and how to behave
     * @return completes once the socket is bound, or fails with the reason it could not be
     */
    public static CompletionStage<TwsSimulator> start(ActorSystem<?> system, SimulatorSettings settings) {
        ActorRef<SimulatorServer.Command> server = system.systemActorOf(SimulatorServer.create(settings),
                "tws-simulator-" + INSTANCES.incrementAndGet(), Props.empty());
        CompletionStage<SimulatorServer.BindOutcome> outcome = AskPattern.ask(server, SimulatorServer.AwaitBinding::new,
                ASK_TIMEOUT, system.scheduler());
        return outcome.thenCompose(o -> {
            if (o instanceof SimulatorServer.Bound bound) {
                return CompletableFuture.completedFuture(new TwsSimulator(system, server, bound.address()));
            }
            return CompletableFuture.failedFuture(
                    new IllegalStateException(((SimulatorServer.NotBound) o).reason()));
        });
    }

    /** @return the bound address (the real port when 0 was asked for) */
    public InetSocketAddress address() {
        return address;
    }

    /** @return a snapshot of the counters */
    public CompletionStage<SimulatorStats> stats() {
        return AskPattern.ask(server, SimulatorServer.GetStats::new, ASK_TIMEOUT, system.scheduler());
    }

    /** @return the connected API clients, ordered by client id */
    public CompletionStage<List<ClientInfo>> clients() {
        return AskPattern.ask(server, SimulatorServer.GetClients::new, ASK_TIMEOUT, system.scheduler());
    }

    /**
     * Unbinds the port and closes every client connection.
     *
     * @return completes when the port is free and all connections are closed
     */
    public CompletionStage<Done> stop() {
        return AskPattern.ask(server, SimulatorServer.Stop::new, ASK_TIMEOUT, system.scheduler());
    }
}
