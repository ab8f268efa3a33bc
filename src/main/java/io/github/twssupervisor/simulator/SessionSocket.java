package io.github.twssupervisor.simulator;

import akka.NotUsed;
import akka.japi.Pair;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.stream.CompletionStrategy;
import akka.stream.Materializer;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.MergeHub;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.stream.typed.javadsl.ActorSource;
import akka.util.ByteString;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.WireFormatException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket end of one simulator session: the accepted connection, materialized once, with its two back-pressured
 * directions and the {@link Outbox} in front of the outbound one. It counts the frames both ways and dumps them at
 * DEBUG ({@code <<<} in, {@code >>>} out).
 *
 * <pre>
 * socket -> TwsFraming.serverInbound (max-frame-size; reads admitted by the simulator's InboundBudget)
 *        -> frames (the session's ActorSink: one frame per acknowledgement)
 * session -> Outbox (batches) -> ActorSource (the session is told when a batch was taken) -+-> socket
 *                                Finish: the source completes once what it holds is written   |
 * floods  -> Source.repeat(chunk).takeWithin(D) -> MergeHub ----------------------------------+
 *            (pulled only as TCP takes bytes; the merge ends with the session's own source)
 * </pre>
 *
 * Owned by the session actor; not thread-safe.
 */
final class SessionSocket {

    /** What the session writes to its socket. */
    private sealed interface Outbound permits Send, Finish {
    }

    private record Send(ByteString bytes) implements Outbound {
    }

    private enum Finish implements Outbound {
        INSTANCE
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionSocket.class);
    /** How much of a frame a log line shows. */
    private static final int LOGGED_BYTES = 200;

    /** The hub's buffer for each flood: two chunks. */
    private static final int FLOOD_BUFFER = 2;

    private final ActorRef<Outbound> outbound;
    private final Sink<ByteString, NotUsed> floods;
    private final Materializer materializer;
    private final Outbox outbox;
    private final String remote;
    private final SimulatorMetrics metrics;
    private boolean finishSent;

    private SessionSocket(ActorRef<Outbound> outbound, Sink<ByteString, NotUsed> floods, Materializer materializer,
                          int capacity, String remote, SimulatorMetrics metrics) {
        this.outbound = outbound;
        this.floods = floods;
        this.materializer = materializer;
        this.outbox = new Outbox(capacity, bytes -> outbound.tell(new Send(bytes)));
        this.remote = remote;
        this.metrics = metrics;
    }

    /**
     * Materializes the connection with a materializer bound to the session: when the session stops, its socket is
     * gone too.
     *
     * @param <M>           the session's message type
     * @param context       the session's context, from its setup
     * @param connection    the accepted connection, not yet materialized
     * @param frames        where frame payloads go, back-pressured by the session
     * @param outboundReady what the session is told each time the socket took a batch
     * @param settings      the outbound buffer (frames that may wait in the outbox before the client counts as not
     *                      reading) and the largest frame the client may send
     * @param budget        the simulator's bytes of unfinished frames, which this connection's reads count against
     * @param metrics       the shared counters
     * @return the socket, open
     */
    static <M> SessionSocket open(ActorContext<M> context, Tcp.IncomingConnection connection,
                                  Sink<ByteString, NotUsed> frames, M outboundReady, SimulatorSettings settings,
                                  InboundBudget budget, SimulatorMetrics metrics) {
        InboundBudget.Share share = budget.share();
        Sink<ByteString, NotUsed> inbound = TwsFraming.serverInbound(settings.limits().maxFrameSize(),
                        Flow.<ByteString>create().map(share::admit))
                .map(share::framed)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, failure) -> share.release());
                    return notUsed;
                })
                .to(frames);
        Source<Outbound, ActorRef<Outbound>> source = ActorSource.<Outbound, M>actorRefWithBackpressure(
                context.getSelf(), outboundReady,
                out -> out == Finish.INSTANCE ? Optional.of(CompletionStrategy.draining()) : Optional.empty(),
                out -> Optional.empty());
        Materializer materializer = Materializer.createMaterializer(context);
        Pair<Sink<ByteString, NotUsed>, Source<ByteString, NotUsed>> floods = MergeHub.of(ByteString.class,
                FLOOD_BUFFER).preMaterialize(materializer);
        // Not coupled: a coupled flow cancels the read side when the write side completes, and Akka answers that with
        // an abort (RST) that can overtake the last frames, such as error 326 before the close. The merge completes
        // with the session's source (eagerly: the hub never completes).
        Flow<ByteString, ByteString, ActorRef<Outbound>> flow = Flow.fromSinkAndSourceMat(
                inbound, source.map(out -> ((Send) out).bytes()).merge(floods.second(), true), Keep.right());
        return new SessionSocket(connection.handleWith(flow, materializer), floods.first(), materializer,
                settings.outboundBuffer(),
                connection.remoteAddress().getHostString() + ":" + connection.remoteAddress().getPort(), metrics);
    }

    /**
     * @param payload a frame's payload
     * @return the start of it, printable, for a log line
     */
    static String printable(byte[] payload) {
        return Frames.printable(payload, LOGGED_BYTES);
    }

    /** @return the client's host:port */
    String remote() {
        return remote;
    }

    /**
     * Logs why the inbound stream failed: a protocol violation (a frame over max-frame-size among them) or a full
     * {@link InboundBudget} at WARN, as the simulator closes the connection; anything else (a reset is how many
     * clients close, ours included) at INFO.
     *
     * @param cause the stream's failure
     */
    void logFailure(Throwable cause) {
        if (cause instanceof WireFormatException) {
            LOG.warn("Closing connection from {}: protocol violation: {}", remote, cause.getMessage());
        } else if (cause instanceof InboundBudget.Exceeded) {
            LOG.warn("Closing connection from {}: {}", remote, cause.getMessage());
        } else {
            LOG.info("Connection from {} ended by the client: {}", remote, cause.getMessage());
        }
    }

    /** @return the frames on their way to the socket */
    Outbox outbox() {
        return outbox;
    }

    /**
     * Counts a frame from the client and dumps it.
     *
     * @param payload the frame's payload
     * @return a copy as bytes
     */
    byte[] received(ByteString payload) {
        byte[] bytes = countedIn(payload);
        if (LOG.isDebugEnabled()) {
            LOG.debug("<<< {} {}", remote, printable(bytes));
        }
        return bytes;
    }

    /**
     * Counts the version frame, which is not dumped: the handshake logs what it offers.
     *
     * @param payload the frame's payload
     * @return a copy as bytes
     */
    byte[] countedIn(ByteString payload) {
        metrics.messagesIn.increment();
        return payload.toArray();
    }

    /**
     * Counts a frame, dumps it, and queues it in the outbox.
     *
     * @param frame a complete frame
     */
    void send(byte[] frame) {
        metrics.messagesOut.increment();
        if (LOG.isDebugEnabled()) {
            LOG.debug(">>> {} {}", remote, printable(Arrays.copyOfRange(frame, 4, frame.length)));
        }
        outbox.offer(frame);
    }

    /**
     * Writes the chunk again and again, beside the session's frames, as fast as the socket takes it, for a while. The
     * stream holds at most the hub's buffer; it ends by itself, or with the session.
     *
     * @param chunk         whole frames
     * @param framesInChunk how many
     * @param duration      how long
     * @return completes with the frames handed to the socket's stream, once the flood is over
     */
    CompletionStage<Long> flood(byte[] chunk, int framesInChunk, Duration duration) {
        ByteString bytes = ByteString.fromArrayUnsafe(chunk);
        LongAdder written = new LongAdder();
        return Source.repeat(bytes).takeWithin(duration)
                .map(b -> {
                    written.add(framesInChunk);
                    metrics.messagesOut.add(framesInChunk);
                    return b;
                })
                .watchTermination(Keep.right())
                .to(floods)
                .run(materializer)
                .handle((done, failure) -> written.sum());
    }

    /** Completes the outbound side once nothing waits in the outbox; the source writes what it holds, then closes. */
    void finishWhenDrained() {
        if (!finishSent && outbox.pending() == 0) {
            finishSent = true;
            outbound.tell(Finish.INSTANCE);
        }
    }
}
