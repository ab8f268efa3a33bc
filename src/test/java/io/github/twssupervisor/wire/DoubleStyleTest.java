package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    // ---- the fast path of PYTHON against the search it stands in for ----

    /** The search is right for every finite double; the fast path must say the same, or step aside. */
    private static void assertFastPathAgreesWithTheSearch(double value) {
        if (!Double.isFinite(value)) {
            return; // format spells infinities before either path (nextUp(MAX_VALUE) is one)
        }
        String fast = DoubleStyle.pythonFromToString(value);
        if (fast != null) {
            assertEquals(DoubleStyle.pythonBySearch(value), fast, () -> "fast path of " + value);
        }
        assertEquals(DoubleStyle.pythonBySearch(value), DoubleStyle.PYTHON.format(value), () -> "format of " + value);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, 1e16, -1e16, 1e15, 1e-5, 1e-4, 0.0001, 0.001, 1e7, 9999999.999, 1e22, 1e23,
        2e23, 8.41e21, 5e-324, -5e-324, 1e-323, 2.2250738585072014E-308, 2.225073858507201E-308, 1.0E-310,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1.7976931348623155e308, 123456789012345678.0, 9999999999999998.0,
        1234567890123456.0, 123456789012345.6, 0.30000000000000004, 0.1, 150.0, 187.23, 1.08455, 5123.25, 100.5,
        4.35, 2.675, 1e100, 1.5e300, 1e-300, 9.999999999999999e22, 1.0000000000000001e-5})
    void fastPathAgreesWithTheSearchOnEdgeCases(double value) {
        assertFastPathAgreesWithTheSearch(value);
        assertFastPathAgreesWithTheSearch(Math.nextUp(value));
        assertFastPathAgreesWithTheSearch(Math.nextDown(value));
    }

    @Property(tries = 3000)
    void fastPathAgreesWithTheSearchOnEveryFiniteDouble(@ForAll("finiteDoubles") double value) {
        assertFastPathAgreesWithTheSearch(value);
    }

    /** Doubles read from short decimals, the ones the fast path answers, across the whole exponent range. */
    @Provide
    Arbitrary<Double> shortDecimals() {
        return Combinators.combine(Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L),
                Arbitraries.integers().between(-330, 310)).as((digits, exponent) -> Double.parseDouble(digits + "e"
                + exponent)).filter(Double::isFinite);
    }

    @Property(tries = 3000)
    void fastPathAgreesWithTheSearchOnShortDecimals(@ForAll("shortDecimals") double value) {
        assertFastPathAgreesWithTheSearch(value);
    }

    @Property(tries = 1000)
    void fastPathAnswersForPrices(@ForAll @BigRange(min = "0", max = "1000000") @Scale(6) BigDecimal price) {
        double value = price.doubleValue();

        assertEquals(DoubleStyle.pythonBySearch(value), DoubleStyle.pythonFromToString(value), price::toString);
    }

    @Test
    void fastPathStepsAsideForSubnormalsWhereToStringIsNotTheShortest() {
        // Double.toString(Double.MIN_VALUE) is 4.9E-324 before JDK 19; Python's repr is 5e-324.
        assertNull(DoubleStyle.pythonFromToString(Double.MIN_VALUE));
        assertEquals("5e-324", DoubleStyle.PYTHON.format(Double.MIN_VALUE));
    }

    private static void assertRoundTrip(DoubleStyle style, double value) {
        String text = style.format(value);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)),
                () -> value + " was written as " + text);
    }
}
