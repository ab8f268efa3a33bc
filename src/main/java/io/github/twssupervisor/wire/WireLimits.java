package io.github.twssupervisor.wire;

/**
 * Size limits of the TWS framing (TWS-WIRE.md §1).
 *
 * <pre>
 * +----------------------------+---------------------------------------------+
 * | length: uint32 big-endian  | payload: field NUL field NUL ... field NUL  |
 * +----------------------------+---------------------------------------------+
 *   4 bytes, counts the payload   1 .. 0xFFFFFF bytes
 * </pre>
 */
public final class WireLimits {

    /** Bytes of the length prefix in front of every frame. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    /**
     * Largest payload the official clients accept ({@code MAX_MSG_LEN} / {@code MAX_MSG_LENGTH} = 0xFFFFFF); a longer
     * announced length is a protocol violation, never an allocation.
     */
    public static final int MAX_FRAME_PAYLOAD = 0xFFFFFF;

    /** The field terminator. */
    public static final byte NUL = 0;

    private WireLimits() {
    }
}
