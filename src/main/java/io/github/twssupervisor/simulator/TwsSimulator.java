package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
    /** A blast runs as long as the clients take to read it; this only bounds a client that never does. */
    private static final Duration BLAST_TIMEOUT = Duration.ofMinutes(10);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final ActorRef<SimulatorServer.Command> server;
    private final InetSocketAddress address;
    private final AtomicReference<CompletionStage<Done>> stopped = new AtomicReference<>();

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
     * Sends a session-level notice (error message with id -1) to every connected client, with TWS's text for the code;
     * after 1300 (socket port reset) each connection is closed, as TWS does. Market data follows TWS's data-farm
     * semantics: after 1100 or 2110 no ticks flow; 1101 drops every market data subscription of the client (it must
     * request again) and ticks flow for new requests; after 1102 ticks resume on the same request ids.
     *
     * @param code a notice code such as 1100, 1101, 1102, 2110, 1300, 2104
     * @return how many clients got it
     */
    public CompletionStage<Integer> notice(int code) {
        return AskPattern.ask(server, replyTo -> new SimulatorServer.Notice(code, NoticeTexts.text(code, address),
                code == TwsErrorCode.SOCKET_PORT_RESET, replyTo), ASK_TIMEOUT, system.scheduler());
    }

    /**
     * Sends a message of any fields to every connected client: for messages the simulator does not model.
     *
     * @param fields the fields, message id first
     * @return how many clients got it
     */
    public CompletionStage<Integer> broadcast(List<String> fields) {
        byte[] frame = FieldWriter.frameOf(fields);
        return AskPattern.ask(server, replyTo -> new SimulatorServer.Broadcast(frame, replyTo), ASK_TIMEOUT,
                system.scheduler());
    }

    /**
     * Streams {@code ticksPerSubscription} tickPrice LAST frames, at prices rising one tick per frame, for every
     * streaming market data subscription of every client, as fast as each socket takes them (back-pressured, never
     * overflowing a session's outbound buffer). Regular ticks pause meanwhile. For benchmarks of a client's inbound
     * path.
     *
     * @param ticksPerSubscription frames for each subscription, 0 or more
     * @return completes with the number of frames written, once they all are (a client that disconnects part-way
     *     counts with what it got); fails after 10 minutes if a client stops reading
     */
    public CompletionStage<Long> blast(int ticksPerSubscription) {
        if (ticksPerSubscription < 0) {
            throw new IllegalArgumentException("ticksPerSubscription must be >= 0, was " + ticksPerSubscription);
        }
        return AskPattern.ask(server, replyTo -> new SimulatorServer.Blast(ticksPerSubscription, replyTo),
                BLAST_TIMEOUT, system.scheduler());
    }

    /**
     * Drops every client connection abruptly, keeping the port open: what a TWS crash or a network cut looks like.
     *
     * @return how many connections were dropped
     */
    public CompletionStage<Integer> drop() {
        return AskPattern.ask(server, SimulatorServer.DropClients::new, ASK_TIMEOUT, system.scheduler());
    }

    /**
     * Unbinds the port and closes every client connection.
     *
     * @return completes when the port is free and all connections are closed; the same stage on every call
     */
    public CompletionStage<Done> stop() {
        CompletableFuture<Done> mine = new CompletableFuture<>();
        if (!stopped.compareAndSet(null, mine)) {
            return stopped.get();
        }
        AskPattern.<SimulatorServer.Command, Done>ask(server, SimulatorServer.Stop::new, ASK_TIMEOUT,
                system.scheduler()).whenComplete((done, failure) -> {
                    if (failure == null) {
                        mine.complete(done);
                    } else {
                        mine.completeExceptionally(failure);
                    }
                });
        return mine;
    }
}
