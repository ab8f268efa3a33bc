package io.github.twssupervisor.subscription;

import io.github.twssupervisor.dispatch.RequestEvent;
import java.util.Optional;

/**
 * What one domain's request -> rows -> End exchange is, for a {@link OneShotRequest}: contract details, historical
 * bars, executions, open orders. The kernel owns the rest (request id, pacer, collecting, timeout, connection loss).
 *
 * @param <R> a row of the answer
 */
public interface OneShotSpec<R> {

    /** @return what it is, for log lines and error messages ({@code reqContractDetails AAPL}) */
    String description();

    /**
     * @param requestId the request id of this request
     * @return the request
     */
    SubscriptionSpec.Message request(int requestId);

    /**
     * @param event an event delivered for the request id
     * @return the row it carries, if it is one
     */
    Optional<R> row(RequestEvent event);

    /**
     * @param event an event delivered for the request id
     * @return true if it is the End message: the answer is complete
     */
    boolean isEnd(RequestEvent event);

    /**
     * @param requestId the request id
     * @return the cancel sent when the request times out, if TWS has one (cancelHistoricalData); none by default
     */
    default Optional<SubscriptionSpec.Message> cancel(int requestId) {
        return Optional.empty();
    }

    /**
     * @param code a TWS error code carried with the request id
     * @return true (the default) if it fails the request; false for advisories, which are logged and ignored
     */
    default boolean isFatal(int code) {
        return true;
    }
}
