package io.github.twssupervisor.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream, as it arrives in chunks of any size, into frame payloads (TWS-WIRE.md §1): one pass over each
 * chunk, one copy per payload. A zero-length frame or a length above {@link WireLimits#MAX_FRAME_PAYLOAD} is refused
 * as soon as its 4 length bytes are in, so nothing waits for, or buffers towards, an announced gigabyte.
 *
 * <pre>
 * chunk 1: | len | payload | len | pay     chunk 2: load | len | payload |
 *          \__ handed out __/ \__ kept: the start of the next frame __/
 * </pre>
 *
 * Not thread-safe: one per connection.
 */
public final class FrameSplitter {

    /** Enough for a TCP read of frames of any usual size; a larger frame grows the buffer to fit it. */
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;

    /**
     * Appends a chunk and hands out each payload that is now complete, in order.
     *
     * @param chunk    the next bytes of the stream; read from its position to its limit
     * @param payloads receives each complete payload, without its length prefix
     * @throws WireFormatException at a zero-length or oversized frame; the payloads before it have been handed out
     */
    public void feed(ByteBuffer chunk, Consumer<byte[]> payloads) {
        makeRoom(chunk.remaining());
        int length = chunk.remaining();
        chunk.get(buffer, end, length);
        end += length;
        while (end - start >= WireLimits.LENGTH_PREFIX_BYTES) {
            long payloadLength = Frames.readLength(buffer, start);
            Frames.checkLength(payloadLength);
            int frameEnd = start + WireLimits.LENGTH_PREFIX_BYTES + (int) payloadLength;
            if (frameEnd > end) {
                break;
            }
            payloads.accept(Arrays.copyOfRange(buffer, start + WireLimits.LENGTH_PREFIX_BYTES, frameEnd));
            start = frameEnd;
        }
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > INITIAL_CAPACITY) {
                buffer = new byte[INITIAL_CAPACITY]; // a large frame passed: give its memory back
            }
        }
    }

    /** @return bytes of a frame not complete yet: at the end of the stream, a truncated frame */
    public boolean hasPartialFrame() {
        return end > start;
    }

    private void makeRoom(int incoming) {
        if (buffer.length - end >= incoming) {
            return;
        }
        int pending = end - start;
        int needed = pending + incoming;
        byte[] target = needed <= buffer.length ? buffer : new byte[Math.max(needed, buffer.length * 2)];
        System.arraycopy(buffer, start, target, 0, pending);
        buffer = target;
        start = 0;
        end = pending;
    }
}
