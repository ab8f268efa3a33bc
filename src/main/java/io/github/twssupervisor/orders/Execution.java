package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import java.math.BigDecimal;

/**
 * One fill (execDetails, TWS-WIRE.md §5.13). TWS may correct an execution later: the correction has the same execId up
 * to its last dot-separated part ({@link #execIdPrefix()}) and replaces the earlier one.
 *
 * @param orderId       the order id it filled
 * @param contract      what traded
 * @param execId        TWS's execution id, unique per fill
 * @param time          when, as TWS wrote it ({@code 20260413 15:27:04 US/Eastern} or with two spaces and no zone)
 * @param account       the account
 * @param exchange      where it executed
 * @param side          {@code BOT} or {@code SLD}
 * @param shares        the quantity of this fill
 * @param price         the price of this fill
 * @param permId        TWS's permanent id of the order
 * @param clientId      the API client id that placed the order
 * @param liquidation   1 if IB liquidated the position
 * @param cumQty        the order's filled quantity including this fill
 * @param avgPrice      the order's average fill price including this fill
 * @param orderRef      the placer's reference
 * @param lastLiquidity 1 added, 2 removed, 3 routed out liquidity
 */
public record Execution(int orderId, Contract contract, String execId, String time, String account, String exchange,
                        String side, BigDecimal shares, double price, long permId, int clientId, int liquidation,
                        BigDecimal cumQty, double avgPrice, String orderRef, int lastLiquidity) {

    /** @return the execId without its last dot-separated part: a correction has the same prefix as what it corrects */
    public String execIdPrefix() {
        int dot = execId.lastIndexOf('.');
        return dot < 0 ? execId : execId.substring(0, dot);
    }
}
