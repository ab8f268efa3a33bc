package io.github.twssupervisor.wire;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * <p>Numbers are parsed straight from the bytes, so reading an int does not build a String, nor does reading a price
 * or a size in the plain form TWS writes them ({@code 187.23}, {@code 2500}): tick decoding runs millions of times a
 * second (issue 6). Any other spelling takes the general path through {@code Double.parseDouble} or
 * {@code new BigDecimal}, with the same result the fast path would give. A field that is not what the read expects
 * raises {@link WireFormatException} naming the field index, which decoders turn into a decode-failure value.
 * Not thread-safe: one reader per payload.
 */
public final class FieldReader {

    private static final String UNSET_DECIMAL_INT = String.valueOf(Integer.MAX_VALUE);
    private static final String UNSET_DECIMAL_LONG = String.valueOf(Long.MAX_VALUE);
    private static final String UNSET_DECIMAL_NEGATIVE_LONG = String.valueOf(Long.MIN_VALUE);
    /** The same spellings as bytes, to recognise them before any text is built. */
    private static final byte[][] UNSET_DECIMAL_BYTES = {ascii(UNSET_DECIMAL_INT), ascii(UNSET_DECIMAL_LONG),
        ascii(UNSET_DECIMAL_NEGATIVE_LONG)};

    /** Longest decimal text accepted; the max-double sentinel has 22 characters. */
    private static final int MAX_DECIMAL_CHARS = 64;
    /** Largest decimal scale, either way, accepted (the max-double sentinel is recognised before this check). */
    private static final int MAX_DECIMAL_SCALE = 64;

    /** Largest digits, as an integer, read as a double without {@code Double.parseDouble}: 2^53, exact as a double. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** 10^0 .. 10^22: the powers of ten that are doubles exactly (5^22 < 2^53 < 5^23). */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** A plain decimal with more digits than 18, or a scale above 18, takes the general path; 10^18 fits a long. */
    private static final long MAX_PLAIN_UNSCALED = 999_999_999_999_999_999L;
    private static final int MAX_PLAIN_SCALE = 18;
    /** Any 18 digits fit a long; the general path takes longer ones, and the sign. */
    private static final int MAX_PLAIN_UNSIGNED_DIGITS = 18;

    private final byte[] payload;
    private final int end;
    private int position;
    private int fieldIndex;
    /** Left by {@link #scanPlain}: the sign and the digits after the point of the number it read. */
    private boolean plainNegative;
    private int plainScale;

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
        nextField();
    }

    /**
     * @return the next field as text (UTF-8, malformed bytes replaced rather than rejected: TWS sends some names in the
     *     host's code page)
     */
    public String readString() {
        int start = position;
        int stop = nextField();
        return stop == start ? "" : new String(payload, start, stop - start, StandardCharsets.UTF_8);
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
        int start = position;
        int stop = nextField();
        if (start == stop || isUnsetDecimal(start, stop)) {
            return Optional.empty();
        }
        BigDecimal plain = plainDecimal(start, stop);
        return plain != null ? Optional.of(plain)
                : parseDecimal(index, new String(payload, start, stop - start, StandardCharsets.UTF_8));
    }

    /** The sentinels are ASCII, and UTF-8 decoding never turns other bytes into ASCII: comparing bytes is enough. */
    private boolean isUnsetDecimal(int start, int stop) {
        for (byte[] unset : UNSET_DECIMAL_BYTES) {
            if (Arrays.equals(payload, start, stop, unset, 0, unset.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fast path of {@link #readDecimal()}: {@code [-]digits[.digits]} with at most 18 digits after any leading
     * zeros and at most 18 after the point is {@code BigDecimal.valueOf(unscaled, scale)}, which is what
     * {@code new BigDecimal(text)} makes of it, scale included ({@code 0.50} keeps scale 2).
     *
     * @return the value, or null for any other text, which the general path reads or rejects (as it rejects text
     *     longer than {@link #MAX_DECIMAL_CHARS}, even with a plain value such as a hundred leading zeros)
     */
    private BigDecimal plainDecimal(int start, int stop) {
        if (stop - start > MAX_DECIMAL_CHARS) {
            return null;
        }
        long unscaled = scanPlain(start, stop, MAX_PLAIN_UNSCALED, MAX_PLAIN_SCALE);
        return unscaled < 0 ? null : BigDecimal.valueOf(plainNegative ? -unscaled : unscaled, plainScale);
    }

    /**
     * Reads {@code [-]digits[.digits]}, the shape of nearly every TWS number, without building text; the sign and the
     * digits after the point are left in {@link #plainNegative} and {@link #plainScale}.
     *
     * @param maxUnscaled the largest integer the digits may make
     * @param maxScale    the most digits after the point
     * @return the digits as one non-negative integer, or -1 for other text or a number beyond the bounds (which the
     *     caller's general path reads)
     */
    private long scanPlain(int start, int stop, long maxUnscaled, int maxScale) {
        int i = start;
        plainNegative = payload[i] == '-';
        if (plainNegative) {
            i++;
        }
        long unscaled = 0;
        int scale = 0;
        boolean digits = false;
        boolean point = false;
        for (; i < stop; i++) {
            int b = payload[i];
            if (b >= '0' && b <= '9') {
                int digit = b - '0';
                if (unscaled > (maxUnscaled - digit) / 10 || (point && scale == maxScale)) {
                    return -1;
                }
                unscaled = unscaled * 10 + digit;
                digits = true;
                if (point) {
                    scale++;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                return -1;
            }
        }
        plainScale = scale;
        return digits ? unscaled : -1;
    }

    /**
     * The general path of {@link #readDecimal()}, for any text but empty.
     *
     * @param index the field index, for the message
     * @param text  the field as UTF-8 text
     * @return the value, or empty for an unset sentinel
     * @throws WireFormatException if the text is not a decimal, or an unreasonable one
     */
    static Optional<BigDecimal> parseDecimal(int index, String text) {
        if (text.equals(UNSET_DECIMAL_INT) || text.equals(UNSET_DECIMAL_LONG)
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
        long plain = plainUnsigned();
        if (plain >= 0) {
            return plain;
        }
        int start = position;
        int index = fieldIndex;
        int stop = nextField();
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

    /**
     * The fast path of the integer reads, for the common field of 1 to 18 digits: parsed while looking for its end, in
     * one pass. Moves past the field only when it succeeds.
     *
     * @return the value, or -1 for anything else (empty, signed, longer, not a number, no field left), which the
     *     general path reads or rejects
     */
    private long plainUnsigned() {
        long value = 0;
        int i = position;
        for (; i < end && payload[i] != WireLimits.NUL; i++) {
            int digit = payload[i] - '0';
            if (digit < 0 || digit > 9 || i - position == MAX_PLAIN_UNSIGNED_DIGITS) {
                return -1;
            }
            value = value * 10 + digit;
        }
        if (i == position) {
            return -1;
        }
        position = Math.min(i + 1, end);
        fieldIndex++;
        return value;
    }

    private double readDoubleOr(double empty) {
        int start = position;
        int index = fieldIndex;
        int stop = nextField();
        if (start == stop) {
            return empty;
        }
        double plain = plainDouble(start, stop);
        return Double.isNaN(plain) ? parseDouble(index, text(start, stop)) : plain;
    }

    /**
     * The general path of the double reads, for any text but empty.
     *
     * @param index the field index, for the message
     * @param text  the field as ISO-8859-1 text (one char per byte)
     * @return the value
     * @throws WireFormatException if the text is not a TWS number
     */
    static double parseDouble(int index, String text) {
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
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
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

    /**
     * The fast path of the double reads: {@code [-]digits[.digits]} whose digits, read as an integer m, are at most
     * 2^53, with k <= 22 digits after the point. Then m and 10^k are doubles exactly, and IEEE division rounds
     * m / 10^k correctly, as {@code Double.parseDouble} must: the same double, without the text.
     *
     * @return the value, or NaN (which no plain number is) for any other text
     */
    private double plainDouble(int start, int stop) {
        long mantissa = scanPlain(start, stop, MAX_EXACT_MANTISSA, EXACT_POWERS_OF_TEN.length - 1);
        if (mantissa < 0) {
            return Double.NaN;
        }
        double value = mantissa / EXACT_POWERS_OF_TEN[plainScale];
        return plainNegative ? -value : value;
    }

    private static boolean isMaxDouble(String text) {
        try {
            return Double.parseDouble(text) == Double.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Moves past the next field in one scan.
     *
     * @return where the field ends: its NUL, or the end of the payload
     * @throws WireFormatException if there is no field left, without moving
     */
    private int nextField() {
        if (position >= end) {
            throw new WireFormatException("field " + fieldIndex + " expected, but the message has only "
                    + fieldIndex + " fields");
        }
        int i = position;
        while (i < end && payload[i] != WireLimits.NUL) {
            i++;
        }
        position = Math.min(i + 1, end);
        fieldIndex++;
        return i;
    }

    private String text(int start, int stop) {
        return new String(payload, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static WireFormatException invalid(int index, String text, String expected) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new WireFormatException("field " + index + ": '" + shown + "' is not " + expected);
    }
}
