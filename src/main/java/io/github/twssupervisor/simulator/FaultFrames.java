package io.github.twssupervisor.simulator;

import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of the faults that are something written to the socket. A client must survive each: the first two break the
 * framing (protocol violation, reconnect), the last two are well-framed and must leave the connection up.
 *
 * <pre>
 * garbage      00 00 00 00 | "garbage!"          a zero-length frame, then bytes that are no frame header
 * bomb         80 00 00 00                       a frame of 2 GiB announced (negative as a signed int)
 * unknown-msg  len | "&lt;max id + 1&gt;\0 1\0 chaos\0"  an id no IncomingMessageId has
 * bad-field    len | "1\0 6\0 -1\0 4\0 abc\0 ..."   tickPrice LAST of request -1 with the price "abc"
 * </pre>
 *
 * A flood ({@link FloodKind}) is written in chunks: as many frames of its kind as fit in {@link #FLOOD_CHUNK_BYTES},
 * back to back, so that each element of its stream carries many frames.
 */
final class FaultFrames {

    /** The request id of the bad tickPrice: no request has it, but the price is decoded before the owner is sought. */
    private static final int NO_REQUEST = -1;
    /** The price field's position in a tickPrice frame: id, version, reqId, tickType, price. */
    private static final int PRICE_FIELD = 4;
    private static final int BOMB_LENGTH = 0x80000000;
    /** The request id of flooded request errors and ticks: high enough that no client of a test owns it. */
    static final int FLOOD_REQUEST_ID = 999_999;
    /** The size of one element of a flood's stream, a few TCP segments. */
    static final int FLOOD_CHUNK_BYTES = 32 * 1024;
    private static final double FLOOD_PRICE = 100.25;
    private static final int FLOOD_SIZE = 100;

    /**
     * Frames of a flood, back to back.
     *
     * @param bytes  the frames
     * @param frames how many
     */
    record FloodChunk(byte[] bytes, int frames) {
    }

    private FaultFrames() {
    }

    /**
     * @param fault a fault
     * @return the bytes to write for it, if it is a fault that writes bytes
     */
    static Optional<byte[]> of(Fault fault) {
        if (fault instanceof Fault.Garbage) {
            return Optional.of(garbage());
        } else if (fault instanceof Fault.Bomb) {
            return Optional.of(ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES).putInt(BOMB_LENGTH).array());
        } else if (fault instanceof Fault.UnknownMessage) {
            return Optional.of(FieldWriter.frameOf(List.of(String.valueOf(unknownMessageId()), "1", "chaos")));
        } else if (fault instanceof Fault.BadField) {
            return Optional.of(badTickPrice());
        }
        return Optional.empty();
    }

    /**
     * @param kind          what the flood writes
     * @param serverVersion the session's negotiated version (the layout of errors depends on it)
     * @return whole frames of the kind, up to {@link #FLOOD_CHUNK_BYTES} (a mixed flood's chunk has each kind in turn)
     */
    static FloodChunk floodChunk(FloodKind kind, int serverVersion) {
        List<byte[]> cycle = kind == FloodKind.MIXED
                ? Arrays.stream(FloodKind.values()).filter(k -> k != FloodKind.MIXED)
                        .map(k -> floodFrame(k, serverVersion)).toList()
                : List.of(floodFrame(kind, serverVersion));
        ByteBuffer chunk = ByteBuffer.allocate(FLOOD_CHUNK_BYTES);
        int frames = 0;
        while (chunk.remaining() >= cycle.get(frames % cycle.size()).length) {
            chunk.put(cycle.get(frames % cycle.size()));
            frames++;
        }
        return new FloodChunk(Arrays.copyOf(chunk.array(), chunk.position()), frames);
    }

    private static byte[] floodFrame(FloodKind kind, int serverVersion) {
        return switch (kind) {
            case NOTICE -> ClientRequests.noticeFrame(serverVersion, TwsErrorCode.MARKET_DATA_FARM_OK,
                    "Market data farm connection is OK:usfarm");
            case ERROR -> SimulatorErrors.frame(serverVersion, FLOOD_REQUEST_ID, TwsErrorCode.DELAYED_DATA_DISPLAYED,
                    "Requested market data is not subscribed. Displaying delayed market data.");
            case UNKNOWN -> FieldWriter.frameOf(List.of(String.valueOf(unknownMessageId()), "1", "flood"));
            case TICK -> MarketDataCodec.tickPrice(FLOOD_REQUEST_ID, TickType.LAST, FLOOD_PRICE,
                    BigDecimal.valueOf(FLOOD_SIZE), 0);
            case MIXED -> throw new IllegalArgumentException("a mixed flood has no frame of its own");
        };
    }

    /** @return an incoming message id the client has no decoder for */
    static int unknownMessageId() {
        return Arrays.stream(IncomingMessageId.values()).mapToInt(IncomingMessageId::code).max().orElse(0) + 1;
    }

    private static byte[] garbage() {
        byte[] junk = "garbage!".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES + junk.length).putInt(0).put(junk).array();
    }

    private static byte[] badTickPrice() {
        byte[] valid = MarketDataCodec.tickPrice(NO_REQUEST, TickType.LAST, 1.0, null, 0);
        List<String> fields = new ArrayList<>(Frames.fields(Arrays.copyOfRange(valid, WireLimits.LENGTH_PREFIX_BYTES,
                valid.length)));
        fields.set(PRICE_FIELD, "abc");
        return FieldWriter.frameOf(fields);
    }
}
