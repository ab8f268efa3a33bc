package io.github.twssupervisor.simulator;

import akka.Done;
import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.FieldWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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

    /** A blast runs as long as the clients take to read it; this only bounds a client that never does. */
    private static final Duration BLAST_TIMEOUT = Duration.ofMinutes(10);

    private final SimulatorHandle handle;

    private TwsSimulator(SimulatorHandle handle) {
        this.handle = handle;
    }

    /**
     * Binds a simulator inside the given actor system.
     *
     * @param system   the actor system to run in
     * @param settings where to listen and how to behave
     * @return completes once the socket is bound, or fails with the reason it could not be
     */
    public static CompletionStage<TwsSimulator> start(ActorSystem<?> system, SimulatorSettings settings) {
        return SimulatorHandle.start(system, settings).thenApply(TwsSimulator::new);
    }

    /** @return the bound address (the real port when 0 was asked for) */
    public InetSocketAddress address() {
        return handle.address();
    }

    /** @return a snapshot of the counters */
    public CompletionStage<SimulatorStats> stats() {
        return handle.ask(SimulatorServer.GetStats::new);
    }

    /** @return the connected API clients, ordered by client id */
    public CompletionStage<List<ClientInfo>> clients() {
        return handle.ask(SimulatorServer.GetClients::new);
    }

    /**
     * The order book of the run: every order of every client, with its permId, status, filled quantity and execIds,
     * and the counters (orders placed, placeOrder frames reusing an id already placed, executions).
     *
     * @return a snapshot
     */
    public CompletionStage<OrderBookSnapshot> orderBook() {
        return handle.ask(SimulatorServer.GetOrderBook::new);
    }

    /**
     * Arms connected clients: each is dropped (abruptly) right after the simulator reads its next placeOrder, before
     * anything is answered. Accepted: the order is in the book, works and may fill while the client is away (it sees
     * that only by asking: reqOpenOrders, reqExecutions). Lost: the order is discarded as if never received. Disarmed
     * when the connection ends otherwise.
     *
     * @param lost   discard the order rather than accept it
     * @param target all connected clients, or one client id
     * @return how many clients were armed
     */
    public CompletionStage<Integer> dropAfterOrder(boolean lost, Target target) {
        return inject(new Fault.DropAfterOrder(lost), target);
    }

    /**
     * Announces, at the next handshake (of the target's client id, or of any client), a nextValidId {@code by} lower
     * than the order book's (never below 1), as TWS may after a restart: the client must not reuse ids it used.
     *
     * @param by     how much lower, at least 1
     * @param target any client, or one client id
     * @return 0, once armed
     */
    public CompletionStage<Integer> nextIdBack(int by, Target target) {
        return inject(new Fault.NextIdBack(by), target);
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
        return notice(code, Target.all());
    }

    /**
     * {@link #notice(int)} for some clients.
     *
     * @param code   the notice code
     * @param target all clients, or one client id
     * @return how many clients got it
     */
    public CompletionStage<Integer> notice(int code, Target target) {
        return inject(new Fault.Notice(code), target);
    }

    /**
     * Injects any fault: the methods below are shorthands for this.
     *
     * @param fault  the fault
     * @param target all connections, or one client's ({@code delay-handshake} and {@code refuse}: all only)
     * @return how many connections it was applied to (0 for {@code delay-handshake}, {@code reject-client-id} and
     *     {@code next-id-back}, which act on handshakes to come); {@code refuse} completes once the port is closed
     */
    public CompletionStage<Integer> inject(Fault fault, Target target) {
        FaultCommand command = new FaultCommand(fault, target);
        return handle.ask(replyTo -> new SimulatorServer.Inject(command, replyTo));
    }

    /**
     * Stops reading and writing on the connection for a while, keeping the socket open: a half-open connection that
     * only the client's heartbeat can detect. Inbound frames wait in the socket (back-pressure), nothing is queued out.
     *
     * @param duration how long
     * @param target   all clients, or one client id
     * @return how many clients it applied to
     */
    public CompletionStage<Integer> stall(Duration duration, Target target) {
        return inject(new Fault.Stall(duration), target);
    }

    /**
     * Keeps reading requests but answers nothing and sends no ticks for a while: TWS hung.
     *
     * @param duration how long
     * @param target   all clients, or one client id
     * @return how many clients it applied to
     */
    public CompletionStage<Integer> mute(Duration duration, Target target) {
        return inject(new Fault.Mute(duration), target);
    }

    /**
     * Writes a zero-length frame followed by junk: the client must see a protocol violation.
     *
     * @param target all clients, or one client id
     * @return how many clients got it
     */
    public CompletionStage<Integer> garbage(Target target) {
        return inject(new Fault.Garbage(), target);
    }

    /**
     * Announces a frame of 2 GiB (length 0x80000000): the client must see a protocol violation, not allocate.
     *
     * @param target all clients, or one client id
     * @return how many clients got it
     */
    public CompletionStage<Integer> bomb(Target target) {
        return inject(new Fault.Bomb(), target);
    }

    /**
     * Sends a well-formed frame whose message id no client knows: the connection must stay.
     *
     * @param target all clients, or one client id
     * @return how many clients got it
     */
    public CompletionStage<Integer> unknownMessage(Target target) {
        return inject(new Fault.UnknownMessage(), target);
    }

    /**
     * Sends a tickPrice whose price is "abc": a decode failure for the client, and the connection must stay.
     *
     * @param target all clients, or one client id
     * @return how many clients got it
     */
    public CompletionStage<Integer> badField(Target target) {
        return inject(new Fault.BadField(), target);
    }

    /**
     * Writes one kind of message as fast as each client's socket takes it, for a while, beside the session's own frames
     * (answers, ticks, notices). Nothing of it queues in the simulator, and it ends by itself.
     *
     * @param kind     what to write
     * @param duration how long
     * @param target   all clients, or one client id
     * @return how many clients it was started for
     */
    public CompletionStage<Integer> flood(FloodKind kind, Duration duration, Target target) {
        return inject(new Fault.Flood(kind, duration), target);
    }

    /**
     * Answers the version frames of connections accepted from now on only once the duration has passed (the "accept
     * incoming connection?" dialog).
     *
     * @param duration how long
     * @return 0, once armed
     */
    public CompletionStage<Integer> delayHandshake(Duration duration) {
        return inject(new Fault.DelayHandshake(duration), Target.all());
    }

    /**
     * Unbinds the port for a while and closes every connection (TWS restarting), then binds the same port again.
     *
     * @param duration how long the port stays closed
     * @return how many connections were closed, once the port is closed
     */
    public CompletionStage<Integer> refuse(Duration duration) {
        return inject(new Fault.Refuse(duration), Target.all());
    }

    /**
     * Answers the next startApi (of the target's client id, or of any client) with 326 and closes the connection.
     *
     * @param target any client, or one client id
     * @return 0, once armed
     */
    public CompletionStage<Integer> rejectClientId(Target target) {
        return inject(new Fault.RejectClientId(), target);
    }

    /**
     * Changes the pacing limit at runtime; for all clients it also applies to clients that connect later.
     *
     * @param perSecond messages allowed in any one-second window, at least 1
     * @param target    all clients, or one client id
     * @return how many connected clients it applied to
     */
    public CompletionStage<Integer> paceLimit(int perSecond, Target target) {
        return inject(new Fault.PaceLimit(perSecond), target);
    }

    /**
     * Starts injecting random faults of every kind on a seeded schedule (see {@link ChaosMonkey}) until the simulator
     * stops.
     *
     * @param meanInterval the mean time between two faults, at most {@link Fault#MAX_DURATION}
     * @param seed         the schedule's seed
     * @param printer      told {@code chaos: <fault> <args>} for each injection, on an actor's thread
     * @throws IllegalArgumentException if the interval is not positive or too long
     */
    public void startChaos(Duration meanInterval, long seed, Consumer<String> printer) {
        Fault.requireBounded("the chaos interval", meanInterval);
        handle.tell(new SimulatorServer.StartChaos(meanInterval, seed, printer));
    }

    /**
     * Sends a message of any fields to every connected client: for messages the simulator does not model.
     *
     * @param fields the fields, message id first
     * @return how many clients got it
     */
    public CompletionStage<Integer> broadcast(List<String> fields) {
        byte[] frame = FieldWriter.frameOf(fields);
        return handle.ask(replyTo -> new SimulatorServer.Broadcast(frame, replyTo));
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
        return handle.ask(replyTo -> new SimulatorServer.Blast(ticksPerSubscription, replyTo), BLAST_TIMEOUT);
    }

    /**
     * Drops every client connection abruptly, keeping the port open: what a TWS crash or a network cut looks like.
     *
     * @return how many connections were dropped
     */
    public CompletionStage<Integer> drop() {
        return drop(Target.all());
    }

    /**
     * Drops connections abruptly (aborted: a reset where the OS allows).
     *
     * @param target every connection, handshaking ones too, or one client's
     * @return how many connections were dropped
     */
    public CompletionStage<Integer> drop(Target target) {
        return inject(new Fault.Drop(), target);
    }

    /**
     * Unbinds the port and closes every client connection.
     *
     * @return completes when the port is free and all connections are closed; the same stage on every call
     */
    public CompletionStage<Done> stop() {
        return handle.stop();
    }
}
