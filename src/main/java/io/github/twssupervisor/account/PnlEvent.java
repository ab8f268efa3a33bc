package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * What a reqPnL or reqPnLSingle subscriber receives, routed by its request id: a {@link Pnl} (account) or
 * {@link Single} (one position) about once a second until cancelled. TWS answers nothing at all to a reqPnLSingle
 * whose conId the account does not hold (TWS API documentation, "Profit &amp; Loss").
 *
 * <p><b>Unset values.</b> TWS writes a value it does not have (an empty cell in its Portfolio window) as the
 * max-double sentinel {@code 1.7976931348623157E308}; an empty field means the same. The decoders read both as
 * {@link Double#NaN}, so that a missing value can never be taken for a huge amount and poisons any sum it enters.
 * This is the rule of {@code orders.CommissionReport}'s realized P&amp;L, whose "no value" is an empty
 * {@link OptionalDouble}: {@link #value(double)} gives the same view of these doubles. Compare with
 * {@link Double#isNaN(double)}, never with {@code ==}.
 */
public sealed interface PnlEvent extends RequestEvent {

    /**
     * @param wireValue a value of these records (or of {@link AccountUpdateEvent.Portfolio})
     * @return it, or empty when TWS sent none
     */
    static OptionalDouble value(double wireValue) {
        return Double.isNaN(wireValue) ? OptionalDouble.empty() : OptionalDouble.of(wireValue);
    }

    /**
     * The account's P&amp;L (pnl, IN 94).
     *
     * @param daily      today's P&amp;L, NaN when unset
     * @param unrealized the unrealized P&amp;L, NaN when unset
     * @param realized   the realized P&amp;L, NaN when unset
     */
    record Pnl(double daily, double unrealized, double realized) implements PnlEvent {
    }

    /**
     * One position's P&amp;L (pnlSingle, IN 95).
     *
     * @param position   the quantity held (zero after it was closed today)
     * @param daily      today's P&amp;L, NaN when unset
     * @param unrealized the unrealized P&amp;L, NaN when unset
     * @param realized   the realized P&amp;L, NaN when unset
     * @param value      the position's market value, NaN when unset
     */
    record Single(BigDecimal position, double daily, double unrealized, double realized, double value)
            implements PnlEvent {
    }

    /**
     * A lifecycle signal of the subscription (see {@link Lifecycle}).
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements PnlEvent, Lifecycle.Carrier {
    }
}
