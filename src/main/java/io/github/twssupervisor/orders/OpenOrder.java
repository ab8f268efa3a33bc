package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * An order TWS reports as open (openOrder, TWS-WIRE.md §5.12), with the fields a trading service reconciles on. The
 * order type and time in force are TWS's text, so orders placed elsewhere (TWS's own window, other order types) are
 * reported too.
 *
 * @param orderId       the order id (0 for an order placed in TWS's window and not bound to the API)
 * @param contract      what it trades
 * @param action        buy or sell
 * @param totalQuantity the ordered quantity
 * @param orderType     TWS's type name ({@code LMT}, {@code STP LMT}, ...)
 * @param limitPrice    the limit, if any
 * @param auxPrice      the stop price or trailing amount, if any
 * @param tif           TWS's time in force ({@code DAY}, {@code GTC}, ...)
 * @param ocaGroup      the one-cancels-all group, or empty
 * @param account       the account
 * @param orderRef      the placer's reference
 * @param clientId      the API client id that placed it
 * @param permId        TWS's permanent id of the order, stable across sessions and client ids
 * @param parentId      the parent's order id, 0 for none
 * @param status        the order state's status
 * @param warningText   TWS's warning, or empty
 */
public record OpenOrder(int orderId, Contract contract, OrderAction action, BigDecimal totalQuantity, String orderType,
                        OptionalDouble limitPrice, OptionalDouble auxPrice, String tif, String ocaGroup, String account,
                        String orderRef, int clientId, long permId, int parentId, OrderStatus status,
                        String warningText) {
}
