package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building frames field by field (TWS-WIRE.md §1, §1.1). */
class FieldWriterTest {

    private static FieldWriter writer() {
        return new FieldWriter(DoubleStyle.PYTHON);
    }

    /** The payload text with NUL shown as {@code |}, the notation of TWS-WIRE.md. */
    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.ISO_8859_1).replace('\0', '|');
    }

    @Test
    void reqCurrentTimeFrameMatchesTheBytesOfTwsWireSection1() {
        // TWS-WIRE.md §1 item 2: 00 00 00 05 34 39 00 31 00
        byte[] expected = {0, 0, 0, 5, '4', '9', 0, '1', 0};

        assertArrayEquals(expected, writer().writeInt(49).writeInt(1).toFrame());
    }

    @Test
    void everyFieldIncludingTheLastEndsWithNul() {
        byte[] payload = writer().writeInt(4).writeLong(-1L).writeString("a b").writeEmpty().toPayload();

        assertEquals("4|-1|a b||", text(payload));
    }

    @Test
    void writesBooleansAsOneAndZero() {
        assertEquals("1|0|", text(writer().writeBool(true).writeBool(false).toPayload()));
    }

    @Test
    void writesLongLimits() {
        byte[] payload = writer().writeLong(Long.MIN_VALUE).writeLong(Long.MAX_VALUE).toPayload();

        assertEquals(Long.MIN_VALUE + "|" + Long.MAX_VALUE + "|", text(payload));
    }

    /** Integers are written straight into the frame: the digits must be what Long.toString spells. */
    @Property
    void writesAnyLongAsLongToStringSpellsIt(@ForAll long value) {
        assertEquals(value + "|", text(writer().writeLong(value).toPayload()));
    }

    @Property
    void writesAnyIntAsIntegerToStringSpellsIt(@ForAll int value) {
        assertEquals(value + "|", text(writer().writeInt(value).toPayload()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 9, 10, -9, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE,
        999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1})
    void writesIntegersAtDigitCountBoundaries(long value) {
        assertEquals(value + "|" + value + "|", text(writer().writeLong(value).writeLong(value).toPayload()));
    }

    @Test
    void unsetIntAndDoubleAreWrittenAsEmptyFields() {
        byte[] payload = writer().writeIntOrEmpty(Integer.MAX_VALUE).writeDoubleOrEmpty(Double.MAX_VALUE)
                .writeDecimal(null).writeString(null).toPayload();

        assertEquals("||||", text(payload));
    }

    @Test
    void setIntAndDoubleAreWrittenAsNumbers() {
        byte[] payload = writer().writeIntOrEmpty(0).writeDoubleOrEmpty(150.0).toPayload();

        assertEquals("0|150.0|", text(payload));
    }

    @Test
    void plainWriteDoubleSpellsTheSentinelLikeTheOfficialPythonClient() {
        // TWS-WIRE.md §1.1: the official Python client writes 1.7976931348623157e+308.
        assertEquals("1.7976931348623157e+308|", text(writer().writeDouble(Double.MAX_VALUE).toPayload()));
        assertEquals("1.7976931348623157E308|",
                text(new FieldWriter(DoubleStyle.JAVA).writeDouble(Double.MAX_VALUE).toPayload()));
    }

    @Test
    void decimalsAreWrittenAsPlainText() {
        byte[] payload = writer().writeDecimal(new BigDecimal("100")).writeDecimal(new BigDecimal("0.0001"))
                .writeDecimal(new BigDecimal("1E+3")).writeDecimal(new BigDecimal("-110")).toPayload();

        assertEquals("100|0.0001|1000|-110|", text(payload));
    }

    @Test
    void writeStringAcceptsPrintableAsciiAndTabCrLf() {
        StringBuilder allowed = new StringBuilder("\t\r\n");
        for (char c = 0x20; c <= 0x7E; c++) {
            allowed.append(c);
        }

        assertEquals(allowed + "|", text(writer().writeString(allowed.toString()).toPayload()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "é", "Zürich", "\u0001", "\u001F", "\u007F", "\u0085", "中"})
    void writeStringRejectsNulNonAsciiAndControlCharacters(String bad) {
        FieldWriter writer = writer();

        assertThrows(IllegalArgumentException.class, () -> writer.writeString(bad));
    }

    @Test
    void frameOfNothingIsAWireFormatError() {
        assertThrows(WireFormatException.class, () -> writer().toFrame());
    }

    @Test
    void frameOfOneEmptyFieldIsOneNul() {
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0}, writer().writeEmpty().toFrame());
    }

    @Test
    void lengthPrefixIsBigEndianAbove255Bytes() {
        int payloadLength = 0x1234;
        byte[] frame = writer().writeString("x".repeat(payloadLength - 1)).toFrame();

        assertArrayEquals(new byte[] {0x00, 0x00, 0x12, 0x34}, Arrays.copyOf(frame, 4));
        assertEquals(WireLimits.LENGTH_PREFIX_BYTES + payloadLength, frame.length);
    }

    @Test
    void lengthPrefixIsBigEndianAbove65535Bytes() {
        int payloadLength = 0x01_02_03;
        byte[] frame = writer().writeString("x".repeat(payloadLength - 1)).toFrame();

        assertArrayEquals(new byte[] {0x00, 0x01, 0x02, 0x03}, Arrays.copyOf(frame, 4));
        assertEquals(WireLimits.LENGTH_PREFIX_BYTES + payloadLength, frame.length);
        assertEquals(0, frame[frame.length - 1]);
    }

    @Test
    void payloadAboveTheFrameLimitIsAWireFormatError() {
        FieldWriter writer = writer().writeString("x".repeat(WireLimits.MAX_FRAME_PAYLOAD));

        assertThrows(WireFormatException.class, writer::toFrame);
    }

    @Test
    void payloadOfExactlyTheFrameLimitIsAccepted() {
        byte[] frame = writer().writeString("x".repeat(WireLimits.MAX_FRAME_PAYLOAD - 1)).toFrame();

        assertArrayEquals(new byte[] {0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, Arrays.copyOf(frame, 4));
    }

    @Test
    void frameOfWritesTheFieldsInOrder() {
        byte[] frame = FieldWriter.frameOf(List.of("71", "2", "7", ""));

        assertEquals("71|2|7||", text(Arrays.copyOfRange(frame, 4, frame.length)));
        assertEquals(frame.length - 4, Frames.readLength(frame, 0));
    }

    @Test
    void toStringShowsTheFieldsWrittenSoFar() {
        assertEquals("49|1|", writer().writeInt(49).writeInt(1).toString());
    }
}
