package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.ServerVersion;
import java.math.BigDecimal;

/**
 * The walk through completedOrder (IN 101), both directions. TWS-WIRE.md has no table for it; the order is the official
 * decoders': Python {@code ibapi/decoder.py processCompletedOrderMsg} with {@code ibapi/orderdecoder.py}
 * ({@code nautechsystems/nautilus_ibapi}, API 10.46.01 at {@code 0496bf2}; the same calls in 10.30.01 at
 * {@code 42c1089}) and Java {@code EDecoder.processCompletedOrderMsg} with {@code EOrderDecoder}
 * ({@code xqguo/twsapi}, API 10.30.01). There is no version field and no order id, and the decoders pass version
 * {@code Integer.MAX_VALUE}, so every "version &gt;= n" block of the shared order decoder is present; only the server
 * version changes the layout. Fewer fields than openOrder: no clientId, sharesAllocation, auctionStrategy, blockOrder,
 * eTradeOnly/firmQuoteOnly/nbboPriceCap, parentId, basisPoints, optOutSmartRouting, whatIf or margins, and only 4 of
 * the delta-neutral fields.
 *
 * <pre>
 * 101|contract(11)|action|totalQuantity|orderType|lmtPrice|auxPrice|tif|ocaGroup|account|openClose|origin|orderRef|
 *    permId|outsideRth|hidden|discretionaryAmt|goodAfterTime|faGroup|faMethod|faPercentage|[sv&lt;177 faProfile]|
 *    modelCode|goodTillDate|rule80A|percentOffset|settlingFirm|shortSaleSlot|designatedLocation|exemptCode|
 *    startingPrice|stockRefPrice|delta|stockRangeLower|stockRangeUpper|displaySize|sweepToFill|allOrNone|minQty|
 *    ocaType|triggerMethod|volatility|volatilityType|deltaNeutralOrderType|deltaNeutralAuxPrice|
 *    [deltaNeutralOrderType != "": conId|shortSale|shortSaleSlot|designatedLocation]|continuousUpdate|
 *    referencePriceType|trailStopPrice|trailingPercent|comboLegsDescrip|comboLegCount [+8 each]|
 *    orderComboLegCount [+1 each]|smartComboRoutingParamsCount [+2 each]|scaleInitLevelSize|scaleSubsLevelSize|
 *    scalePriceIncrement [+7 if 0 &lt; it &lt; max]|hedgeType [+hedgeParam]|clearingAccount|clearingIntent|notHeld|
 *    deltaNeutralContract [+3]|algoStrategy [+count, +2 each]|solicited|status|randomizeSize|randomizePrice|
 *    [PEG BENCH: 5]|conditionsCount [+conditions, +2]|trailStopPrice|lmtPriceOffset|cashQty|
 *    dontUseAutoPriceForHedge|isOmsContainer|autoCancelDate|filledQuantity|refFuturesConId|autoCancelParent|
 *    shareholder|imbalanceOnly (in every version: not the sv-199 field of openOrder)|routeMarketableToBbo|
 *    parentPermId|completedTime|completedStatus|minTradeQty|minCompeteSize|competeAgainstBestOffset|
 *    midOffsetAtWhole|midOffsetAtHalf|[sv&gt;=183 customerAccount]|[sv&gt;=184 professionalCustomer]|[sv&gt;=198 submitter]
 * </pre>
 */
final class CompletedOrderLayout {

    /** What sv 183, 184 and 198 add at the end, with TWS's values. */
    private static final OrderWire.VersionedFields TAIL = OrderWire.VersionedFields.none()
            .since(ServerVersion.CUSTOMER_ACCOUNT, "") // customerAccount
            .since(ServerVersion.PROFESSIONAL_CUSTOMER, "0") // professionalCustomer
            .since(ServerVersion.SUBMITTER, ""); // submitter

    private CompletedOrderLayout() {
    }

    /**
     * @param serverVersion the negotiated version
     * @param r             positioned after the message id
     * @return the completed order
     */
    static CompletedOrder read(int serverVersion, FieldReader r) {
        Contract contract = ContractCodec.readReported(r);
        OrderAction action = OrderWire.action(r.readString());
        BigDecimal quantity = OrderWire.readQuantity(r);
        OrderWire.Terms terms = OrderWire.readTerms(r);
        long permId = r.readLong();
        r.skipping(7); // outsideRth, hidden, discretionaryAmt, goodAfterTime, faGroup, faMethod, faPercentage
        r.skipping(OrderWire.FA_PROFILE.count(serverVersion));
        r.skipping(19); // modelCode .. triggerMethod
        r.skipping(2); // volatility, volatilityType
        OrderWire.skipDeltaNeutral(r, 4);
        r.skipping(5); // continuousUpdate, referencePriceType, trailStopPrice, trailingPercent, comboLegsDescrip
        OrderWire.skipCombos(r);
        r.skipping(2);
        OrderWire.skipScalePriceIncrement(r);
        OrderWire.skipHedge(r);
        r.skipping(3); // clearingAccount, clearingIntent, notHeld
        OrderWire.skipDeltaNeutralContract(r);
        OrderWire.skipAlgo(r);
        r.skip(); // solicited
        OrderStatus status = OrderStatus.fromWire(r.readString());
        r.skipping(2); // randomizeSize, randomizePrice
        OrderWire.skipPegBenchAndConditions(r, terms.orderType());
        r.skipping(6); // trailStopPrice, lmtPriceOffset, cashQty, dontUseAutoPriceForHedge, isOmsContainer, autoCancelDate
        BigDecimal filled = OrderWire.readQuantity(r);
        r.skipping(5); // refFuturesConId, autoCancelParent, shareholder, imbalanceOnly, routeMarketableToBbo
        long parentPermId = r.readLong();
        String completedTime = r.readString();
        String completedStatus = r.readString();
        r.skipping(5); // minTradeQty .. midOffsetAtHalf
        r.skipping(TAIL.count(serverVersion));
        return new CompletedOrder(contract, action, quantity, terms.orderType(), terms.limit(), terms.aux(),
                terms.tif(), terms.account(), terms.orderRef(), permId, parentPermId, status, filled, completedTime,
                completedStatus);
    }

    /**
     * Writes completedOrder with TWS's defaults for what the record does not carry.
     *
     * @param serverVersion the negotiated version
     * @param w             positioned after the message id
     * @param o             the order
     */
    static void write(int serverVersion, FieldWriter w, CompletedOrder o) {
        ContractCodec.writeReported(w, o.contract(), ContractCodec.NO_RIGHT);
        w.writeString(o.action().name()).writeDecimal(o.totalQuantity());
        OrderWire.writeTerms(w, new OrderWire.Terms(o.orderType(), o.limitPrice(), o.auxPrice(), o.tif(), "",
                o.account(), o.orderRef()));
        w.writeLong(o.permId()).writeInt(0).writeInt(0).writeInt(0).writeEmpty()
                .writeEmpty().writeEmpty().writeEmpty();
        OrderWire.FA_PROFILE.write(serverVersion, w);
        w.writeEmpty().writeEmpty().writeInt(0).writeEmpty().writeEmpty() // modelCode .. settlingFirm
                .writeInt(0).writeEmpty().writeInt(-1) // shortSaleSlot, designatedLocation, exemptCode
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeInt(Integer.MAX_VALUE)
                .writeInt(0).writeInt(0).writeEmpty().writeInt(3).writeInt(0) // sweepToFill .. triggerMethod
                .writeEmpty().writeInt(0).writeString("None").writeEmpty() // "None": 4 delta-neutral fields follow
                .writeInt(0).writeInt(0).writeInt(0).writeEmpty()
                .writeInt(0).writeInt(0).writeEmpty().writeEmpty() // continuousUpdate .. trailingPercent
                .writeEmpty().writeInt(0).writeInt(0).writeInt(0) // comboLegsDescrip, three empty lists
                .writeInt(Integer.MAX_VALUE).writeInt(Integer.MAX_VALUE).writeEmpty().writeEmpty()
                .writeEmpty().writeString("IB").writeInt(0).writeInt(0) // clearing, notHeld, no delta-neutral contract
                .writeEmpty().writeInt(0).writeString(o.status().wireName()).writeInt(0).writeInt(0)
                .writeInt(0) // no conditions
                .writeDouble(Double.MAX_VALUE).writeDouble(Double.MAX_VALUE).writeDouble(Double.MAX_VALUE)
                .writeInt(0).writeInt(0).writeEmpty().writeDecimal(o.filledQuantity()).writeInt(0).writeInt(0)
                .writeEmpty().writeInt(0).writeInt(0).writeLong(o.parentPermId()).writeString(o.completedTime())
                .writeString(o.completedStatus())
                .writeInt(Integer.MAX_VALUE).writeInt(Integer.MAX_VALUE).writeDouble(Double.MAX_VALUE)
                .writeDouble(Double.MAX_VALUE).writeDouble(Double.MAX_VALUE);
        TAIL.write(serverVersion, w);
    }
}
