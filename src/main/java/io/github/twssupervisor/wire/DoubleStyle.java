package io.github.twssupervisor.wire;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a double is spelled on the wire. The two official implementations differ only in the exponent form, which matters
 * for byte-identical encoding: the official Python client writes {@code 1.7976931348623157e+308} and {@code 150.0},
 * TWS itself (Java) writes {@code 1.7976931348623157E308} and {@code 150.0}.
 */
public enum DoubleStyle {

    /**
     * Python's {@code str(float)}: the shortest digits that read back, fixed notation for exponents -4..15, else
     * {@code d.ddde+XX}. Our client writes this.
     */
    PYTHON,

    /** Java's {@code Double.toString}: fixed notation for 1e-3 .. 1e7, else {@code d.dddEXX}. The simulator writes this. */
    JAVA;

    /**
     * Decimals of up to 15 significant digits are at least 4.5 units in the last place apart wherever doubles have
     * their full 53 bits (10^-15 of the value against 2^-52), so no two of them read back as the same normal double.
     */
    private static final int UNIQUE_DIGITS = 15;

    /** The nearest decimal first; its other neighbour can be the only one that reads back (asymmetric interval). */
    private static final RoundingMode[] CANDIDATE_ROUNDINGS = {RoundingMode.HALF_EVEN, RoundingMode.DOWN,
        RoundingMode.UP};

    /**
     * Formats a finite or infinite value; infinity is {@code Infinity} in both styles (the official clients'
     * {@code INFINITY_STR}).
     *
     * @param value the value, not NaN
     * @return its wire text
     * @throws IllegalArgumentException for NaN, which no TWS field accepts
     */
    public String format(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN cannot be sent to TWS");
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (this == JAVA) {
            return Double.toString(value);
        }
        String fast = pythonFromToString(value);
        return fast != null ? fast : pythonBySearch(value);
    }

    /**
     * The fast path of {@link #PYTHON}, for all but a few doubles. {@code Double.toString} gives digits that read back
     * (its contract), but before JDK 19 not always the fewest. When they are at most {@value #UNIQUE_DIGITS}
     * significant digits of a normal double, though, they are the only decimal that short to read back as the value,
     * so the fewest, and Python's {@code repr} has exactly these digits: only the notation needs changing.
     *
     * @param value a finite double
     * @return Python's spelling, or null when {@code Double.toString} cannot be trusted to be the shortest
     */
    static String pythonFromToString(double value) {
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
        }
        if (Math.abs(value) < Double.MIN_NORMAL) {
            return null; // subnormals have fewer bits: 4.9E-324 and 5e-324 both read back as Double.MIN_VALUE
        }
        String java = Double.toString(value);
        return significantDigits(java) <= UNIQUE_DIGITS ? python(java) : null;
    }

    /**
     * The general path of {@link #PYTHON}, right for every finite double and slow (a {@code BigDecimal} search).
     *
     * @param value a finite double
     * @return Python's spelling
     */
    static String pythonBySearch(double value) {
        return python(shortest(value));
    }

    /** @return the digits of a {@code Double.toString} result from its first to its last non-zero one */
    private static int significantDigits(String java) {
        int first = -1;
        int last = -1;
        int digit = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    first = first < 0 ? digit : first;
                    last = digit;
                }
                digit++;
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }

    /**
     * The shortest decimal that reads back as {@code value}, the nearest of those if several, as Python's {@code repr}
     * picks it. {@code Double.toString} before JDK 19 sometimes has more digits ({@code 4.9E-324} for {@code 5e-324},
     * {@code 9.999999999999999E22} for {@code 1e23}).
     *
     * @return the digits as {@code [-]<digits>.0E<exponent>}, the form {@link #python(String)} reads
     */
    private static String shortest(double value) {
        if (value == 0) {
            return Double.toString(value); // keeps the sign of -0.0
        }
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            for (RoundingMode mode : CANDIDATE_ROUNDINGS) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() == value) {
                    return (candidate.signum() < 0 ? "-" : "") + candidate.unscaledValue().abs() + ".0E"
                            + -candidate.scale();
                }
            }
        }
        throw new AssertionError("no 17-digit decimal reads back as " + value); // 17 digits always do
    }

    private static String python(String java) {
        boolean negative = java.charAt(0) == '-';
        String unsigned = negative ? java.substring(1) : java;
        int e = unsigned.indexOf('E');
        String mantissa = e < 0 ? unsigned : unsigned.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(unsigned.substring(e + 1));
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, point).append(mantissa, point + 1,
                mantissa.length());
        // value = 0.<digits> * 10^pointPosition
        int pointPosition = point + exponent;
        int leading = 0;
        while (leading < digits.length() - 1 && digits.charAt(leading) == '0') {
            leading++;
        }
        digits.delete(0, leading);
        pointPosition -= leading;
        int trailing = digits.length();
        while (trailing > 1 && digits.charAt(trailing - 1) == '0') {
            trailing--;
        }
        digits.setLength(trailing);
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (digits.length() == 1 && digits.charAt(0) == '0') {
            return out.append("0.0").toString();
        }
        int decimalExponent = pointPosition - 1;
        if (decimalExponent >= -4 && decimalExponent < 16) {
            if (pointPosition <= 0) {
                out.append("0.");
                out.append("0".repeat(-pointPosition));
                out.append(digits);
            } else if (pointPosition >= digits.length()) {
                out.append(digits).append("0".repeat(pointPosition - digits.length())).append(".0");
            } else {
                out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(decimalExponent < 0 ? '-' : '+');
            int magnitude = Math.abs(decimalExponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        }
        return out.toString();
    }
}
