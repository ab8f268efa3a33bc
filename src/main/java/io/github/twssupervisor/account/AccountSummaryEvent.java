package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;

/**
 * What a reqAccountSummary subscriber receives, routed by its request id (TWS-WIRE.md §5.7): one {@link Row} per
 * account and tag, then {@link End}; afterwards TWS re-sends the rows whose values changed (about every three
 * minutes) until cancelAccountSummary. The kernel's lifecycle signals travel as {@link Status}.
 */
public sealed interface AccountSummaryEvent extends RequestEvent {

    /**
     * One value (accountSummary, IN 63).
     *
     * @param account  the account id
     * @param tag      the tag, e.g. NetLiquidation
     * @param value    the value as TWS wrote it (numbers are text: {@code 246447.83})
     * @param currency the currency, empty for values that have none (AccountType)
     */
    record Row(String account, String tag, String value, String currency) implements AccountSummaryEvent {
    }

    /** Every requested value was sent once (accountSummaryEnd, IN 64); changes follow. */
    record End() implements AccountSummaryEvent {
    }

    /**
     * A lifecycle signal of the subscription (see {@link Lifecycle}).
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements AccountSummaryEvent, Lifecycle.Carrier {
    }
}
