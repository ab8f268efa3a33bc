package io.github.twssupervisor.wire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one frame: the length prefix, then each field followed by NUL (the last one too).
 *
 * <pre>
 * new FieldWriter(PYTHON).writeInt(49).writeInt(1).toFrame()
 *   = 00 00 00 05 | 34 39 00 | 31 00
 * </pre>
 *
 * <p>Unset optional numerics follow the official client: {@link #writeIntOrEmpty(int)} and
 * {@link #writeDoubleOrEmpty(double)} write an empty field for IB's sentinels, while the fields that TWS-WIRE.md lists
 * as literal sentinels are written with the plain {@code writeInt}/{@code writeDouble}. Strings are limited to printable
 * ASCII plus TAB/CR/LF, as in the official clients (their client error 579). Not thread-safe.
 */
public final class FieldWriter {

    /** {@code -9223372036854775808}. */
    private static final int MAX_LONG_CHARS = 20;

    private final DoubleStyle doubleStyle;
    private byte[] buffer = new byte[64];
    private int length = WireLimits.LENGTH_PREFIX_BYTES;

    /**
     * @param doubleStyle how doubles are spelled: {@link DoubleStyle#PYTHON} for requests (the official client's bytes),
     *                    {@link DoubleStyle#JAVA} for the simulator's events (TWS's bytes)
     */
    public FieldWriter(DoubleStyle doubleStyle) {
        this.doubleStyle = doubleStyle;
    }

    /**
     * Writes a whole message of text fields, for the raw escape hatch and tests.
     *
     * @param fields the fields, message id first
     * @return a complete frame
     */
    public static byte[] frameOf(List<String> fields) {
        FieldWriter writer = new FieldWriter(DoubleStyle.PYTHON);
        for (String field : fields) {
            writer.writeString(field);
        }
        return writer.toFrame();
    }

    /**
     * @param value the value
     * @return this writer
     */
    public FieldWriter writeInt(int value) {
        return writeLong(value);
    }

    /**
     * @param value the value
     * @return this writer
     */
    public FieldWriter writeLong(long value) {
        // Straight into the buffer, as Long.toString would spell it but without the String: a request has several.
        ensure(MAX_LONG_CHARS + 1);
        if (value < 0) {
            buffer[length++] = '-';
        }
        long negative = value < 0 ? value : -value; // counted below zero, where Long.MIN_VALUE fits
        int digits = 1;
        for (long rest = negative / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' - negative % 10);
            negative /= 10;
        }
        length += digits;
        buffer[length++] = WireLimits.NUL;
        return this;
    }

    /**
     * @param value the value, or {@link Integer#MAX_VALUE} for unset, which is written as an empty field
     * @return this writer
     */
    public FieldWriter writeIntOrEmpty(int value) {
        return value == Integer.MAX_VALUE ? writeEmpty() : writeInt(value);
    }

    /**
     * @param value written as {@code 1} or {@code 0}
     * @return this writer
     */
    public FieldWriter writeBool(boolean value) {
        return writeAscii(value ? "1" : "0");
    }

    /**
     * @param value a number, infinity, or {@link Double#MAX_VALUE} written literally as the sentinel
     * @return this writer
     */
    public FieldWriter writeDouble(double value) {
        return writeAscii(doubleStyle.format(value));
    }

    /**
     * @param value the value, or {@link Double#MAX_VALUE} for unset, which is written as an empty field
     * @return this writer
     */
    public FieldWriter writeDoubleOrEmpty(double value) {
        return value == Double.MAX_VALUE ? writeEmpty() : writeDouble(value);
    }

    /**
     * @param value a quantity, or null for unset (an empty field)
     * @return this writer
     */
    public FieldWriter writeDecimal(BigDecimal value) {
        return value == null ? writeEmpty() : writeAscii(value.toPlainString());
    }

    /** @return this writer, after an empty field */
    public FieldWriter writeEmpty() {
        ensure(1);
        buffer[length++] = WireLimits.NUL;
        return this;
    }

    /**
     * @param value text of printable ASCII, TAB, CR or LF; null is written as an empty field
     * @return this writer
     * @throws IllegalArgumentException if the text holds any other character (a NUL would split the field)
     */
    public FieldWriter writeString(String value) {
        if (value == null) {
            return writeEmpty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7E) && c != '\t' && c != '\r' && c != '\n') {
                throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c) + " at index " + i
                        + " of \"" + value + "\": TWS accepts printable ASCII only");
            }
        }
        return writeAscii(value);
    }

    private FieldWriter writeAscii(String value) {
        int n = value.length();
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) value.charAt(i);
        }
        buffer[length++] = WireLimits.NUL;
        return this;
    }

    /** @return the payload written so far, without the length prefix */
    public byte[] toPayload() {
        return Arrays.copyOfRange(buffer, WireLimits.LENGTH_PREFIX_BYTES, length);
    }

    /**
     * @return the whole frame: length prefix and payload
     * @throws WireFormatException if nothing was written or the payload exceeds the frame limit
     */
    public byte[] toFrame() {
        int payloadLength = length - WireLimits.LENGTH_PREFIX_BYTES;
        Frames.checkLength(payloadLength);
        Frames.writeLength(buffer, 0, payloadLength);
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    /** @return the text of the fields written so far, NUL shown as {@code |}, for log lines */
    @Override
    public String toString() {
        return new String(buffer, WireLimits.LENGTH_PREFIX_BYTES, length - WireLimits.LENGTH_PREFIX_BYTES,
                StandardCharsets.ISO_8859_1).replace('\0', '|');
    }
}
