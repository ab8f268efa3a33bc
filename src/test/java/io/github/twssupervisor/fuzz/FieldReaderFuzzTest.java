package io.github.twssupervisor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The field layer under any bytes and any sequence of typed reads, against a reference model: fields are the bytes
 * between NULs (a missing final NUL tolerated); every read takes exactly one field, also when it fails; a read past the
 * last field, or of a field that is not what the read expects, raises {@link WireFormatException} and nothing else. No
 * length is read from the wire at this layer, so nothing it returns or says can be longer than the payload.
 */
class FieldReaderFuzzTest {

    /** Longest exception message: the reader quotes at most 40 characters of a field. */
    private static final int MAX_MESSAGE = 200;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern PLAIN_NUMBER = Pattern.compile(
            "[+-]?(?:[0-9]++(?:\\.[0-9]*+)?|\\.[0-9]++)(?:[eE][+-]?[0-9]++)?"); // possessive: 10,000-digit fields
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The reads a decoder can make. */
    enum Read {
        INT, INT_OR_UNSET, LONG, LONG_OR_UNSET, BOOL, DOUBLE, DOUBLE_OR_UNSET, DECIMAL, STRING, SKIP
    }

    @Property(tries = 1500)
    void anyReadsOfAnyBytesFollowTheModel(@ForAll("payloads") byte[] payload,
                                          @ForAll @Size(max = 30) List<Read> reads) {
        List<byte[]> fields = Mutations.split(payload);
        FieldReader reader = new FieldReader(payload);
        for (Read read : reads) {
            int index = reader.fieldIndex();
            assertEquals(fields.size() - index, reader.remainingFields());
            assertEquals(index < fields.size(), reader.hasMore());
            Object value;
            try {
                value = read(reader, read);
            } catch (WireFormatException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "no reason given");
                assertTrue(e.getMessage().length() <= MAX_MESSAGE, "message of " + e.getMessage().length() + " chars");
                if (index >= fields.size()) {
                    assertEquals(index, reader.fieldIndex(), "a read past the end moved the reader");
                } else {
                    assertEquals(index + 1, reader.fieldIndex(), read + " of a bad field did not skip it");
                    assertRejectionAllowed(read, fields.get(index));
                }
                continue;
            } catch (Throwable e) { // the property under test
                throw new AssertionError(read + " of field " + index + " threw " + e, e);
            }
            assertTrue(index < fields.size(), read + " past the last field returned " + value);
            assertEquals(index + 1, reader.fieldIndex(), read + " did not take exactly one field");
            assertValue(read, fields.get(index), value, payload.length);
        }
    }

    /** A reader over a slice of a larger buffer sees only its slice. */
    @Property(tries = 500)
    void aSliceReadsLikeACopy(@ForAll("payloads") byte[] buffer, @ForAll @IntRange(max = 2000) int from,
                              @ForAll @IntRange(max = 2000) int to, @ForAll @Size(max = 30) List<Read> reads) {
        int start = Math.min(from, buffer.length);
        int end = Math.max(start, Math.min(to, buffer.length));
        FieldReader slice = new FieldReader(buffer, start, end - start);
        FieldReader copy = new FieldReader(Arrays.copyOfRange(buffer, start, end));
        for (Read read : reads) {
            assertEquals(outcome(copy, read), outcome(slice, read));
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> tiny = Arbitraries.of(new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {'-'},
                new byte[] {'1'}, new byte[] {'1', 0, '2'});
        return Arbitraries.oneOf(tiny, Mutations.noise(2000), Mutations.randomFieldsAfterInboundId(),
                Mutations.fieldValues().list().ofMaxSize(12).map(FieldReaderFuzzTest::join)).withoutEdgeCases();
    }

    private static Object read(FieldReader reader, Read read) {
        switch (read) {
            case INT:
                return reader.readInt();
            case INT_OR_UNSET:
                return reader.readIntOrUnset();
            case LONG:
                return reader.readLong();
            case LONG_OR_UNSET:
                return reader.readLongOrUnset();
            case BOOL:
                return reader.readBool();
            case DOUBLE:
                return reader.readDouble();
            case DOUBLE_OR_UNSET:
                return reader.readDoubleOrUnset();
            case DECIMAL:
                return reader.readDecimal();
            case STRING:
                return reader.readString();
            case SKIP:
                reader.skip();
                return "skipped";
            default:
                throw new IllegalStateException(read.toString());
        }
    }

    private static String outcome(FieldReader reader, Read read) {
        try {
            return String.valueOf(read(reader, read)) + " @" + reader.fieldIndex();
        } catch (WireFormatException e) {
            return "WireFormatException: " + e.getMessage() + " @" + reader.fieldIndex();
        }
    }

    /** A read that succeeded returned what the field says, in no more characters than the payload has bytes. */
    private static void assertValue(Read read, byte[] field, Object value, int payloadLength) {
        String text = new String(field, StandardCharsets.ISO_8859_1);
        switch (read) {
            case INT:
            case INT_OR_UNSET:
            case LONG:
            case LONG_OR_UNSET:
                long expected = field.length == 0 ? emptyInteger(read) : new BigInteger(text).longValueExact();
                assertEquals(expected, ((Number) value).longValue(), "'" + text + "'");
                break;
            case BOOL:
                assertEquals(field.length != 0 && new BigInteger(text).signum() != 0, value, "'" + text + "'");
                break;
            case DOUBLE:
            case DOUBLE_OR_UNSET:
                double number = (Double) value;
                assertFalse(Double.isNaN(number), "'" + text + "' read as NaN");
                if (field.length == 0) {
                    assertEquals(read == Read.DOUBLE ? 0.0 : Double.MAX_VALUE, number);
                } else if (PLAIN_NUMBER.matcher(text).matches()) {
                    assertEquals(Double.parseDouble(text), number, "'" + text + "'");
                } else {
                    assertTrue(Double.isInfinite(number), "'" + text + "' is not a number but read as " + number);
                }
                break;
            case DECIMAL:
                @SuppressWarnings("unchecked")
                Optional<BigDecimal> decimal = (Optional<BigDecimal>) value;
                if (field.length == 0) {
                    assertEquals(Optional.empty(), decimal);
                }
                decimal.ifPresent(d -> assertEquals(0, d.compareTo(new BigDecimal(utf8(field))), "'" + text + "'"));
                break;
            case STRING:
                String string = (String) value;
                assertEquals(utf8(field), string);
                assertTrue(string.length() <= payloadLength, "a string longer than its payload");
                break;
            default:
                break;
        }
    }

    /** A read may reject a field only if the field is not what it reads. */
    private static void assertRejectionAllowed(Read read, byte[] field) {
        String text = new String(field, StandardCharsets.ISO_8859_1);
        switch (read) {
            case INT:
            case INT_OR_UNSET:
            case BOOL:
                assertFalse(fits(text, INT_MIN, INT_MAX), "rejected the int '" + text + "'");
                break;
            case LONG:
            case LONG_OR_UNSET:
                assertFalse(fits(text, LONG_MIN, LONG_MAX), "rejected the long '" + text + "'");
                break;
            case DOUBLE:
            case DOUBLE_OR_UNSET:
                assertFalse(PLAIN_NUMBER.matcher(text).matches(), "rejected the number '" + text + "'");
                break;
            case DECIMAL:
                // Besides what BigDecimal refuses, the reader refuses what would be costly to keep or print: more
                // than 64 characters, digits that are not ASCII, a scale beyond +-64.
                if (text.length() <= 64 && text.chars().allMatch(c -> c < 0x80)) {
                    try {
                        BigDecimal parsed = new BigDecimal(utf8(field));
                        assertTrue(Math.abs(parsed.scale()) > 64, "rejected the decimal '" + text + "'");
                    } catch (NumberFormatException expected) {
                        // BigDecimal refuses it too
                    }
                }
                break;
            default:
                throw new AssertionError(read + " rejected '" + text + "'");
        }
    }

    private static boolean fits(String text, BigInteger min, BigInteger max) {
        if (!INTEGER.matcher(text).matches()) {
            return false;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static long emptyInteger(Read read) {
        switch (read) {
            case INT_OR_UNSET:
                return Integer.MAX_VALUE;
            case LONG_OR_UNSET:
                return Long.MAX_VALUE;
            default:
                return 0;
        }
    }

    private static String utf8(byte[] field) {
        return new String(field, StandardCharsets.UTF_8);
    }

    private static byte[] join(List<String> fields) {
        List<String> terminated = new ArrayList<>();
        fields.forEach(f -> terminated.add(f + "\0"));
        return String.join("", terminated).getBytes(StandardCharsets.ISO_8859_1);
    }
}
