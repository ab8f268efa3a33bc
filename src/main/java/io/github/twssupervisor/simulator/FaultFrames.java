package io.github.twssupervisor.simulator;

import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireLimits;
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
 */
final class FaultFrames {

    /** The request id of the bad tickPrice: no request has it, but the price is decoded before the owner is sought. */
    private static final int NO_REQUEST = -1;
    /** The price field's position in a tickPrice frame: id, version, reqId, tickType, price. */
    private static final int PRICE_FIELD = 4;
    private static final int BOMB_LENGTH = 0x80000000;

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
