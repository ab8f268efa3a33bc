package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;

/**
 * What a reqAccountUpdates subscriber receives: one account's values and portfolio, as in TWS's Account window. The
 * messages carry no request id and are routed by message kind; TWS serves one account per client at a time (a second
 * subscribe replaces the first). First every {@link Value} and {@link Portfolio} item, an {@link UpdateTime} and
 * {@link DownloadEnd}; then changed values and portfolio items, on a fill at once and otherwise about every three
 * minutes, until reqAccountUpdates(false).
 *
 * <p>Unset doubles: TWS writes "no value" as the max-double sentinel {@code 1.7976931348623157E308} (or an empty
 * field). The decoders give {@link Double#NaN} for it, here as in {@link PnlEvent}; see {@link PnlEvent#value(double)}.
 */
public sealed interface AccountUpdateEvent extends RequestEvent {

    /**
     * One account value (accountValue, IN 6).
     *
     * @param key      the key, e.g. NetLiquidation, CashBalance, AccountCode
     * @param value    the value as TWS wrote it
     * @param currency its currency; empty for values that have none, {@code BASE} for the base-currency total
     * @param account  the account id
     */
    record Value(String key, String value, String currency, String account) implements AccountUpdateEvent {
    }

    /**
     * One portfolio item (portfolioValue, IN 7).
     *
     * @param contract      the contract; the primary exchange is in {@link Contract#primaryExchange()}, the exchange
     *                      is empty
     * @param position      the quantity held, negative when short
     * @param marketPrice   the price of one unit
     * @param marketValue   position × price × multiplier
     * @param averageCost   the average cost, the multiplier included
     * @param unrealizedPnl the unrealized profit and loss, NaN when TWS sent none
     * @param realizedPnl   the realized profit and loss, NaN when TWS sent none
     * @param account       the account id
     */
    record Portfolio(Contract contract, BigDecimal position, double marketPrice, double marketValue,
                     double averageCost, double unrealizedPnl, double realizedPnl, String account)
            implements AccountUpdateEvent {
    }

    /**
     * When the account was last updated (accountUpdateTime, IN 8).
     *
     * @param time {@code HH:mm} as TWS writes it
     */
    record UpdateTime(String time) implements AccountUpdateEvent {
    }

    /**
     * The account's values and portfolio were all sent once (accountDownloadEnd, IN 54).
     *
     * @param account the account id
     */
    record DownloadEnd(String account) implements AccountUpdateEvent {
    }

    /**
     * A lifecycle signal of the subscription (see {@link Lifecycle}).
     *
     * @param lifecycle the signal
     */
    record Status(Lifecycle lifecycle) implements AccountUpdateEvent, Lifecycle.Carrier {
    }
}
