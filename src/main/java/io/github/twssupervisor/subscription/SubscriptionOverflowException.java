package io.github.twssupervisor.subscription;

/** A subscription's stream with the {@link Overflow.Buffer} policy fell further behind than its buffer allows. */
public final class SubscriptionOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what overflowed and what to do about it
     */
    public SubscriptionOverflowException(String message) {
        super(message);
    }
}
