package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The length prefix, the field split and the log renderings (TWS-WIRE.md §1). */
class FramesTest {

    /** {@code 49|1|}: reqCurrentTime, TWS-WIRE.md §1 item 2. */
    private static final byte[] REQ_CURRENT_TIME_PAYLOAD = {'4', '9', 0, '1', 0};

    @Test
    void abbreviateKeepsShortValuesAndCutsLongOnesCountingTheRest() {
        String forty = "x".repeat(Frames.QUOTE_LIMIT);
        assertEquals(forty, Frames.abbreviate(forty));
        assertEquals(forty + "...(10000 chars)", Frames.abbreviate("x".repeat(10_000)));
        assertEquals("abc...(5 chars)", Frames.abbreviate("abcde", 3));
    }

    @Test
    void zeroLengthIsAWireFormatError() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> Frames.checkLength(0));

        assertTrue(e.getMessage().contains("zero-length"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {WireLimits.MAX_FRAME_PAYLOAD + 1L, 0xFFFFFFFFL})
    void lengthAboveTheMaximumIsAWireFormatErrorNamingBothNumbers(long length) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> Frames.checkLength(length));

        assertTrue(e.getMessage().contains(String.valueOf(length)), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(WireLimits.MAX_FRAME_PAYLOAD)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, WireLimits.MAX_FRAME_PAYLOAD})
    void lengthsFromOneToTheMaximumAreAccepted(long length) {
        assertDoesNotThrow(() -> Frames.checkLength(length));
    }

    @Test
    void maximumIsTheOfficialClientsLimit() {
        // TWS-WIRE.md §1 item 4: MAX_MSG_LEN = 0xFFFFFF.
        assertEquals(16_777_215, WireLimits.MAX_FRAME_PAYLOAD);
    }

    @Test
    void readLengthIsBigEndianAndUnsigned() {
        assertEquals(5L, Frames.readLength(new byte[] {0, 0, 0, 5}, 0));
        assertEquals(0x01020304L, Frames.readLength(new byte[] {1, 2, 3, 4}, 0));
        assertEquals(0xFFFFFFFFL, Frames.readLength(new byte[] {-1, -1, -1, -1}, 0));
        assertEquals(0x80L, Frames.readLength(new byte[] {9, 0, 0, 0, (byte) 0x80}, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x123456, WireLimits.MAX_FRAME_PAYLOAD})
    void writeLengthAndReadLengthRoundTrip(int length) {
        byte[] buffer = new byte[6];
        Frames.writeLength(buffer, 2, length);

        assertEquals(length, Frames.readLength(buffer, 2));
        assertEquals(0, buffer[0]);
        assertEquals(0, buffer[1]);
    }

    @Test
    void writeLengthPutsTheMostSignificantByteFirst() {
        byte[] buffer = new byte[4];
        Frames.writeLength(buffer, 0, WireLimits.MAX_FRAME_PAYLOAD);

        assertArrayEquals(new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, buffer);
    }

    @Test
    void frameIsTheLengthPrefixFollowedByThePayload() {
        // TWS-WIRE.md §1 item 2: 00 00 00 05 34 39 00 31 00
        assertArrayEquals(new byte[] {0, 0, 0, 5, '4', '9', 0, '1', 0}, Frames.frame(REQ_CURRENT_TIME_PAYLOAD));
    }

    @Test
    void frameOfAnEmptyPayloadIsAWireFormatError() {
        assertThrows(WireFormatException.class, () -> Frames.frame(new byte[0]));
    }

    @Test
    void fieldsSplitsOnNulAndDropsTheEmptyTailAfterTheLastNul() {
        assertEquals(List.of("49", "1"), Frames.fields(REQ_CURRENT_TIME_PAYLOAD));
    }

    @Test
    void fieldsKeepsEmptyFieldsInsideThePayload() {
        byte[] startApi = {'7', '1', 0, '2', 0, '7', 0, 0};

        assertEquals(List.of("71", "2", "7", ""), Frames.fields(startApi));
    }

    @Test
    void fieldsOfAnEmptyPayloadIsEmpty() {
        assertEquals(List.of(), Frames.fields(new byte[0]));
    }

    @Test
    void printableShowsNulAsPipeAndOtherUnprintablesAsQuestionMarks() {
        byte[] payload = {'4', 0, 'a', ' ', '~', 0x7F, 0x01, (byte) 0xD6, 0};

        assertEquals("4|a ~???|", Frames.printable(payload, 100));
    }

    @Test
    void printableTruncatesAtTheLimitWithAnEllipsis() {
        assertEquals("49|...", Frames.printable(REQ_CURRENT_TIME_PAYLOAD, 3));
        assertEquals("49|1|", Frames.printable(REQ_CURRENT_TIME_PAYLOAD, REQ_CURRENT_TIME_PAYLOAD.length));
    }

    @Test
    void hexShowsTwoLowerCaseDigitsPerByte() {
        byte[] payload = {0, 0x0A, 0x7F, (byte) 0x80, (byte) 0xFF};

        assertEquals("00 0a 7f 80 ff", Frames.hex(payload, 100));
    }

    @Test
    void hexTruncatesAtTheLimitWithAnEllipsis() {
        assertEquals("34 39 ...", Frames.hex(REQ_CURRENT_TIME_PAYLOAD, 2));
        assertEquals("", Frames.hex(new byte[0], 10));
    }
}
