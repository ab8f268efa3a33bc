package io.github.twssupervisor.orders;

import java.math.BigDecimal;

/**
 * One orderStatus message (TWS-WIRE.md §5.12). TWS repeats these; the order book applies only the ones that change
 * something.
 *
 * @param orderId       the order id
 * @param status        the status
 * @param filled        the quantity filled so far
 * @param remaining     the quantity still working
 * @param avgFillPrice  the average price of the fills so far, 0 before any
 * @param permId        TWS's permanent id of the order
 * @param parentId      the parent's order id, 0 for none
 * @param lastFillPrice the price of the last fill, 0 before any
 * @param clientId      the API client id that placed it
 * @param whyHeld       why TWS holds it ({@code locate}), or empty
 * @param mktCapPrice   the price TWS capped a market order at, 0 for none
 */
public record OrderStatusReport(int orderId, OrderStatus status, BigDecimal filled, BigDecimal remaining,
                                double avgFillPrice, long permId, int parentId, double lastFillPrice, int clientId,
                                String whyHeld, double mktCapPrice) {
}
