package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast paths of {@link FieldReader}'s double and decimal reads, which parse plain numbers straight from the bytes,
 * against the general paths they stand in for ({@link FieldReader#parseDouble}, {@link FieldReader#parseDecimal}):
 * whatever the field holds, a read gives what the general path gives, the same double bit for bit, the same
 * {@code BigDecimal} scale for scale, or the same {@link WireFormatException}.
 */
class FieldReaderFastPathTest {

    /** Spellings of "unset" that {@link FieldReader#readDecimal()} answers with no value. */
    private static final Set<String> UNSET_DECIMALS = Set.of(String.valueOf(Integer.MAX_VALUE),
            String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE));

    /** One field as TWS sends it: the text, then NUL. */
    private static FieldReader reader(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new FieldReader(Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** A read's outcome: the double with its bits (so -0.0 is not 0.0), or the failure. */
    private static String doubleOutcome(DoubleRead read) {
        try {
            double value = read.read();
            return value + " " + Long.toHexString(Double.doubleToRawLongBits(value));
        } catch (WireFormatException e) {
            return "WireFormatException: " + e.getMessage();
        }
    }

    /** A read's outcome: the decimal with its scale (so 0.50 is not 0.5), or the failure. */
    private static String decimalOutcome(DecimalRead read) {
        try {
            return read.read().map(d -> d + " scale " + d.scale()).orElse("unset");
        } catch (WireFormatException e) {
            return "WireFormatException: " + e.getMessage();
        }
    }

    private interface DoubleRead {
        double read();
    }

    private interface DecimalRead {
        Optional<BigDecimal> read();
    }

    private static void assertReadsAsTheGeneralPath(String text) {
        assertEquals(doubleOutcome(() -> FieldReader.parseDouble(0, text)), doubleOutcome(reader(text)::readDouble),
                () -> "readDouble of '" + text + "'");
        assertEquals(decimalOutcome(() -> FieldReader.parseDecimal(0, text)),
                decimalOutcome(reader(text)::readDecimal), () -> "readDecimal of '" + text + "'");
    }

    // ---- boundaries of the fast paths ----

    static Stream<String> boundaries() {
        return Stream.of(
                // 15 to 19 digits: doubles are exact up to 2^53 (16 digits), decimals take 18 digits
                "123456789012345", "1234567890123456", "12345678901234567", "123456789012345678",
                "1234567890123456789", "-999999999999999999", "1000000000000000000", "9007199254740992",
                "9007199254740993", "9007199254740994", "9007199254740995", "0.9007199254740993",
                // 22 and 23 digits after the point: 10^22 is the last power of ten that is a double exactly
                "0.1234567890123456789012", "0.12345678901234567890123", "0.0000000000000000000001",
                "0.00000000000000000000001", "1.000000000000000000", "1.0000000000000000000",
                "0.000000000000000001", "0.0000000000000000001",
                // spellings BigDecimal and Double.parseDouble both take, and some they do not
                "-0", "-0.0", "0", "0.0", ".5", "5.", "-.5", "-5.", "00012", "-00012.50", "0.50", "100", "187.23",
                "1.08455", "5123.25", "0.1", "1e5", "1E-5", "+1", "+1.5", "-", ".", "-.", "", "1.2.3", "1-2", "--1",
                "1.7976931348623157E308", "1.7976931348623157e+308", "Infinity", "-inf", "NaN", "1 ", " 1",
                // the unset sentinels, and numbers that only look like them
                "2147483647", "2147483647.0", "02147483647", "-2147483647", "9223372036854775807",
                "-9223372036854775808", "9223372036854775806",
                // the decimal text limit of 64 characters
                "0".repeat(63) + "1", "0".repeat(64) + "1", "0." + "0".repeat(62), "0." + "0".repeat(63));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("boundaries")
    void readsBoundaryTextAsTheGeneralPath(String text) {
        if (text.isEmpty()) { // the general paths are not asked about empty fields
            assertEquals(0.0, reader(text).readDouble());
            assertEquals(Optional.empty(), reader(text).readDecimal());
            return;
        }
        assertReadsAsTheGeneralPath(text);
    }

    @Test
    void minusZeroIsNegativeZeroForDoublesAndZeroForDecimals() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(reader("-0").readDouble()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(reader("-0.0").readDouble()));
        assertEquals(Optional.of(new BigDecimal("-0.0")), reader("-0.0").readDecimal());
        assertEquals(1, reader("-0.0").readDecimal().orElseThrow().scale());
    }

    @Test
    void plainDecimalsKeepTheirScale() {
        assertEquals(2, reader("0.50").readDecimal().orElseThrow().scale());
        assertEquals(0, reader("100").readDecimal().orElseThrow().scale());
        assertEquals(new BigDecimal("100"), reader("100").readDecimal().orElseThrow());
    }

    // ---- any text ----

    /** Plain numbers of every length around the fast paths' limits: [-][digits][.[digits]]. */
    @Provide
    Arbitrary<String> plainNumbers() {
        Arbitrary<String> integerPart = Arbitraries.strings().numeric().ofMaxLength(21);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMaxLength(25);
        return Combinators.combine(Arbitraries.of("", "-"), integerPart, Arbitraries.of("", "."), fraction)
                .as((sign, integer, point, digits) -> sign + integer + (point.isEmpty() ? "" : point + digits))
                .filter(text -> text.chars().anyMatch(Character::isDigit));
    }

    /** Doubles as a sender might spell them: Java's and fixed notations, exact expansions, prices. */
    @Provide
    Arbitrary<String> formattedDoubles() {
        Arbitrary<Double> anyDouble = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.doubles().between(-1e7, 1e7));
        Arbitrary<String> javaStyle = anyDouble.map(d -> Double.toString(d));
        Arbitrary<String> pythonStyle = anyDouble.map(d -> DoubleStyle.PYTHON.format(d));
        Arbitrary<String> fixed = Combinators.combine(Arbitraries.doubles().between(-1e9, 1e9),
                Arbitraries.integers().between(0, 25))
                .as((d, places) -> String.format(Locale.ROOT, "%." + places + "f", d));
        Arbitrary<String> shortest = anyDouble.map(d -> BigDecimal.valueOf(d).toPlainString());
        Arbitrary<String> exact = Arbitraries.doubles().between(-1e4, 1e4).map(d -> new BigDecimal(d).toPlainString());
        Arbitrary<String> prices = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000"))
                .ofScale(5).map(BigDecimal::toPlainString);
        return Arbitraries.oneOf(javaStyle, pythonStyle, fixed, shortest, exact, prices);
    }

    /** Text made of the characters of numbers, mostly not a number. */
    @Provide
    Arbitrary<String> numberLikeText() {
        return Arbitraries.strings().withChars("0123456789.-+eE").withChars('I', 'n', 'f', ' ').ofMinLength(1)
                .ofMaxLength(25);
    }

    @Property(tries = 2000)
    void plainNumbersReadAsTheGeneralPath(@ForAll("plainNumbers") String text) {
        assertReadsAsTheGeneralPath(text);
    }

    @Property(tries = 2000)
    void formattedDoublesReadAsTheGeneralPath(@ForAll("formattedDoubles") String text) {
        assertReadsAsTheGeneralPath(text);
    }

    @Property(tries = 2000)
    void numberLikeTextReadsAsTheGeneralPath(@ForAll("numberLikeText") String text) {
        assertReadsAsTheGeneralPath(text);
    }

    /** The general paths stand for these two; checked directly, in case both paths drifted the same way. */
    @Property(tries = 2000)
    void plainNumbersAreWhatParseDoubleAndNewBigDecimalMakeOfThem(@ForAll("plainNumbers") String text) {
        Assume.that(!UNSET_DECIMALS.contains(text));

        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
                Double.doubleToRawLongBits(reader(text).readDouble()), text);
        assertEquals(Optional.of(new BigDecimal(text)), reader(text).readDecimal(), text); // equals compares scales
    }
}
