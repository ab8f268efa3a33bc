package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.japi.function.Function;
import io.github.twssupervisor.config.SimulatorSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How {@link TwsSimulator} talks to its {@link SimulatorServer}: it spawns the server and waits for the binding, asks
 * with a timeout, and stops the server once however often it is asked to.
 */
final class SimulatorHandle {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final ActorRef<SimulatorServer.Command> server;
    private final InetSocketAddress address;
    private final AtomicReference<CompletionStage<Done>> stopped = new AtomicReference<>();

    private SimulatorHandle(ActorSystem<?> system, ActorRef<SimulatorServer.Command> server,
                            InetSocketAddress address) {
        this.system = system;
        this.server = server;
        this.address = address;
    }

    /**
     * @param system   the actor system to run in
     * @param settings where to listen and how to behave
     * @return completes once the socket is bound, or fails with the reason it could not be
     */
    static CompletionStage<SimulatorHandle> start(ActorSystem<?> system, SimulatorSettings settings) {
        ActorRef<SimulatorServer.Command> server = system.systemActorOf(SimulatorServer.create(settings),
                "tws-simulator-" + INSTANCES.incrementAndGet(), Props.empty());
        CompletionStage<SimulatorPort.BindOutcome> outcome = AskPattern.ask(server, SimulatorServer.AwaitBinding::new,
                ASK_TIMEOUT, system.scheduler());
        return outcome.thenCompose(o -> {
            if (o instanceof SimulatorPort.Bound bound) {
                return CompletableFuture.completedFuture(new SimulatorHandle(system, server, bound.address()));
            }
            return CompletableFuture.failedFuture(
                    new IllegalStateException(((SimulatorPort.NotBound) o).reason()));
        });
    }

    /** @return the bound address */
    InetSocketAddress address() {
        return address;
    }

    /** @return the server's answer to the message {@code ask} makes, within 10 seconds */
    <T> CompletionStage<T> ask(Function<ActorRef<T>, SimulatorServer.Command> ask) {
        return ask(ask, ASK_TIMEOUT);
    }

    /** @return the server's answer to the message {@code ask} makes, within {@code timeout} */
    <T> CompletionStage<T> ask(Function<ActorRef<T>, SimulatorServer.Command> ask, Duration timeout) {
        return AskPattern.ask(server, ask, timeout, system.scheduler());
    }

    /** @param command a message that needs no answer */
    void tell(SimulatorServer.Command command) {
        server.tell(command);
    }

    /** @return completes when the server has stopped; the same stage on every call */
    CompletionStage<Done> stop() {
        CompletableFuture<Done> mine = new CompletableFuture<>();
        if (!stopped.compareAndSet(null, mine)) {
            return stopped.get();
        }
        this.<Done>ask(SimulatorServer.Stop::new).whenComplete((done, failure) -> {
            if (failure == null) {
                mine.complete(done);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }
}
