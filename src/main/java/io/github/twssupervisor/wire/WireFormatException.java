package io.github.twssupervisor.wire;

/**
 * A frame or field that does not follow TWS-WIRE.md. Thrown by the pure codecs and turned into a value
 * ({@code DecodeFailure}) or a protocol-violation reason by their callers, never allowed to kill a connection actor.
 */
public final class WireFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the field or frame
     */
    public WireFormatException(String message) {
        super(message);
    }
}
