package io.github.twssupervisor.dispatch;

import java.util.List;

/**
 * An inbound message that no domain decoded: unknown to this library, or one no domain has registered for. Delivered to
 * raw subscribers as its text fields, the escape hatch for TWS features the library does not model yet.
 *
 * @param messageId the incoming message id (first field), or -1 if the first field is not a number
 * @param fields    every field, the message id included
 */
public record RawEvent(int messageId, List<String> fields) {

    /** Copies the list. */
    public RawEvent {
        fields = List.copyOf(fields);
    }
}
