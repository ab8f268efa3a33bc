package io.github.twssupervisor.connection;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket stream's inbound stage after framing: frames -> batches of payloads -> decoded {@link InboundBatch}es.
 *
 * <pre>
 * frame, frame, ...  --batchWeighted, header dropped-->  [payloads]  --decode(serverVersion)-->  InboundBatch
 *                     (only while the socket actor has not yet taken the last batch)
 * </pre>
 *
 * Frames are batched only while downstream is busy, so a quiet socket delivers each frame at once and a busy one pays
 * one actor message and one acknowledgement per batch instead of per frame. The stage reads the version frame itself
 * (frames of other shapes before it are ignored, as the official clients do; one of two fields whose first is no
 * number fails the stream) and decodes every later frame with that version, on the
 * stream's own thread: nothing outside the stream needs to tell it the version. A run of identical notices within a batch
 * is coalesced into one event that counts them, so a flood of one notice costs one event per batch.
 */
public final class InboundBatches {

    /**
     * A batch closes at this many bytes (plus its last frame): with {@link #COST_PER_FRAME} this bounds both its bytes
     * and, for tiny frames, its count (about 4,000).
     */
    static final long MAX_BATCH_COST = 256 * 1024;
    /** What a frame costs beyond its bytes: the objects it becomes. */
    static final long COST_PER_FRAME = 64;

    private static final Logger LOG = LoggerFactory.getLogger(InboundBatches.class);
    private static final int DUMPED_BYTES = 256;

    private InboundBatches() {
    }

    /**
     * @param decoder decodes the frames after the version frame
     * @param <D>     the decoder's batch type
     * @return a flow from whole frames, header included ({@link TwsFraming#framedInto}), to decoded batches; a fresh
     *     version state per materialization
     */
    public static <D> Flow<ByteString, InboundBatch<D>, NotUsed> decoded(InboundDecoder<D> decoder) {
        return Flow.<ByteString>create()
                .batchWeighted(MAX_BATCH_COST, frame -> frame.size() + COST_PER_FRAME, InboundBatches::firstOf,
                        InboundBatches::append)
                .statefulMapConcat(() -> new Decoding<>(decoder)::decode);
    }

    /**
     * The same batching for a protocol without TWS's version frame: every frame is decoded as it comes.
     *
     * @param decoder decodes the payloads; gets 0 for the version
     * @param <D>     the decoder's batch type
     * @return a flow from frame payloads (header already dropped) to decoded batches
     */
    public static <D> Flow<ByteString, InboundBatch<D>, NotUsed> ofPayloads(InboundDecoder<D> decoder) {
        return Flow.<ByteString>create()
                .batchWeighted(MAX_BATCH_COST, frame -> frame.size() + COST_PER_FRAME, InboundBatches::firstOf,
                        InboundBatches::append)
                .map(frames -> {
                    List<byte[]> payloads = new ArrayList<>(frames.size());
                    frames.forEach(frame -> payloads.add(frame.toArrayUnsafe()));
                    List<SessionEvent> session = new ArrayList<>(0);
                    Optional<D> forDispatcher = decoder.decode(0, payloads, session);
                    return new InboundBatch<>(payloads.size(), session, forDispatcher);
                });
    }

    // Nothing here may throw: Akka's batch stage fails badly when its seed or aggregate does ("Cannot pull closed
    // port"). A bad frame fails the stream from the decoding stage, in order.
    private static List<ByteString> firstOf(ByteString frame) {
        List<ByteString> batch = new ArrayList<>();
        batch.add(frame);
        return batch;
    }

    private static List<ByteString> append(List<ByteString> batch, ByteString frame) {
        batch.add(frame);
        return batch;
    }

    /** One stream's decoding state: the server version, once its frame has come. Confined to the stream. */
    private static final class Decoding<D> {
        private final InboundDecoder<D> decoder;
        private int serverVersion = -1;

        Decoding(InboundDecoder<D> decoder) {
            this.decoder = decoder;
        }

        List<InboundBatch<D>> decode(List<ByteString> frames) {
            List<byte[]> payloads = new ArrayList<>(frames.size());
            for (ByteString frame : frames) {
                payloads.add(TwsFraming.payloadOf(frame)); // throws for a zero-length frame, failing the stream
            }
            List<SessionEvent> session = new ArrayList<>(0);
            int first = serverVersion < 0 ? afterVersionFrame(payloads, session) : 0;
            Optional<D> forDispatcher = first < payloads.size()
                    ? decoder.decode(serverVersion, payloads.subList(first, payloads.size()), session)
                    : Optional.empty();
            return List.of(new InboundBatch<>(payloads.size(), coalesced(session), forDispatcher));
        }

        /** @return the index of the first frame after the version frame; the size if it has not come yet */
        private int afterVersionFrame(List<byte[]> payloads, List<SessionEvent> session) {
            for (int i = 0; i < payloads.size(); i++) {
                byte[] payload = payloads.get(i);
                if (Handshake.ServerHello.hasVersionFrameShape(payload)) {
                    // throws for a version that is no number, failing the stream: the peer is not TWS
                    Handshake.ServerHello hello = Handshake.ServerHello.decode(payload);
                    serverVersion = hello.serverVersion();
                    session.add(new TwsSessionEvent.ServerVersion(hello.serverVersion(), hello.connectionTime()));
                    return i + 1;
                }
                LOG.debug("Ignoring a frame before the version frame: {}", Frames.printable(payload, DUMPED_BYTES));
            }
            return payloads.size();
        }
    }

    /**
     * @return the events with each run of identical notices (same code and text, one after the other) as one notice
     *     that counts them; the order of different events is kept, since it can matter (1100, 1102, 1100)
     */
    static List<SessionEvent> coalesced(List<SessionEvent> events) {
        if (events.size() < 2) {
            return events;
        }
        List<SessionEvent> kept = new ArrayList<>(events.size());
        for (SessionEvent event : events) {
            int last = kept.size() - 1;
            if (event instanceof TwsSessionEvent.Error notice && last >= 0
                    && kept.get(last) instanceof TwsSessionEvent.Error earlier
                    && earlier.error().code() == notice.error().code()
                    && earlier.error().message().equals(notice.error().message())) {
                kept.set(last, new TwsSessionEvent.Error(earlier.error(), earlier.repeats() + notice.repeats()));
            } else {
                kept.add(event);
            }
        }
        return kept;
    }
}
