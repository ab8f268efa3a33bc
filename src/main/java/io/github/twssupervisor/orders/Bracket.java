package io.github.twssupervisor.orders;

/**
 * A parent order with a take-profit and a stop-loss attached: placed as three orders with consecutive ids, the children
 * naming the parent, only the last transmitted (so TWS activates none before it has all three), the children in one
 * OCA group so that one filling cancels the other.
 *
 * @param parent     the entry
 * @param takeProfit the exit at a profit (a limit order on the other side)
 * @param stopLoss   the exit at a loss (a stop order on the other side)
 */
public record Bracket(Order parent, Order takeProfit, Order stopLoss) {

    /** Checks the legs fit together; messages name the leg. */
    public Bracket {
        if (parent == null || takeProfit == null || stopLoss == null) {
            throw new IllegalArgumentException("invalid bracket: parent, takeProfit and stopLoss are required");
        }
        for (Order exit : new Order[] {takeProfit, stopLoss}) {
            if (exit.action() != parent.action().opposite()) {
                throw new IllegalArgumentException("invalid bracket: the exits must " + parent.action().opposite()
                        + " against a " + parent.action() + " parent");
            }
            if (exit.totalQuantity().compareTo(parent.totalQuantity()) != 0) {
                throw new IllegalArgumentException("invalid bracket: the exits must have the parent's quantity "
                        + parent.totalQuantity().toPlainString());
            }
        }
    }

    /**
     * @param action          the entry's side
     * @param quantity        &gt; 0
     * @param entryLimit      the entry's limit price
     * @param takeProfitLimit the take-profit's limit price
     * @param stopLossStop    the stop-loss's stop price
     * @return the bracket, DAY
     */
    public static Bracket of(OrderAction action, double quantity, double entryLimit, double takeProfitLimit,
                             double stopLossStop) {
        return new Bracket(Order.limit(action, quantity, entryLimit),
                Order.limit(action.opposite(), quantity, takeProfitLimit),
                Order.stop(action.opposite(), quantity, stopLossStop));
    }
}
