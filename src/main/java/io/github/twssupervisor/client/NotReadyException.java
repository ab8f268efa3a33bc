package io.github.twssupervisor.client;

import io.github.twssupervisor.connection.FailureReason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The connection was not READY in time: {@link TwsClient#ready(Duration)} fails with this, naming why the last attempt
 * failed ({@code CONNECT_REFUSED}, {@code UNKNOWN_HOST}, {@code CLIENT_ID_IN_USE}, ...) instead of an ask timeout. The
 * client keeps trying in the background; only the wait is over.
 */
public final class NotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: a reason is for the process that saw it. */
    private final transient FailureReason lastFailure;

    /**
     * @param message     for a person
     * @param lastFailure why the last attempt failed, or null if none failed yet
     */
    public NotReadyException(String message, FailureReason lastFailure) {
        super(message);
        this.lastFailure = lastFailure;
    }

    /** @return why the last attempt failed, if one did */
    public Optional<FailureReason> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * @param failure     what the wait for READY failed with
     * @param timeout     how long it waited
     * @param target      {@code host:port client id N}, for the message
     * @param lastFailure the connection's last failure, if any
     * @return this exception for a timeout, the failure itself otherwise
     */
    static RuntimeException of(Throwable failure, Duration timeout, String target,
                               Optional<FailureReason> lastFailure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!(cause instanceof TimeoutException)) {
            return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        return new NotReadyException("not READY with TWS at " + target + " within " + timeout.toMillis() + " ms: "
                + lastFailure.map(FailureReason::toString).orElse("no attempt has failed yet (still connecting or "
                + "handshaking)"), lastFailure.orElse(null));
    }
}
