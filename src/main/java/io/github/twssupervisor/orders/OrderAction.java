package io.github.twssupervisor.orders;

/** The side of an order, as TWS spells it in placeOrder and openOrder (executions say {@code BOT} / {@code SLD}). */
public enum OrderAction {
    /** Buy. */
    BUY,
    /** Sell (or sell short: TWS decides from the position). */
    SELL;

    /** @return the other side, for the exit legs of a bracket */
    public OrderAction opposite() {
        return this == BUY ? SELL : BUY;
    }
}
