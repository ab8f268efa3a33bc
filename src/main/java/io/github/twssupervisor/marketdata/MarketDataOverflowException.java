package io.github.twssupervisor.marketdata;

/** A market data stream with the {@code Buffer} policy fell further behind than its buffer allows. */
public final class MarketDataOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what overflowed and what to do about it
     */
    public MarketDataOverflowException(String message) {
        super(message);
    }
}
