package io.github.twssupervisor.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's version offer in the handshake: {@code v<min>..<max>}, or {@code v<n>} when min equals max (the official
 * Java client), optionally followed by a space and connect options such as {@code +PACEAPI} (TWS-WIRE.md §2.1).
 *
 * @param min            lowest server version the client speaks
 * @param max            highest server version the client speaks
 * @param connectOptions connect options, empty when none
 */
public record VersionRange(int min, int max, String connectOptions) {

    private static final Pattern WIRE_FORM = Pattern.compile("v(\\d{1,9})(?:\\.\\.(\\d{1,9}))?(?: (.*))?", Pattern.DOTALL);

    /** Validates the range. */
    public VersionRange {
        if (min <= 0 || max < min) {
            throw new IllegalArgumentException("invalid version range " + min + ".." + max);
        }
        connectOptions = connectOptions == null ? "" : connectOptions;
    }

    /**
     * The server's side of the negotiation: the highest version both sides speak (TWS-WIRE.md §2.2).
     *
     * @param serverMax the highest version the server speaks
     * @return {@code min(max, serverMax)}, or empty when that is below {@link #min()}: the ranges do not overlap
     */
    public Optional<Integer> negotiate(int serverMax) {
        return negotiate(1, serverMax);
    }

    /**
     * The server's side of the negotiation for a server that speaks only {@code serverMin..serverMax}.
     *
     * @param serverMin the lowest version the server speaks
     * @param serverMax the highest version the server speaks
     * @return {@code min(max, serverMax)}, or empty when that is below {@link #min()} or below {@code serverMin}
     */
    public Optional<Integer> negotiate(int serverMin, int serverMax) {
        int version = Math.min(max, serverMax);
        return version >= Math.max(min, serverMin) ? Optional.of(version) : Optional.empty();
    }

    /** @return the version string as sent: {@code v176..200}, with connect options after a space if any */
    public String toWire() {
        return "v" + min + ".." + max + (connectOptions.isEmpty() ? "" : " " + connectOptions);
    }

    /**
     * @param payload the payload of the client's first frame
     * @return the range
     * @throws WireFormatException if the payload is not a version offer
     */
    public static VersionRange parse(byte[] payload) {
        // Tolerate a trailing NUL: @stoqey/ib and the official clients send none, a sloppy client might.
        int length = payload.length > 0 && payload[payload.length - 1] == 0 ? payload.length - 1 : payload.length;
        String text = new String(payload, 0, length, StandardCharsets.ISO_8859_1);
        Matcher m = WIRE_FORM.matcher(text);
        if (!m.matches()) {
            throw new WireFormatException("first frame '" + Frames.printable(payload, 40)
                    + "' is not a version offer v<min>..<max>");
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        if (min <= 0 || max < min) {
            throw new WireFormatException("version offer '" + Frames.abbreviate(text) + "' is not a valid range");
        }
        return new VersionRange(min, max, m.group(3));
    }
}
