package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.ServerVersion;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * The walk through openOrder (IN 5, no version field since sv 145), both directions, in the order of the official
 * decoder (TWS-WIRE.md §5.12; S1 {@code decoder.processOpenOrder}); indices are those of the live sv-200 frame of
 * §9 item 28 (156 fields). Bracketed blocks depend on a value read before them, so the reader walks them in order.
 *
 * <pre>
 *   0 5|orderId|contract(11)|action|totalQuantity|orderType|lmtPrice|auxPrice|tif|ocaGroup|account|openClose|origin|
 *  23 orderRef|clientId|permId|outsideRth|hidden|discretionaryAmt|goodAfterTime|sharesAllocation|faGroup|faMethod|
 *  33 faPercentage|[sv&lt;177 faProfile]|modelCode|goodTillDate|rule80A|percentOffset|settlingFirm|shortSaleSlot|
 *  40 designatedLocation|exemptCode|auctionStrategy|startingPrice|stockRefPrice|delta|stockRangeLower|stockRangeUpper|
 *  48 displaySize|blockOrder|sweepToFill|allOrNone|minQty|ocaType|eTradeOnly|firmQuoteOnly|nbboPriceCap|parentId|
 *  58 triggerMethod|volatility|volatilityType|deltaNeutralOrderType|deltaNeutralAuxPrice|
 *     [deltaNeutralOrderType != "" (TWS sends "None"): conId|settlingFirm|clearingAccount|clearingIntent|openClose|
 *      shortSale|shortSaleSlot|designatedLocation]
 *  71 continuousUpdate|referencePriceType|trailStopPrice|trailingPercent|basisPoints|basisPointsType|comboLegsDescrip|
 *  78 comboLegCount [+8 each]|orderComboLegCount [+1 each]|smartComboRoutingParamsCount [+2 each]|
 *  81 scaleInitLevelSize|scaleSubsLevelSize|scalePriceIncrement [+7 if 0 &lt; it &lt; max]|hedgeType [+hedgeParam]|
 *  85 optOutSmartRouting|clearingAccount|clearingIntent|notHeld|deltaNeutralContract [+conId|delta|price if 1]|
 *  90 algoStrategy [+count, +2 each]|solicited|whatIf|status|9 margin strings|commission|minCommission|
 * 105 maxCommission|commissionCurrency|
 *     [sv&gt;=195: marginCurrency|9 outside-RTH margins|suggestedSize|rejectReason|allocationCount [+7 each]]
 * 120 warningText|randomizeSize|randomizePrice|[PEG BENCH: 5 fields]|conditionsCount [+conditions, +2]|
 * 124 adjustedOrderType|triggerPrice|trailStopPrice|lmtPriceOffset|adjustedStopPrice|adjustedStopLimitPrice|
 * 130 adjustedTrailingAmount|adjustableTrailingUnit|softDollarTier name|value|displayName|cashQty|
 * 136 dontUseAutoPriceForHedge|isOmsContainer|discretionaryUpToLimitPrice|usePriceMgmtAlgo|duration|postToAts|
 * 142 autoCancelParent|minTradeQty|minCompeteSize|competeAgainstBestOffset|midOffsetAtWhole|midOffsetAtHalf|
 * 148 [sv&gt;=183 customerAccount]|[184 professionalCustomer]|[185 bondAccruedInterest]|[189 includeOvernight]|
 * 152 [193 extOperator|manualOrderIndicator]|[198 submitter]|[199 imbalanceOnly]
 * </pre>
 */
final class OpenOrderLayout {

    /** What sv 183..199 add after midOffsetAtHalf, with TWS's values. */
    private static final OrderWire.VersionedFields TAIL = OrderWire.VersionedFields.none()
            .since(ServerVersion.CUSTOMER_ACCOUNT, "") // customerAccount
            .since(ServerVersion.PROFESSIONAL_CUSTOMER, "0") // professionalCustomer
            .since(ServerVersion.BOND_ACCRUED_INTEREST, "") // bondAccruedInterest
            .since(ServerVersion.INCLUDE_OVERNIGHT, "0") // includeOvernight
            // extOperator, manualOrderIndicator
            .since(ServerVersion.CME_TAGGING_FIELDS_IN_OPEN_ORDER, "", OrderWire.UNSET_INT)
            .since(ServerVersion.SUBMITTER, "") // submitter
            .since(ServerVersion.IMBALANCE_ONLY, "0"); // imbalanceOnly

    private OpenOrderLayout() {
    }

    /**
     * @param serverVersion the negotiated version
     * @param r             positioned after the message id
     * @return the open order
     */
    static OpenOrder read(int serverVersion, FieldReader r) {
        int orderId = r.readInt();
        Contract contract = ContractCodec.readReported(r);
        OrderAction action = OrderWire.action(r.readString());
        BigDecimal quantity = OrderWire.readQuantity(r);
        OrderWire.Terms terms = OrderWire.readTerms(r);
        int clientId = r.readInt();
        long permId = r.readLong();
        r.skipping(6); // outsideRth, hidden, discretionaryAmt, goodAfterTime, sharesAllocation, faGroup
        r.skipping(2 + OrderWire.FA_PROFILE.count(serverVersion)); // faMethod, faPercentage[, faProfile]
        r.skipping(20); // modelCode .. ocaType (34-53), eTradeOnly .. nbboPriceCap (54-56)
        r.skipping(3);
        int parentId = r.readInt();
        r.skipping(3); // triggerMethod, volatility, volatilityType
        OrderWire.skipDeltaNeutral(r, 8);
        r.skipping(7); // continuousUpdate .. comboLegsDescrip
        OrderWire.skipCombos(r);
        r.skipping(2); // scaleInitLevelSize, scaleSubsLevelSize
        OrderWire.skipScalePriceIncrement(r);
        OrderWire.skipHedge(r);
        r.skipping(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
        OrderWire.skipDeltaNeutralContract(r);
        OrderWire.skipAlgo(r);
        r.skipping(2); // solicited, whatIf
        OrderStatus status = OrderStatus.fromWire(r.readString());
        r.skipping(13); // 9 margin strings, 3 commissions, currency
        if (serverVersion >= ServerVersion.FULL_ORDER_PREVIEW_FIELDS) {
            r.skipping(12);
            OrderWire.skipBlocks(r, r.readInt(), 7);
        }
        String warningText = r.readString();
        r.skipping(2); // randomizeSize, randomizePrice
        OrderWire.skipPegBenchAndConditions(r, terms.orderType());
        r.skipping(24); // adjustedOrderType .. midOffsetAtHalf (124-147)
        r.skipping(TAIL.count(serverVersion));
        return new OpenOrder(orderId, contract, action, quantity, terms.orderType(), terms.limit(), terms.aux(),
                terms.tif(), terms.ocaGroup(), terms.account(), terms.orderRef(), clientId, permId, parentId, status,
                warningText);
    }

    /**
     * Writes openOrder as TWS does, with TWS's values (§9 item 28) for every field the record does not carry.
     *
     * @param serverVersion the negotiated version
     * @param w             positioned after the message id
     * @param o             the order
     * @param placed        the order as placed, for the fields {@link OpenOrder} does not carry, or null
     */
    static void write(int serverVersion, FieldWriter w, OpenOrder o, Order placed) {
        w.writeInt(o.orderId());
        ContractCodec.writeReported(w, o.contract(), ContractCodec.NO_RIGHT);
        w.writeString(o.action().name()).writeDecimal(o.totalQuantity());
        OrderWire.writeTerms(w, new OrderWire.Terms(o.orderType(), o.limitPrice(), o.auxPrice(), o.tif(), o.ocaGroup(),
                o.account(), o.orderRef()));
        w.writeInt(o.clientId()).writeLong(o.permId())
                .writeBool(placed != null && placed.outsideRth()).writeBool(false).writeInt(0).writeEmpty()
                .writeEmpty() // sharesAllocation: TWS writes a text of its own here, nobody reads it
                .writeEmpty().writeEmpty().writeEmpty();
        OrderWire.FA_PROFILE.write(serverVersion, w);
        w.writeEmpty().writeString(placed == null ? "" : placed.goodTillDate()).writeInt(0).writeEmpty().writeEmpty()
                .writeInt(0).writeEmpty().writeInt(-1).writeInt(0)
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeInt(Integer.MAX_VALUE)
                .writeInt(0).writeInt(0).writeInt(0).writeEmpty().writeInt(placed == null ? 3 : placed.ocaType())
                .writeInt(0).writeInt(0).writeEmpty()
                .writeInt(o.parentId()).writeInt(0).writeEmpty().writeInt(0)
                .writeString("None").writeEmpty() // deltaNeutralOrderType "None" is not empty: 8 fields follow
                .writeInt(0).writeEmpty().writeEmpty().writeEmpty().writeString("?").writeInt(0).writeInt(0)
                .writeEmpty()
                .writeInt(0).writeInt(0).writeEmpty();
        OrderWire.writePrice(w, placed == null ? OptionalDouble.empty() : placed.trailingPercent());
        w.writeEmpty().writeEmpty().writeEmpty().writeInt(0).writeInt(0).writeInt(0)
                .writeInt(Integer.MAX_VALUE).writeInt(Integer.MAX_VALUE).writeEmpty()
                .writeEmpty().writeInt(0).writeEmpty().writeString("IB").writeInt(0).writeInt(0)
                .writeEmpty().writeInt(0).writeInt(0).writeString(o.status().wireName());
        for (int i = 0; i < 9; i++) {
            w.writeDouble(Double.MAX_VALUE); // margins: TWS writes the sentinel, not an empty field
        }
        w.writeEmpty().writeEmpty().writeEmpty().writeEmpty();
        if (serverVersion >= ServerVersion.FULL_ORDER_PREVIEW_FIELDS) {
            w.writeEmpty();
            for (int i = 0; i < 9; i++) {
                w.writeDouble(Double.MAX_VALUE);
            }
            w.writeLong(Long.MIN_VALUE).writeEmpty().writeInt(0); // suggestedSize unset, rejectReason, no allocations
        }
        w.writeString(o.warningText()).writeInt(0).writeInt(0).writeInt(0) // no conditions
                .writeString("None");
        for (int i = 0; i < 6; i++) {
            w.writeDouble(Double.MAX_VALUE); // triggerPrice .. adjustedTrailingAmount
        }
        w.writeInt(0).writeEmpty().writeEmpty().writeEmpty().writeInt(0).writeInt(1).writeInt(0).writeInt(0)
                .writeInt(0).writeEmpty().writeEmpty().writeInt(0)
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeEmpty();
        TAIL.write(serverVersion, w);
    }
}
