package io.github.twssupervisor.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Frame-level helpers shared by every codec: the length prefix and the split of a payload into its fields.
 *
 * <pre>
 * frame   = length(4, big-endian) payload
 * payload = 1*(field NUL)            e.g. "49\0" "1\0"  =  34 39 00 31 00
 * </pre>
 */
public final class Frames {

    private Frames() {
    }

    /**
     * Validates a payload length announced on the wire.
     *
     * @param length the announced length, as an unsigned 32-bit value held in a long
     * @throws WireFormatException if it is zero or above {@link WireLimits#MAX_FRAME_PAYLOAD}
     */
    public static void checkLength(long length) {
        if (length <= 0) {
            throw new WireFormatException("zero-length frame (a TWS frame holds at least one field)");
        }
        if (length > WireLimits.MAX_FRAME_PAYLOAD) {
            throw new WireFormatException("frame length " + length + " exceeds the maximum of "
                    + WireLimits.MAX_FRAME_PAYLOAD + " bytes");
        }
    }

    /**
     * Reads the 4-byte big-endian length at {@code offset}.
     *
     * @param bytes  the buffer
     * @param offset where the prefix starts
     * @return the length as an unsigned value
     */
    public static long readLength(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFFL) << 24) | ((bytes[offset + 1] & 0xFFL) << 16)
                | ((bytes[offset + 2] & 0xFFL) << 8) | (bytes[offset + 3] & 0xFFL);
    }

    /**
     * Writes {@code length} as 4 big-endian bytes at {@code offset}.
     *
     * @param bytes  the buffer
     * @param offset where the prefix goes
     * @param length the payload length
     */
    public static void writeLength(byte[] bytes, int offset, int length) {
        bytes[offset] = (byte) (length >>> 24);
        bytes[offset + 1] = (byte) (length >>> 16);
        bytes[offset + 2] = (byte) (length >>> 8);
        bytes[offset + 3] = (byte) length;
    }

    /**
     * Prefixes a payload with its length.
     *
     * @param payload the payload (1 .. {@link WireLimits#MAX_FRAME_PAYLOAD} bytes)
     * @return a new array holding the whole frame
     */
    public static byte[] frame(byte[] payload) {
        checkLength(payload.length);
        byte[] frame = new byte[WireLimits.LENGTH_PREFIX_BYTES + payload.length];
        writeLength(frame, 0, payload.length);
        System.arraycopy(payload, 0, frame, WireLimits.LENGTH_PREFIX_BYTES, payload.length);
        return frame;
    }

    /**
     * Splits a payload into its fields as text, for logs, tests and the raw-event escape hatch. The hot path uses
     * {@link FieldReader} instead, which parses numbers without building strings.
     *
     * @param payload a payload whose fields each end with NUL
     * @return the fields, without terminators
     */
    public static List<String> fields(byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        List<String> fields = new ArrayList<>();
        while (reader.hasMore()) {
            fields.add(reader.readString());
        }
        return fields;
    }

    /** Characters of a field quoted in an error message; the rest is counted, not shown. */
    public static final int QUOTE_LIMIT = 40;

    /**
     * A value for an error message, cut to {@link #QUOTE_LIMIT} characters: a field of a hostile frame may be megabytes
     * long, and decode failures are logged, published and, by the simulator, sent back.
     *
     * @param text the value
     * @return at most {@link #QUOTE_LIMIT} of its characters, then {@code ...(N chars)} if it was longer
     */
    public static String abbreviate(String text) {
        return abbreviate(text, QUOTE_LIMIT);
    }

    /** Characters of a nested reason kept when a decoder wraps it: it may quote a field of its own. */
    public static final int REASON_LIMIT = 200;

    /**
     * @param text  a value or a nested reason
     * @param limit the most characters shown
     * @return at most {@code limit} of its characters, then {@code ...(N chars)} if it was longer
     */
    public static String abbreviate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "...(" + text.length() + " chars)";
    }

    /**
     * Shows a payload with NUL as {@code |}, the notation of TWS-WIRE.md, for log lines.
     *
     * @param payload the payload
     * @param limit   at most this many bytes are shown
     * @return printable text
     */
    public static String printable(byte[] payload, int limit) {
        int n = Math.min(limit, payload.length);
        StringBuilder text = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            int b = payload[i] & 0xFF;
            text.append(b == 0 ? '|' : (b >= 0x20 && b < 0x7F ? (char) b : '?'));
        }
        if (n < payload.length) {
            text.append("...");
        }
        return text.toString();
    }

    /**
     * A hex dump of at most {@code limit} bytes, for DEBUG lines about frames that failed to decode.
     *
     * @param payload the payload
     * @param limit   at most this many bytes are shown
     * @return hex digits separated by spaces
     */
    public static String hex(byte[] payload, int limit) {
        int n = Math.min(limit, payload.length);
        StringBuilder text = new StringBuilder(n * 3 + 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(Character.forDigit((payload[i] >> 4) & 0xF, 16)).append(Character.forDigit(payload[i] & 0xF, 16));
        }
        if (n < payload.length) {
            text.append(" ...");
        }
        return text.toString();
    }
}
