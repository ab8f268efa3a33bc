package io.github.twssupervisor.history;

import io.github.twssupervisor.dispatch.RequestEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * headTimestamp (IN 88): the earliest data point TWS has for the request, routed by its request id.
 *
 * @param earliest the time of the earliest data point
 */
public record HeadTimestamp(Instant earliest) implements RequestEvent {

    /** Requires the time. */
    public HeadTimestamp {
        Objects.requireNonNull(earliest, "earliest");
    }
}
