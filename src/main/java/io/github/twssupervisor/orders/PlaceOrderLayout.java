package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.orders.OrderRequestCodec.PlaceOrderRequest;
import io.github.twssupervisor.orders.OrderRequestCodec.RejectedOrderException;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.ServerVersion;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The walk through placeOrder (OUT 3, no version field since sv 145), both directions, as TWS-WIRE.md §5.11 lists it
 * and the official Python client ({@code ibapi/client.py placeOrder}) writes it: unset prices empty, the literal
 * sentinels where the official client writes them. Indices of the sv-200 frame:
 *
 * <pre>
 *  0 3|orderId|contract(12)|secIdType|secId|action|totalQuantity|orderType|lmtPrice|auxPrice|
 * 21 tif|ocaGroup|account|openClose|origin|orderRef|transmit|parentId|blockOrder|sweepToFill|displaySize|
 * 32 triggerMethod|outsideRth|hidden|[BAG: legs, leg prices, smart combo routing params]|sharesAllocation|
 * 36 discretionaryAmt|goodAfterTime|goodTillDate|faGroup|faMethod|faPercentage|[sv&lt;177 faProfile]|modelCode|
 * 43 shortSaleSlot|designatedLocation|exemptCode=-1|ocaType|rule80A|settlingFirm|allOrNone|minQty|percentOffset|
 * 52 eTradeOnly|firmQuoteOnly|nbboPriceCap|auctionStrategy|startingPrice|stockRefPrice|delta|stockRangeLower|
 * 60 stockRangeUpper|overridePercentageConstraints|volatility|volatilityType|deltaNeutralOrderType|
 * 65 deltaNeutralAuxPrice|[delta-neutral type set: 8]|continuousUpdate|referencePriceType|trailStopPrice|
 * 69 trailingPercent|scaleInitLevelSize|scaleSubsLevelSize|scalePriceIncrement [+7]|scaleTable|activeStartTime|
 * 75 activeStopTime|hedgeType [+param]|optOutSmartRouting|clearingAccount|clearingIntent|notHeld|
 * 81 deltaNeutralContract [+3]|algoStrategy [+count, pairs]|algoId|whatIf|orderMiscOptions|solicited|
 * 87 randomizeSize|randomizePrice|[PEG BENCH: 5]|conditionsCount [...]|adjustedOrderType|triggerPrice=max|
 * 92 lmtPriceOffset=max|adjustedStopPrice=max|adjustedStopLimitPrice=max|adjustedTrailingAmount=max|
 * 96 adjustableTrailingUnit|extOperator|softDollarTier name|value|cashQty=max|4 mifid2 fields|
 *105 dontUseAutoPriceForHedge|isOmsContainer|discretionaryUpToLimitPrice|usePriceMgmtAlgo|duration=2147483647|
 *110 postToAts=2147483647|autoCancelParent|advancedErrorOverride|manualOrderTime|
 *    [exchange IBKRATS: minTradeQty]|[PEG BEST: minCompeteSize|competeAgainstBestOffset [+2 if Infinity]]|
 *    [PEG MID: midOffsetAtWhole|midOffsetAtHalf]|
 *114 [sv&gt;=183 customerAccount]|[184 professionalCustomer]|[187..189: "" 2147483647]|[189 includeOvernight]|
 *117 [192 manualOrderIndicator=2147483647]|[199 imbalanceOnly]
 * </pre>
 */
final class PlaceOrderLayout {

    private static final String IBKRATS = "IBKRATS";
    private static final String INFINITY = "Infinity";

    /** What sv 183..199 add at the end, with the official client's values. */
    private static final OrderWire.VersionedFields TAIL = OrderWire.VersionedFields.none()
            .since(ServerVersion.CUSTOMER_ACCOUNT, "") // customerAccount
            .since(ServerVersion.PROFESSIONAL_CUSTOMER, "0") // professionalCustomer
            .between(ServerVersion.RFQ_FIELDS, ServerVersion.UNDO_RFQ_FIELDS, "", OrderWire.UNSET_INT) // 187..189
            .since(ServerVersion.INCLUDE_OVERNIGHT, "0") // includeOvernight
            .since(ServerVersion.CME_TAGGING_FIELDS, OrderWire.UNSET_INT) // manualOrderIndicator
            .since(ServerVersion.IMBALANCE_ONLY, "0"); // imbalanceOnly

    private PlaceOrderLayout() {
    }

    static void write(int serverVersion, FieldWriter w, int orderId, Contract contract, Order o) {
        w.writeInt(orderId);
        ContractCodec.write(w, contract);
        w.writeEmpty().writeEmpty() // secIdType, secId
                .writeString(o.action().name()).writeDecimal(o.totalQuantity());
        OrderWire.writeTerms(w, new OrderWire.Terms(o.type().wireName(), o.limitPrice(), o.auxPrice(), o.tif().name(),
                o.ocaGroup(), o.account(), o.orderRef()));
        w.writeBool(o.transmit()).writeInt(o.parentId())
                .writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeBool(o.outsideRth()).writeInt(0)
                .writeEmpty().writeInt(0).writeEmpty().writeString(o.goodTillDate())
                .writeEmpty().writeEmpty().writeEmpty();
        OrderWire.FA_PROFILE.write(serverVersion, w);
        w.writeEmpty() // modelCode
                .writeInt(0).writeEmpty().writeInt(-1).writeInt(o.ocaType())
                .writeEmpty().writeEmpty().writeInt(0).writeEmpty().writeEmpty() // rule80A .. percentOffset
                .writeInt(0).writeInt(0).writeEmpty() // eTradeOnly, firmQuoteOnly, nbboPriceCap
                .writeInt(0).writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeEmpty().writeInt(0)
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty() // volatility .. deltaNeutralAuxPrice
                .writeInt(0).writeEmpty().writeEmpty();
        OrderWire.writePrice(w, o.trailingPercent());
        w.writeEmpty().writeEmpty().writeEmpty() // scale sizes and increment
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty() // scaleTable, active times, hedgeType
                .writeInt(0).writeEmpty().writeEmpty().writeInt(0).writeInt(0) // .. notHeld, no delta-neutral contract
                .writeEmpty().writeEmpty().writeInt(0).writeEmpty().writeInt(0).writeInt(0).writeInt(0)
                .writeInt(0) // no conditions
                .writeEmpty();
        for (int i = 0; i < 5; i++) {
            w.writeDouble(Double.MAX_VALUE); // triggerPrice .. adjustedTrailingAmount: the official client's sentinels
        }
        w.writeInt(0).writeEmpty().writeEmpty().writeEmpty().writeDouble(Double.MAX_VALUE)
                .writeEmpty().writeEmpty().writeEmpty().writeEmpty()
                .writeInt(0).writeInt(0).writeInt(0).writeEmpty()
                .writeInt(Integer.MAX_VALUE).writeInt(Integer.MAX_VALUE).writeInt(0).writeEmpty().writeEmpty();
        if (IBKRATS.equals(contract.exchange())) {
            w.writeEmpty(); // minTradeQty
        }
        TAIL.write(serverVersion, w);
    }

    /** Reads every field the official client or @stoqey/ib may write, with either's spelling of unset values. */
    static PlaceOrderRequest read(int serverVersion, FieldReader r) {
        int orderId = r.readInt();
        Contract contract;
        try {
            contract = ContractCodec.read(r);
        } catch (IllegalArgumentException e) {
            throw new RejectedOrderException(orderId, Frames.abbreviate(e.getMessage(), Frames.REASON_LIMIT));
        }
        r.skipping(2);
        String action = r.readString();
        Optional<BigDecimal> quantity = r.readDecimal();
        OrderWire.Terms terms = OrderWire.readTerms(r);
        boolean transmit = r.readBool();
        int parentId = r.readInt();
        r.skipping(4); // blockOrder, sweepToFill, displaySize, triggerMethod
        boolean outsideRth = r.readBool();
        r.skip(); // hidden
        if (contract.secType() == SecType.BAG) {
            OrderWire.skipCombos(r);
        }
        r.skipping(3); // sharesAllocation, discretionaryAmt, goodAfterTime
        String goodTillDate = r.readString();
        r.skipping(4 + OrderWire.FA_PROFILE.count(serverVersion)); // fa fields, modelCode
        r.skipping(3); // shortSaleSlot, designatedLocation, exemptCode
        int ocaType = r.readInt();
        r.skipping(15); // rule80A .. overridePercentageConstraints
        r.skipping(2); // volatility, volatilityType
        OrderWire.skipDeltaNeutral(r, 8);
        r.skipping(3); // continuousUpdate, referencePriceType, trailStopPrice
        OptionalDouble trailingPercent = OrderWire.readPrice(r);
        r.skipping(2);
        OrderWire.skipScalePriceIncrement(r);
        r.skipping(3); // scaleTable, activeStartTime, activeStopTime
        OrderWire.skipHedge(r);
        r.skipping(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
        OrderWire.skipDeltaNeutralContract(r);
        OrderWire.skipAlgo(r);
        r.skipping(6); // algoId, whatIf, orderMiscOptions, solicited, randomizeSize, randomizePrice
        OrderWire.skipPegBenchAndConditions(r, terms.orderType());
        r.skipping(7 + 1 + 2 + 1 + 4 + 4 + 3 + 2); // adjusted .. manualOrderTime
        skipPegBestAndMid(r, contract, terms.orderType());
        r.skipping(TAIL.count(serverVersion));
        return new PlaceOrderRequest(orderId, contract, order(orderId, action, quantity, terms, trailingPercent,
                goodTillDate, outsideRth, ocaType, parentId, transmit));
    }

    private static void skipPegBestAndMid(FieldReader r, Contract contract, String orderType) {
        if (IBKRATS.equals(contract.exchange())) {
            r.skip(); // minTradeQty
        }
        boolean midOffsets = "PEG MID".equals(orderType);
        if ("PEG BEST".equals(orderType)) {
            r.skip(); // minCompeteSize
            midOffsets = INFINITY.equals(r.readString()); // competeAgainstBestOffset "up to mid"
        }
        if (midOffsets) {
            r.skipping(2);
        }
    }

    private static Order order(int orderId, String action, Optional<BigDecimal> quantity, OrderWire.Terms terms,
                               OptionalDouble trailingPercent, String goodTillDate, boolean outsideRth, int ocaType,
                               int parentId, boolean transmit) {
        try {
            OrderType type = OrderType.fromWire(terms.orderType()).orElseThrow(() -> new IllegalArgumentException(
                    "order type '" + Frames.abbreviate(terms.orderType()) + "' is not supported"));
            // The official client's default tif is "", which TWS takes as DAY.
            TimeInForce timeInForce = terms.tif().isEmpty() ? TimeInForce.DAY : TimeInForce.valueOf(terms.tif());
            return new Order(OrderAction.valueOf(action), quantity.map(BigDecimal::stripTrailingZeros).orElse(null),
                    type, terms.limit(), terms.aux(), trailingPercent, timeInForce, goodTillDate, outsideRth,
                    terms.account(), terms.orderRef(), terms.ocaGroup(), ocaType, parentId, transmit);
        } catch (IllegalArgumentException e) { // also valueOf's "No enum constant" for an unknown action or tif
            throw new RejectedOrderException(orderId, Frames.abbreviate(e.getMessage(), Frames.REASON_LIMIT));
        }
    }
}
