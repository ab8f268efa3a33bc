package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** How doubles are spelled on the wire: the official Python client's form and TWS's (Java's) form. */
class DoubleStyleTest {

    /**
     * Expected values are CPython 3.11 {@code repr(float(input))} (= {@code str}), the spelling of the official Python
     * client's {@code make_field}: shortest digits that round-trip, fixed notation for decimal exponents -4..15, else
     * {@code d.ddde+XX} with at least two exponent digits.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            0.0,                      0.0
            -0.0,                     -0.0
            150.0,                    150.0
            150.25,                   150.25
            -150.25,                  -150.25
            0.5,                      0.5
            0.1,                      0.1
            1e-05,                    1e-05
            0.0001,                   0.0001
            0.001,                    0.001
            2.5e-05,                  2.5e-05
            -1e-07,                   -1e-07
            123.456,                  123.456
            12345678.9,               12345678.9
            10000000.0,               10000000.0
            1000000000000000.0,       1000000000000000.0
            1234567890123456.0,       1234567890123456.0
            9999999999999998.0,       9999999999999998.0
            1e16,                     1e+16
            1e22,                     1e+22
            1e23,                     1e+23
            8.41e21,                  8.41e+21
            2.82879384806159e17,      2.82879384806159e+17
            123456789012345678.0,     1.2345678901234568e+17
            1e100,                    1e+100
            1.5e300,                  1.5e+300
            1.7976931348623157e308,   1.7976931348623157e+308
            2.2250738585072014e-308,  2.2250738585072014e-308
            5e-324,                   5e-324
            0.30000000000000004,      0.30000000000000004
            """)
    void pythonStyleMatchesCPythonRepr(String input, String cpythonRepr) {
        assertEquals(cpythonRepr, DoubleStyle.PYTHON.format(Double.parseDouble(input)));
    }

    @Test
    void pythonStyleOfAComputedSumKeepsAllSignificantDigits() {
        // CPython 3.11: repr(0.1 + 0.2) == '0.30000000000000004'
        assertEquals("0.30000000000000004", DoubleStyle.PYTHON.format(0.1 + 0.2));
    }

    @Test
    void pythonStyleSpellsTheUnsetSentinelAsTheOfficialClientDoes() {
        // TWS-WIRE.md §1.1: the official Python client writes Double.MAX_VALUE as 1.7976931348623157e+308.
        assertEquals("1.7976931348623157e+308", DoubleStyle.PYTHON.format(Double.MAX_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"150.0", "150.25", "1.0E-5", "0.001", "1.0E7", "1.7976931348623157E308", "-0.0", "4.9E-324"})
    void javaStyleIsDoubleToString(double value) {
        assertEquals(Double.toString(value), DoubleStyle.JAVA.format(value));
    }

    @Test
    void javaStyleSpellsTheUnsetSentinelAsTwsDoes() {
        // TWS-WIRE.md §1.1 and §9: TWS emits 1.7976931348623157E308.
        assertEquals("1.7976931348623157E308", DoubleStyle.JAVA.format(Double.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(DoubleStyle.class)
    void infinitiesAreSpelledInfinityInBothStyles(DoubleStyle style) {
        assertEquals("Infinity", style.format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", style.format(Double.NEGATIVE_INFINITY));
    }

    @ParameterizedTest
    @EnumSource(DoubleStyle.class)
    void nanIsRejected(DoubleStyle style) {
        assertThrows(IllegalArgumentException.class, () -> style.format(Double.NaN));
    }

    /** Every finite double, subnormals and extremes included: any 64-bit pattern that is not NaN or infinite. */
    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
    }

    @Property
    void pythonStyleRoundTripsEveryFiniteDouble(@ForAll("finiteDoubles") double value) {
        assertRoundTrip(DoubleStyle.PYTHON, value);
    }

    @Property
    void javaStyleRoundTripsEveryFiniteDouble(@ForAll("finiteDoubles") double value) {
        assertRoundTrip(DoubleStyle.JAVA, value);
    }

    @Property
    void pythonStyleRoundTripsPriceLikeDoubles(@ForAll @DoubleRange(min = -1e6, max = 1e6) double value) {
        assertRoundTrip(DoubleStyle.PYTHON, value);
    }

    private static void assertRoundTrip(DoubleStyle style, double value) {
        String text = style.format(value);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)),
                () -> value + " was written as " + text);
    }
}
