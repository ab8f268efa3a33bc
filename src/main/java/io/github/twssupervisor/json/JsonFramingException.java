package io.github.twssupervisor.json;

/**
 * A peer announced a frame over the maximum: the stream fails with this before a byte of the frame is held, and the
 * connection is closed (the frame boundaries can no longer be trusted).
 */
public final class JsonFramingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was announced and what the maximum is */
    public JsonFramingException(String message) {
        super(message);
    }
}
