package io.github.twssupervisor.wire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the NUL-terminated fields of one frame payload in order, with typed reads that follow IB's conventions for
 * unset values (TWS-WIRE.md §1.1).
 *
 * <pre>
 * payload: "4" NUL "2" NUL "-1" NUL "2104" NUL "Market data farm ..." NUL "" NUL
 *           ^ position moves field by field; a missing final NUL is tolerated
 * </pre>
 *
 * <p>Numbers are parsed straight from the bytes, so reading an int does not build a String. A field that is not what
 * the read expects raises {@link WireFormatException} naming the field index, which decoders turn into a
 * decode-failure value. Not thread-safe: one reader per payload.
 */
public final class FieldReader {

    private static final String UNSET_DECIMAL_INT = String.valueOf(Integer.MAX_VALUE);
    private static final String UNSET_DECIMAL_LONG = String.valueOf(Long.MAX_VALUE);
    private static final String UNSET_DECIMAL_NEGATIVE_LONG = String.valueOf(Long.MIN_VALUE);

    /** Longest decimal text accepted; the max-double sentinel has 22 characters. */
    private static final int MAX_DECIMAL_CHARS = 64;
    /** Largest decimal scale, either way, accepted (the max-double sentinel is recognised before this check). */
    private static final int MAX_DECIMAL_SCALE = 64;

    private final byte[] payload;
    private final int end;
    private int position;
    private int fieldIndex;

    /**
     * @param payload a frame payload without its length prefix; not copied, so it must not change while read
     */
    public FieldReader(byte[] payload) {
        this(payload, 0, payload.length);
    }

    /**
     * @param payload a buffer holding a payload
     * @param offset  where the payload starts
     * @param length  the payload length
     */
    public FieldReader(byte[] payload, int offset, int length) {
        this.payload = payload;
        this.position = offset;
        this.end = offset + length;
    }

    /** @return true while at least one more field can be read */
    public boolean hasMore() {
        return position < end;
    }

    /** @return the index of the next field to be read (0 = the message id) */
    public int fieldIndex() {
        return fieldIndex;
    }

    /** @return the number of fields not read yet */
    public int remainingFields() {
        int count = 0;
        for (int i = position; i < end; i++) {
            if (payload[i] == WireLimits.NUL) {
                count++;
            }
        }
        return (end > position && payload[end - 1] != WireLimits.NUL) ? count + 1 : count;
    }

    /**
     * @param fields how many fields to skip
     * @return this reader, for chaining
     */
    public FieldReader skipping(int fields) {
        for (int i = 0; i < fields; i++) {
            skip();
        }
        return this;
    }

    /** Skips one field. */
    public void skip() {
        fieldEnd();
        advance();
    }

    /**
     * @return the next field as text (UTF-8, malformed bytes replaced rather than rejected: TWS sends some names in the
     *     host's code page)
     */
    public String readString() {
        int start = position;
        int stop = fieldEnd();
        String value = stop == start ? "" : new String(payload, start, stop - start, StandardCharsets.UTF_8);
        advance();
        return value;
    }

    /** @return the next field as an int; empty reads as 0, as in the official decoders */
    public int readInt() {
        return readIntOr(0);
    }

    /** @return the next field as an int; empty reads as {@link Integer#MAX_VALUE}, IB's "unset" */
    public int readIntOrUnset() {
        return readIntOr(Integer.MAX_VALUE);
    }

    /** @return the next field as a long; empty reads as 0 */
    public long readLong() {
        return readLongOr(0L);
    }

    /** @return the next field as a long; empty reads as {@link Long#MAX_VALUE}, IB's "unset" */
    public long readLongOrUnset() {
        return readLongOr(Long.MAX_VALUE);
    }

    /** @return the next field as a boolean: any non-zero integer is true, empty is false */
    public boolean readBool() {
        return readIntOr(0) != 0;
    }

    /**
     * @return the next field as a double; empty reads as 0. Accepts {@code Infinity}, {@code -Infinity} and the max-double
     *     sentinel in either exponent spelling ({@code 1.7976931348623157E308}, {@code 1.7976931348623157e+308}).
     */
    public double readDouble() {
        return readDoubleOr(0.0);
    }

    /** @return the next field as a double; empty reads as {@link Double#MAX_VALUE}, IB's "unset" */
    public double readDoubleOrUnset() {
        return readDoubleOr(Double.MAX_VALUE);
    }

    /**
     * @return the next field as a decimal quantity, or empty for every spelling of "unset": an empty field,
     *     {@code 2147483647}, {@code 9223372036854775807}, {@code -9223372036854775808} and the max-double sentinel
     */
    public Optional<BigDecimal> readDecimal() {
        int index = fieldIndex;
        String text = readString();
        if (text.isEmpty() || text.equals(UNSET_DECIMAL_INT) || text.equals(UNSET_DECIMAL_LONG)
                || text.equals(UNSET_DECIMAL_NEGATIVE_LONG)) {
            return Optional.empty();
        }
        // BigDecimal takes any length and any exponent: a hostile 1E999999999 would cost gigabytes when printed, and
        // a million digits take seconds to parse. No TWS quantity comes near these bounds.
        if (text.length() > MAX_DECIMAL_CHARS || !isAsciiNumber(text)) {
            throw invalid(index, text, "a decimal");
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (isMaxDouble(text)) {
                return Optional.empty();
            }
            if (Math.abs(value.scale()) > MAX_DECIMAL_SCALE) {
                throw invalid(index, text, "a decimal of sensible magnitude");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw invalid(index, text, "a decimal");
        }
    }

    private static boolean isAsciiNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    private int readIntOr(int empty) {
        long value = readLongOr(empty);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new WireFormatException("field " + (fieldIndex - 1) + ": " + value + " does not fit an int");
        }
        return (int) value;
    }

    private long readLongOr(long empty) {
        int start = position;
        int stop = fieldEnd();
        int index = fieldIndex;
        advance();
        if (start == stop) {
            return empty;
        }
        int i = start;
        boolean negative = payload[i] == '-';
        if (negative || payload[i] == '+') {
            i++;
        }
        if (i == stop) {
            throw invalid(index, text(start, stop), "an integer");
        }
        // Accumulate negatively so that Long.MIN_VALUE parses without overflow.
        long value = 0;
        for (; i < stop; i++) {
            int digit = payload[i] - '0';
            if (digit < 0 || digit > 9) {
                throw invalid(index, text(start, stop), "an integer");
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw invalid(index, text(start, stop), "a 64-bit integer");
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw invalid(index, text(start, stop), "a 64-bit integer");
            }
            value = -value;
        }
        return value;
    }

    private double readDoubleOr(double empty) {
        int start = position;
        int stop = fieldEnd();
        int index = fieldIndex;
        advance();
        if (start == stop) {
            return empty;
        }
        String text = text(start, stop);
        switch (text) {
            case "Infinity":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        // Double.parseDouble also takes "NaN", hex floats, type suffixes and blanks: none is a TWS number.
        for (int i = start; i < stop; i++) {
            byte b = payload[i];
            boolean numeric = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!numeric) {
                throw invalid(index, text, "a number");
            }
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(index, text, "a number");
        }
    }

    private static boolean isMaxDouble(String text) {
        try {
            return Double.parseDouble(text) == Double.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private int fieldEnd() {
        if (position >= end) {
            throw new WireFormatException("field " + fieldIndex + " expected, but the message has only "
                    + fieldIndex + " fields");
        }
        int i = position;
        while (i < end && payload[i] != WireLimits.NUL) {
            i++;
        }
        return i;
    }

    private void advance() {
        int i = position;
        while (i < end && payload[i] != WireLimits.NUL) {
            i++;
        }
        position = Math.min(i + 1, end);
        fieldIndex++;
    }

    private String text(int start, int stop) {
        return new String(payload, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    private static WireFormatException invalid(int index, String text, String expected) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new WireFormatException("field " + index + ": '" + shown + "' is not " + expected);
    }
}
