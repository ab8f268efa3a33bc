package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * An order TWS reports as completed today (completedOrder): filled, cancelled or inactive. TWS's completedOrder carries
 * no order id; the permanent id identifies it.
 *
 * @param contract        what it traded
 * @param action          buy or sell
 * @param totalQuantity   the ordered quantity
 * @param orderType       TWS's type name
 * @param limitPrice      the limit, if any
 * @param auxPrice        the stop price or trailing amount, if any
 * @param tif             TWS's time in force
 * @param account         the account
 * @param orderRef        the placer's reference
 * @param permId          TWS's permanent id of the order
 * @param parentPermId    the parent's permanent id, 0 for none
 * @param status          the final status
 * @param filledQuantity  how much filled
 * @param completedTime   when, as TWS wrote it
 * @param completedStatus TWS's text for how it completed ({@code Filled Size: 100}, {@code Cancelled by Trader})
 */
public record CompletedOrder(Contract contract, OrderAction action, BigDecimal totalQuantity, String orderType,
                             OptionalDouble limitPrice, OptionalDouble auxPrice, String tif, String account,
                             String orderRef, long permId, long parentPermId, OrderStatus status,
                             BigDecimal filledQuantity, String completedTime, String completedStatus) {
}
