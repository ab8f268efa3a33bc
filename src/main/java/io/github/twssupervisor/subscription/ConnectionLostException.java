package io.github.twssupervisor.subscription;

/**
 * The connection was lost (or TWS lost its data, 1101) after a one-shot request went out and before its answer was
 * complete: the rows so far are not the answer, so there is none. Asking again after READY is safe.
 */
public final class ConnectionLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was lost and why
     */
    public ConnectionLostException(String message) {
        super(message);
    }
}
