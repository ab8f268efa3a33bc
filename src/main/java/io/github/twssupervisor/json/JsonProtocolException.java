package io.github.twssupervisor.json;

import java.util.Objects;
import java.util.Optional;

/**
 * A payload that is not a message of the JSON profile: not JSON, not an object, no type, or a field missing or of the
 * wrong kind. The message says which, in words a person can act on; {@link #receivedType()} names the type when it
 * could be read, so that a server can echo it in its {@code error} reply.
 */
public final class JsonProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Serializable form of the optional type (Optional is not serializable). */
    private final String receivedType;

    /**
     * @param message      what is wrong, e.g. {@code missing field "content" in echo}
     * @param receivedType the message's type, if it could be read
     */
    public JsonProtocolException(String message, Optional<String> receivedType) {
        super(message);
        this.receivedType = Objects.requireNonNull(receivedType, "receivedType").orElse(null);
    }

    /** @return the {@code "type"} of the refused message, if it could be read */
    public Optional<String> receivedType() {
        return Optional.ofNullable(receivedType);
    }
}
