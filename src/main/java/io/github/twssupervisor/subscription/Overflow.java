package io.github.twssupervisor.subscription;

/**
 * What a subscription's stream does when its consumer falls behind; the connection itself never waits for a consumer.
 */
public sealed interface Overflow permits Overflow.Conflate, Overflow.Buffer {

    /**
     * Keep only the latest event per conflation key ({@link SubscriptionSpec#conflationKey}: for market data, the tick
     * field); events without a key, and every lifecycle signal, are all kept, in order.
     */
    record Conflate() implements Overflow {
    }

    /**
     * Keep up to {@code size} events, then fail the stream with {@link SubscriptionOverflowException}.
     *
     * @param size the most events held for the consumer
     */
    record Buffer(int size) implements Overflow {
        /** Validates. */
        public Buffer {
            if (size < 1) {
                throw new IllegalArgumentException("buffer size must be at least 1, was " + size);
            }
        }
    }
}
