package io.github.twssupervisor.framing;

import akka.NotUsed;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Framing;
import akka.util.ByteString;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Akka Streams stages that cut a TCP byte stream into TWS frames, shared by the client's socket and the simulator's
 * sessions (the pure byte rules live in {@code wire/}, which knows no Akka).
 *
 * <pre>
 * 41 50 49 00 | len | payload | len | payload | ...
 * \_ checked and removed here   \_ Framing.lengthField(4, 0, 0xFFFFFF + 4, BIG_ENDIAN), then the 4 header bytes dropped
 * </pre>
 *
 * A preamble that is not {@code API\0}, a zero-length frame or a length above 0xFFFFFF fails the stream, which closes
 * the connection. The javadsl {@code Framing.lengthField} defaults to little-endian and keeps the header in the frame:
 * both are overridden here.
 */
public final class TwsFraming {

    /** How Akka's framing stage words its refusal of the size {@link #frameSize} gives a zero length. */
    private static final String ZERO_LENGTH_REFUSAL = "Computed frame size 0 ";

    private TwsFraming() {
    }

    /** @return a flow from a server-side connection's raw bytes (preamble first) to frame payloads */
    public static Flow<ByteString, ByteString, NotUsed> serverInbound() {
        return serverInbound(WireLimits.MAX_FRAME_PAYLOAD, Flow.create());
    }

    /**
     * A server's inbound side with limits of its own: the framing stage holds at most one frame of {@code maxPayload}
     * (plus the read that completes it), and every read passes {@code admission} before it is held.
     *
     * <pre>
     * 41 50 49 00 | len | payload ...
     * \_ preamble   \_ admission (may fail the stream) -> framing: a len above maxPayload fails at the header
     * </pre>
     *
     * @param maxPayload largest payload a frame may announce, 1..0xFFFFFF
     * @param admission  sees each read after the preamble, before the framing stage holds it (a budget of held bytes)
     * @return a flow from the raw bytes to frame payloads
     */
    public static Flow<ByteString, ByteString, NotUsed> serverInbound(int maxPayload,
                                                                      Flow<ByteString, ByteString, NotUsed> admission) {
        if (maxPayload < 1 || maxPayload > WireLimits.MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be 1.." + WireLimits.MAX_FRAME_PAYLOAD + ", was "
                    + maxPayload);
        }
        return Flow.<ByteString>create()
                .statefulMapConcat(TwsFraming::preambleCheck)
                .via(admission)
                .via(framedInto(Flow.<ByteString>create().map(frame -> frame.drop(WireLimits.LENGTH_PREFIX_BYTES)),
                        maxPayload));
    }

    /**
     * Checks the first bytes of a server's answer before they are framed, so that a peer that is not TWS is named as
     * such ({@link Handshake#notTwsReply}: an HTTP server, an SSH banner) instead of failing as an oversized frame.
     *
     * @return a flow that passes the bytes on, failing with a {@link WireFormatException} if the first 4 cannot start
     *     a TWS reply
     */
    public static Flow<ByteString, ByteString, NotUsed> serverReplyCheck() {
        return Flow.<ByteString>create().statefulMapConcat(TwsFraming::replyCheck);
    }

    /**
     * @return a flow from length-prefixed frames to their payloads; a zero-length frame or a length above 0xFFFFFF
     *     fails the stream
     */
    public static Flow<ByteString, ByteString, NotUsed> payloads() {
        return framedInto(Flow.<ByteString>create().map(frame -> frame.drop(WireLimits.LENGTH_PREFIX_BYTES)));
    }

    /**
     * Cuts the bytes into whole frames, header included, for a stage that takes each frame's payload itself
     * ({@link #payloadOf}): a stage fewer for every frame on the client's hot path.
     *
     * @param consumer takes the frames
     * @param <T>      what it makes of them
     * @return a flow from the connection's bytes through the consumer; a zero-length frame or a length above 0xFFFFFF
     *     fails it with a {@link WireFormatException}, after the frames before it
     */
    public static <T> Flow<ByteString, T, NotUsed> framedInto(Flow<ByteString, T, NotUsed> consumer) {
        return framedInto(consumer, WireLimits.MAX_FRAME_PAYLOAD);
    }

    private static <T> Flow<ByteString, T, NotUsed> framedInto(Flow<ByteString, T, NotUsed> consumer, int maxPayload) {
        return Flow.<ByteString>create()
                .via(Framing.lengthField(WireLimits.LENGTH_PREFIX_BYTES, 0,
                        maxPayload + WireLimits.LENGTH_PREFIX_BYTES, ByteOrder.BIG_ENDIAN,
                        TwsFraming::frameSize))
                .via(consumer)
                // Akka's framing error is a Scala type; callers see the wire package's exception instead.
                .mapError(akka.stream.scaladsl.Framing.FramingException.class, e -> new WireFormatException(
                        e.getMessage().startsWith(ZERO_LENGTH_REFUSAL) ? "zero-length frame (a TWS frame holds at "
                                + "least one field)" : "frame rejected: " + e.getMessage()));
    }

    /**
     * Akka's frame size from the length field. A zero length (a TWS frame holds at least one field) becomes a size
     * below the header's, which the framing stage refuses itself, failing the stream after the frames before it: an
     * exception thrown here would do the same but be logged by Akka as an error in the stage.
     */
    private static Integer frameSize(byte[] header, Integer length) {
        return length == 0 ? 0 : length + WireLimits.LENGTH_PREFIX_BYTES;
    }

    /**
     * @param frame a whole frame from {@link #framedInto}, header included
     * @return a copy of its payload
     * @throws WireFormatException if the payload is empty
     */
    public static byte[] payloadOf(ByteString frame) {
        int length = frame.size() - WireLimits.LENGTH_PREFIX_BYTES;
        if (length <= 0) {
            Frames.checkLength(0);
        }
        byte[] payload = new byte[length];
        frame.drop(WireLimits.LENGTH_PREFIX_BYTES).copyToArray(payload, 0, length);
        return payload;
    }

    private static akka.japi.function.Function<ByteString, Iterable<ByteString>> replyCheck() {
        ByteString[] pending = {ByteString.emptyByteString()};
        boolean[] checked = {false};
        return chunk -> {
            if (checked[0]) {
                return List.of(chunk);
            }
            pending[0] = pending[0].concat(chunk);
            if (pending[0].size() < WireLimits.LENGTH_PREFIX_BYTES) {
                return List.of();
            }
            Handshake.notTwsReply(pending[0].toArray()).ifPresent(problem -> {
                throw new WireFormatException(problem);
            });
            checked[0] = true;
            ByteString first = pending[0];
            pending[0] = ByteString.emptyByteString();
            return List.of(first);
        };
    }

    private static akka.japi.function.Function<ByteString, Iterable<ByteString>> preambleCheck() {
        int preambleLength = Handshake.preamble().length;
        ByteString[] pending = {ByteString.emptyByteString()};
        boolean[] checked = {false};
        return chunk -> {
            if (checked[0]) {
                return List.of(chunk);
            }
            pending[0] = pending[0].concat(chunk);
            if (pending[0].size() < preambleLength) {
                return List.of();
            }
            byte[] preamble = pending[0].take(preambleLength).toArray();
            if (!Handshake.isPreamble(preamble)) {
                throw new WireFormatException("preamble " + Frames.hex(preamble, preambleLength)
                        + " is not API\\0 (41 50 49 00): not a TWS API client");
            }
            checked[0] = true;
            ByteString rest = pending[0].drop(preambleLength);
            pending[0] = ByteString.emptyByteString();
            return rest.isEmpty() ? List.of() : List.of(rest);
        };
    }
}
