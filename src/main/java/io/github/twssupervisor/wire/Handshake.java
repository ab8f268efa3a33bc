package io.github.twssupervisor.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The unframed start of a TWS session (TWS-WIRE.md §2).
 *
 * <pre>
 * client: 41 50 49 00 | 00 00 00 09 | "v176..200"          "API\0", then one frame whose payload has no NUL
 * server: 00 00 00 1a | "176" 00 "20261122 10:30:00 UTC" 00   serverVersion, connectionTime
 * </pre>
 *
 * A TWS frame's length is at most 0xFFFFFF, so the first byte a TWS server sends is {@code 00}: a peer whose first byte
 * is anything else is not TWS ({@link #notTwsReply}), and an HTTP server's {@code HTTP/1.1 400} is recognised by name.
 */
public final class Handshake {

    private static final byte[] PREAMBLE = {'A', 'P', 'I', 0};

    private Handshake() {
    }

    /** @return a copy of the 4 preamble bytes {@code API\0} */
    public static byte[] preamble() {
        return PREAMBLE.clone();
    }

    /**
     * @param bytes the first 4 bytes a client sent
     * @return true if they are {@code API\0}
     */
    public static boolean isPreamble(byte[] bytes) {
        return Arrays.equals(bytes, PREAMBLE);
    }

    /** How much of a peer's first line {@link #notTwsReply} quotes. */
    private static final int QUOTED = 60;

    /**
     * Looks at the first bytes a server sent in answer to {@link #clientHello}.
     *
     * @param first the first bytes received, at least the 4 of a frame length to decide
     * @return why they cannot be the start of a TWS reply ({@code looks like an HTTP server, not TWS: it answered
     *     'HTTP/1.1 400 Bad Request'}); empty if they can, or if fewer than 4 bytes came
     */
    public static Optional<String> notTwsReply(byte[] first) {
        if (first.length < WireLimits.LENGTH_PREFIX_BYTES || first[0] == 0) {
            return Optional.empty();
        }
        int end = 0;
        while (end < first.length && end < QUOTED && first[end] >= 0x20 && first[end] < 0x7F) {
            end++;
        }
        String line = new String(first, 0, end, StandardCharsets.US_ASCII);
        if (line.startsWith("HTTP/")) {
            return Optional.of("looks like an HTTP server, not TWS: it answered '" + line + "'");
        }
        if (end >= WireLimits.LENGTH_PREFIX_BYTES) {
            return Optional.of("not TWS: it answered '" + line + "', which is no TWS frame");
        }
        return Optional.of("not TWS: its first bytes " + Frames.hex(first, 8) + " are no TWS frame length");
    }

    /**
     * The client's one write: preamble plus the version frame.
     *
     * @param range the versions offered
     * @return the bytes to send
     */
    public static byte[] clientHello(VersionRange range) {
        byte[] version = range.toWire().getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Frames.frame(version);
        byte[] hello = Arrays.copyOf(PREAMBLE, PREAMBLE.length + frame.length);
        System.arraycopy(frame, 0, hello, PREAMBLE.length, frame.length);
        return hello;
    }

    /**
     * The server's reply frame.
     *
     * @param hello the negotiated version and connection time
     * @return a complete frame
     */
    public static byte[] serverHelloFrame(ServerHello hello) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(hello.serverVersion()).writeString(hello.connectionTime())
                .toFrame();
    }

    /**
     * The server's first frame as a client reads it.
     *
     * @param serverVersion  the negotiated version
     * @param connectionTime {@code yyyyMMdd HH:mm:ss <zone>}, free text
     */
    public record ServerHello(int serverVersion, String connectionTime) {

        /**
         * Recognises the version frame: exactly two fields, the first a positive number. Other frames that arrive
         * before it are to be ignored (the official Python client's "sometimes I get news before the server version").
         *
         * @param payload a payload read before the handshake completed
         * @return true if this is the version frame
         */
        public static boolean matches(byte[] payload) {
            FieldReader reader = new FieldReader(payload);
            if (reader.remainingFields() != 2) {
                return false;
            }
            String first = reader.readString();
            // ASCII digits only: Character.isDigit also takes other scripts' digits, which readInt then rejects.
            return !first.isEmpty() && first.chars().allMatch(c -> c >= '0' && c <= '9') && first.length() < 10;
        }

        /**
         * The official clients take the first frame of two fields for the version frame, and fail if its first field
         * is no number; so does this client, while it ignores frames of other shapes that come before it.
         *
         * @param payload a payload read before the handshake completed
         * @return true if it has the version frame's two fields, whatever they hold
         */
        public static boolean hasVersionFrameShape(byte[] payload) {
            return new FieldReader(payload).remainingFields() == 2;
        }

        /**
         * @param payload the version frame's payload
         * @return the decoded reply
         * @throws WireFormatException if it is not a version frame: {@code not a TWS server version: 'banana'} for
         *                             one of two fields whose first is no version number
         */
        public static ServerHello decode(byte[] payload) {
            if (hasVersionFrameShape(payload) && !matches(payload)) {
                throw new WireFormatException("not a TWS server version: '"
                        + Frames.printable(new FieldReader(payload).readString().getBytes(StandardCharsets.UTF_8),
                        QUOTED) + "'");
            }
            if (!matches(payload)) {
                throw new WireFormatException("'" + Frames.printable(payload, 60)
                        + "' is not a version frame serverVersion|connectionTime|");
            }
            FieldReader reader = new FieldReader(payload);
            return new ServerHello(reader.readInt(), reader.readString());
        }
    }
}
