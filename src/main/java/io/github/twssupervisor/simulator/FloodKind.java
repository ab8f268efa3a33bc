package io.github.twssupervisor.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link Fault.Flood} writes, frame after frame.
 *
 * <pre>
 * notice   error id -1, code 2104 (market data farm OK): a session notice, informational
 * error    error for request id {@link FaultFrames#FLOOD_REQUEST_ID}, code 10167: a request error nobody owns
 * unknown  a frame with a message id the client has no decoder for (a raw event)
 * tick     tickPrice LAST for request id {@link FaultFrames#FLOOD_REQUEST_ID}
 * mixed    the four above, in turn
 * </pre>
 */
public enum FloodKind {
    /** Session notices (2104). */
    NOTICE,
    /** Request errors (10167) for a request id nobody owns. */
    ERROR,
    /** Frames with an unknown message id. */
    UNKNOWN,
    /** tickPrice frames. */
    TICK,
    /** All of the above in turn. */
    MIXED;

    /** @return the console word, such as {@code notice} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param word a console word
     * @return the kind it names
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static FloodKind of(String word) {
        return Arrays.stream(values()).filter(k -> k.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flood kind '" + word + "'; kinds: "
                        + Arrays.stream(values()).map(FloodKind::word).collect(Collectors.joining(", "))));
    }
}
