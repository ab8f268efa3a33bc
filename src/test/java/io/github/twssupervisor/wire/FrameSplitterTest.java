package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-pass frame splitter; its agreement with the framing rules under random input is in FramingFuzzTest. */
class FrameSplitterTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }

    @Test
    void aFrameLargerThanTheBufferArrivingByteByByteComesOutWholeAndSoDoesTheNextOne() {
        byte[] large = new byte[300_000];
        Arrays.fill(large, (byte) 'x');
        byte[] stream = concat(Frames.frame(large), Frames.frame(bytes("49\0001\0")));
        FrameSplitter splitter = new FrameSplitter();
        List<byte[]> payloads = new ArrayList<>();
        for (int at = 0; at < stream.length; at += 7) {
            splitter.feed(ByteBuffer.wrap(stream, at, Math.min(7, stream.length - at)), payloads::add);
        }
        assertEquals(2, payloads.size());
        assertArrayEquals(large, payloads.get(0));
        assertArrayEquals(bytes("49\0001\0"), payloads.get(1));
        assertFalse(splitter.hasPartialFrame());
    }

    @Test
    void manyFramesInOneChunkComeOutInOrderAndAPartialOneWaits() {
        byte[] stream = concat(Frames.frame(bytes("1\0")), Frames.frame(bytes("2\0")), Frames.frame(bytes("3\0")));
        FrameSplitter splitter = new FrameSplitter();
        List<byte[]> payloads = new ArrayList<>();
        splitter.feed(ByteBuffer.wrap(stream, 0, stream.length - 1), payloads::add);
        assertEquals(List.of("1\0", "2\0"), payloads.stream().map(p -> new String(p, StandardCharsets.US_ASCII))
                .toList());
        assertTrue(splitter.hasPartialFrame(), "the third frame lacks a byte");
        splitter.feed(ByteBuffer.wrap(stream, stream.length - 1, 1), payloads::add);
        assertEquals(3, payloads.size());
        assertFalse(splitter.hasPartialFrame());
    }

    @Test
    void aViolationIsRaisedAfterThePayloadsBeforeItAreHandedOut() {
        byte[] oversized = {0x01, 0x00, 0x00, 0x00};
        byte[] stream = concat(Frames.frame(bytes("1\0")), oversized, bytes("junk"));
        List<byte[]> payloads = new ArrayList<>();
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new FrameSplitter().feed(ByteBuffer.wrap(stream), payloads::add));
        assertTrue(e.getMessage().contains("16777216"), e.getMessage());
        assertEquals(1, payloads.size());

        byte[] zero = concat(Frames.frame(bytes("2\0")), new byte[4], bytes("more"));
        payloads.clear();
        e = assertThrows(WireFormatException.class, () -> new FrameSplitter().feed(ByteBuffer.wrap(zero),
                payloads::add));
        assertTrue(e.getMessage().contains("zero-length"), e.getMessage());
        assertEquals(1, payloads.size());
    }
}
