package io.github.twssupervisor.json;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Framing;
import akka.util.ByteString;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Cuts a TCP byte stream of the JSON profile into frame payloads.
 *
 * <pre>
 * | len (4 bytes, big-endian, unsigned) | payload (len bytes of UTF-8 JSON) | len | payload | ...
 *   \_ checked against the maximum here, then Framing.lengthField(4, 0, max + 4, BIG_ENDIAN); the header is dropped
 * </pre>
 *
 * The headers are checked by a stage of our own before Akka's, so that an oversized length fails the stream with a
 * {@link JsonFramingException} that says what was announced, instead of Akka's Scala-typed framing error. A zero
 * length is a payload of 0 bytes, left to the decoder to refuse as not JSON (the connection survives it). The javadsl
 * {@code Framing.lengthField} defaults to little-endian and keeps the header in the frame: both are overridden here.
 */
public final class JsonFraming {

    private JsonFraming() {
    }

    /**
     * @param maxFrameBytes the largest payload a frame may announce, at least 1
     * @return a flow from the connection's bytes to frame payloads (header removed); a length above the maximum fails
     *     it with a {@link JsonFramingException}, after the frames before it
     */
    public static Flow<ByteString, ByteString, NotUsed> payloads(int maxFrameBytes) {
        if (maxFrameBytes < 1 || maxFrameBytes > Integer.MAX_VALUE - JsonCodec.LENGTH_PREFIX_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be 1.."
                    + (Integer.MAX_VALUE - JsonCodec.LENGTH_PREFIX_BYTES) + ", was " + maxFrameBytes);
        }
        return Flow.<ByteString, ByteString, NotUsed>fromMaterializer((materializer, attributes) -> {
                    HeaderCheck check = new HeaderCheck(maxFrameBytes);
                    return Flow.<ByteString>create().statefulMapConcat(() -> check::check).map(check::passOrFail);
                })
                .mapMaterializedValue(done -> NotUsed.getInstance())
                .via(Framing.lengthField(JsonCodec.LENGTH_PREFIX_BYTES, 0,
                        maxFrameBytes + JsonCodec.LENGTH_PREFIX_BYTES, ByteOrder.BIG_ENDIAN))
                .map(frame -> frame.drop(JsonCodec.LENGTH_PREFIX_BYTES));
    }

    /**
     * Walks the frame boundaries of each chunk without copying it: reads every header (which may be split across
     * chunks) and skips the payload it announces. One per materialization.
     * <p>
     * An oversized header does not fail the stream at once: the whole frames before it are passed on, then a marker,
     * and the stage after this one fails when the marker is pulled, which Akka's framing stage does only once it has
     * emitted every frame it holds. So the messages a client sent before its bad header are still answered.
     */
    private static final class HeaderCheck {

        /** Compared by identity: an empty chunk the peer sent could never be this instance. */
        private static final ByteString FAILURE_MARKER = ByteString.fromArray(new byte[0]);

        private final int max;
        private JsonFramingException failure;
        /** Bytes of the current header read so far, 0..3; 4 means inside a payload. */
        private int headerBytes;
        private long length;
        /** Payload bytes still to skip before the next header. */
        private long skip;

        HeaderCheck(int max) {
            this.max = max;
        }

        Iterable<ByteString> check(ByteString chunk) {
            int at = 0;
            int headerStart = 0;
            int size = chunk.size();
            while (at < size) {
                if (skip > 0) {
                    long step = Math.min(skip, size - at);
                    skip -= step;
                    at += (int) step;
                    continue;
                }
                if (headerBytes == 0) {
                    headerStart = at;
                }
                length = (length << 8) | (chunk.apply(at) & 0xFF);
                at++;
                headerBytes++;
                if (headerBytes == JsonCodec.LENGTH_PREFIX_BYTES) {
                    if (length > max) {
                        failure = new JsonFramingException("frame of " + length
                                + " bytes announced, over the maximum of " + max);
                        // a header split across chunks started in an earlier one; those bytes are harmless to pass
                        return headerStart == 0 ? List.of(FAILURE_MARKER)
                                : List.of(chunk.take(headerStart), FAILURE_MARKER);
                    }
                    skip = length;
                    headerBytes = 0;
                    length = 0;
                }
            }
            return List.of(chunk);
        }

        ByteString passOrFail(ByteString chunk) {
            if (chunk == FAILURE_MARKER) {
                throw failure;
            }
            return chunk;
        }
    }
}
