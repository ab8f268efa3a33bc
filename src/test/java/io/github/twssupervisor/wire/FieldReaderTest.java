package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed reads of NUL-terminated fields, with IB's "unset" conventions (TWS-WIRE.md §1.1). */
class FieldReaderTest {

    /** A payload with each field followed by NUL, built by hand so that the reader is not tested with the writer. */
    private static byte[] payload(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static FieldReader reader(String... fields) {
        return new FieldReader(payload(fields));
    }

    // ---- integers ----

    @Test
    void readsIntsIncludingNegativeAndTheIntLimits() {
        FieldReader reader = reader("49", "-1", String.valueOf(Integer.MAX_VALUE), String.valueOf(Integer.MIN_VALUE));

        assertEquals(49, reader.readInt());
        assertEquals(-1, reader.readInt());
        assertEquals(Integer.MAX_VALUE, reader.readInt());
        assertEquals(Integer.MIN_VALUE, reader.readInt());
        assertFalse(reader.hasMore());
    }

    @Test
    void readsLongsUpToTheLongLimits() {
        FieldReader reader = reader("1775425766350", String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE),
                "-110");

        assertEquals(1775425766350L, reader.readLong());
        assertEquals(Long.MAX_VALUE, reader.readLong());
        assertEquals(Long.MIN_VALUE, reader.readLong());
        assertEquals(-110L, reader.readLong());
    }

    @Test
    void intOverflowIsAWireFormatErrorNamingTheField() {
        String justAboveInt = String.valueOf((long) Integer.MAX_VALUE + 1);
        FieldReader reader = reader("4", justAboveInt);
        reader.skip();

        WireFormatException e = assertThrows(WireFormatException.class, reader::readInt);
        assertTrue(e.getMessage().contains("field 1"), e.getMessage());
    }

    @Test
    void intUnderflowIsAWireFormatError() {
        FieldReader reader = reader(String.valueOf((long) Integer.MIN_VALUE - 1));

        assertThrows(WireFormatException.class, reader::readInt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "99999999999999999999"})
    void longOverflowIsAWireFormatErrorNamingTheField(String tooBig) {
        FieldReader reader = reader("11", "-1", tooBig);
        reader.skip();
        reader.skip();

        WireFormatException e = assertThrows(WireFormatException.class, reader::readLong);
        assertTrue(e.getMessage().contains("field 2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "1.5", "12a", " 1", "abc", "0x10"})
    void nonIntegerTextIsAWireFormatError(String text) {
        assertThrows(WireFormatException.class, () -> reader(text).readInt());
        assertThrows(WireFormatException.class, () -> reader(text).readLong());
    }

    @Test
    void emptyIntAndLongReadAsZero() {
        FieldReader reader = reader("", "");

        assertEquals(0, reader.readInt());
        assertEquals(0L, reader.readLong());
    }

    @Test
    void emptyReadsAsTheUnsetSentinelWhenAskedFor() {
        FieldReader reader = reader("", "", "7");

        assertEquals(Integer.MAX_VALUE, reader.readIntOrUnset());
        assertEquals(Long.MAX_VALUE, reader.readLongOrUnset());
        assertEquals(7, reader.readIntOrUnset());
    }

    // ---- doubles ----

    @Test
    void readsPlainDoubles() {
        FieldReader reader = reader("150.25", "0", "0.0", "-68.051912");

        assertEquals(150.25, reader.readDouble());
        assertEquals(0.0, reader.readDouble());
        assertEquals(0.0, reader.readDouble());
        assertEquals(-68.051912, reader.readDouble());
    }

    @Test
    void readsInfinities() {
        FieldReader reader = reader("Infinity", "-Infinity");

        assertEquals(Double.POSITIVE_INFINITY, reader.readDouble());
        assertEquals(Double.NEGATIVE_INFINITY, reader.readDouble());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.7976931348623157E308", "1.7976931348623157e+308"})
    void readsTheMaxDoubleSentinelInBothExponentSpellings(String sentinel) {
        assertEquals(Double.MAX_VALUE, reader(sentinel).readDouble());
    }

    @Test
    void emptyDoubleReadsAsZeroOrAsTheSentinelWhenAskedFor() {
        FieldReader reader = reader("", "");

        assertEquals(0.0, reader.readDouble());
        assertEquals(Double.MAX_VALUE, reader.readDoubleOrUnset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "0x1p3", " 1", "1 ", "1d", "1f", "abc", "1e", "--1"})
    void textThatJavaWouldParseButIsNoTwsNumberIsRejected(String text) {
        FieldReader reader = reader("1", text);
        reader.skip();

        WireFormatException e = assertThrows(WireFormatException.class, reader::readDouble);
        assertTrue(e.getMessage().contains("field 1"), e.getMessage());
    }

    // ---- decimals ----

    @ParameterizedTest
    @ValueSource(strings = {"", "2147483647", "9223372036854775807", "-9223372036854775808",
        "1.7976931348623157E308", "1.7976931348623157e+308"})
    void everySpellingOfUnsetReadsAsNoDecimal(String unset) {
        assertEquals(Optional.empty(), reader(unset).readDecimal());
    }

    @Test
    void readsDecimalQuantities() {
        FieldReader reader = reader("100", "0.0001", "-110", "2829736");

        assertEquals(Optional.of(new BigDecimal("100")), reader.readDecimal());
        assertEquals(Optional.of(new BigDecimal("0.0001")), reader.readDecimal());
        assertEquals(Optional.of(new BigDecimal("-110")), reader.readDecimal());
        assertEquals(Optional.of(new BigDecimal("2829736")), reader.readDecimal());
    }

    @Test
    void nonNumericDecimalIsAWireFormatErrorNamingTheField() {
        FieldReader reader = reader("61", "3", "lots");
        reader.skip();
        reader.skip();

        WireFormatException e = assertThrows(WireFormatException.class, reader::readDecimal);
        assertTrue(e.getMessage().contains("field 2"), e.getMessage());
    }

    // ---- booleans ----

    @Test
    void boolIsAnyNonZeroIntegerAndEmptyIsFalse() {
        FieldReader reader = reader("1", "0", "", "2", "-1");

        assertTrue(reader.readBool());
        assertFalse(reader.readBool());
        assertFalse(reader.readBool());
        assertTrue(reader.readBool());
        assertTrue(reader.readBool());
    }

    // ---- structure ----

    @Test
    void readingPastTheLastFieldIsAWireFormatError() {
        FieldReader reader = reader("49", "1");
        reader.skip();
        reader.skip();

        assertFalse(reader.hasMore());
        assertThrows(WireFormatException.class, reader::readString);
        assertThrows(WireFormatException.class, reader::readInt);
        assertThrows(WireFormatException.class, reader::readDouble);
        assertThrows(WireFormatException.class, reader::readDecimal);
        assertThrows(WireFormatException.class, reader::skip);
    }

    @Test
    void emptyPayloadHasNoField() {
        FieldReader reader = new FieldReader(new byte[0]);

        assertFalse(reader.hasMore());
        assertEquals(0, reader.remainingFields());
        assertThrows(WireFormatException.class, reader::readString);
    }

    @Test
    void lastFieldWithoutItsNulIsTolerated() {
        byte[] payload = "49\u00001".getBytes(StandardCharsets.US_ASCII);
        FieldReader reader = new FieldReader(payload);

        assertEquals(2, reader.remainingFields());
        assertEquals(49, reader.readInt());
        assertEquals(1, reader.readInt());
        assertFalse(reader.hasMore());
    }

    @Test
    void emptyFieldsAreFieldsToo() {
        FieldReader reader = reader("4", "", "");

        assertEquals(3, reader.remainingFields());
        assertEquals("4", reader.readString());
        assertEquals("", reader.readString());
        assertEquals("", reader.readString());
        assertFalse(reader.hasMore());
    }

    @Test
    void remainingFieldsAndFieldIndexFollowTheReads() {
        FieldReader reader = reader("4", "2", "-1", "2104", "text", "");

        assertEquals(6, reader.remainingFields());
        assertEquals(0, reader.fieldIndex());
        reader.skip();
        reader.readInt();

        assertEquals(4, reader.remainingFields());
        assertEquals(2, reader.fieldIndex());
    }

    @Test
    void readsOnlyTheGivenSliceOfABuffer() {
        byte[] framed = Frames.frame(payload("49", "1"));
        byte[] buffer = new byte[framed.length + 3];
        System.arraycopy(framed, 0, buffer, 0, framed.length);
        buffer[framed.length] = '9';
        FieldReader reader = new FieldReader(buffer, WireLimits.LENGTH_PREFIX_BYTES,
                framed.length - WireLimits.LENGTH_PREFIX_BYTES);

        assertEquals(2, reader.remainingFields());
        assertEquals(49, reader.readInt());
        assertEquals(1, reader.readInt());
        assertFalse(reader.hasMore());
    }

    // ---- text ----

    @Test
    void readsUtf8Text() {
        assertEquals("Zürich Börse 中国", reader("Zürich Börse 中国").readString());
    }

    @Test
    void bytesThatAreNotUtf8DoNotThrow() {
        // "中国" in GB2312, the start of the time-zone name in TWS-WIRE.md §9 item 3.
        byte[] gb2312Zone = {(byte) 0xD6, (byte) 0xD0, (byte) 0xB9, (byte) 0xFA, 0};
        byte[] payload = new byte[gb2312Zone.length + 2];
        payload[0] = 'x';
        payload[1] = 0;
        System.arraycopy(gb2312Zone, 0, payload, 2, gb2312Zone.length);
        FieldReader reader = new FieldReader(payload);

        assertEquals("x", reader.readString());
        String zone = assertDoesNotThrow(reader::readString);
        assertFalse(zone.isEmpty());
        assertFalse(reader.hasMore());
    }
}
