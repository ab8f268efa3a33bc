package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Both directions of the contract details messages (TWS-WIRE.md §5.9). The client encodes reqContractDetails and
 * decodes the answers (as the dispatcher's {@link DomainDecoder}, routed by request id); the simulator decodes the
 * request and encodes the answers.
 *
 * <pre>
 * OUT reqContractDetails 9|8|reqId|contract(12, with primaryExchange)|includeExpired|secIdType|secId|issuerId|
 *                        e.g. 9|8|5001|0|AAPL|STK||0.0|||SMART||USD|||0||||   (issuerId: sv ≥ 176)
 * IN  contractDetails    10|reqId|symbol|secType|lastTradeDateOrContractMonth[ time zone]|lastTradeDate [sv ≥ 182]|
 *                        strike|right|exchange|currency|localSymbol|marketName|tradingClass|conId|minTick|multiplier|
 *                        orderTypes|validExchanges|priceMagnifier|underConId|longName|primaryExch|contractMonth|
 *                        industry|category|subcategory|timeZoneId|tradingHours|liquidHours|evRule|evMultiplier|
 *                        n|n × (secIdType|secId)|aggGroup|underSymbol|underSecType|marketRuleIds|realExpirationDate|
 *                        stockType|minSize|sizeIncrement|suggestedSizeIncrement|
 *                        17 fund fields [sv ≥ 179 and secType FUND]|m|m × (id|description) [sv ≥ 186]|
 *                        (no version field since sv 164)
 * IN  contractDetailsEnd 52|1|reqId|
 * </pre>
 *
 * The client writes doubles as the official Python client does, the simulator as TWS (Java) does.
 */
public final class ContractDetailsCodec implements DomainDecoder {

    /** The 17 fund fields of contractDetails (sv ≥ 179, secType FUND), by their official names, in wire order. */
    public static final List<String> FUND_FIELDS = List.of("fundName", "fundFamily", "fundType", "fundFrontLoad",
            "fundBackLoad", "fundBackLoadTimeInterval", "fundManagementFee", "fundClosed", "fundClosedForNewInvestors",
            "fundClosedForNewMoney", "fundNotifyAmount", "fundMinimumInitialPurchase", "fundSubsequentMinimumPurchase",
            "fundBlueSkyStates", "fundBlueSkyTerritories", "fundDistributionPolicyIndicator", "fundAssetType");

    private static final int REQ_CONTRACT_DETAILS_VERSION = 8;
    private static final int END_VERSION = 1;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.CONTRACT_DETAILS,
            IncomingMessageId.CONTRACT_DETAILS_END);

    /**
     * A reqContractDetails as the simulator reads it.
     *
     * @param reqId    the request id
     * @param contract what to describe (any fields may be left out)
     */
    public record ContractDetailsRequest(int reqId, Contract contract) {
    }

    // ------------------------------------------------------------------ client: request out

    /**
     * reqContractDetails (OUT 9), byte for byte as the official client writes it; expired contracts are not included.
     *
     * @param serverVersion the negotiated version
     * @param reqId         the request id
     * @param contract      what to describe
     * @return a complete frame
     */
    public static byte[] reqContractDetails(int serverVersion, int reqId, Contract contract) {
        FieldWriter writer = new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.REQ_CONTRACT_DETAILS.code())
                .writeInt(REQ_CONTRACT_DETAILS_VERSION).writeInt(reqId);
        ContractCodec.write(writer, contract);
        writer.writeBool(false) // includeExpired
                .writeEmpty() // secIdType
                .writeEmpty(); // secId
        if (serverVersion >= ServerVersion.BOND_ISSUERID) {
            writer.writeEmpty(); // issuerId
        }
        return writer.toFrame();
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws WireFormatException for a truncated or unreadable frame, or a contract {@link Contract} refuses
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        switch (id) {
            case CONTRACT_DETAILS: {
                int reqId = reader.readInt();
                return new Addressed(reqId, new ContractDetailsEvent.Row(readDetails(serverVersion, reader)));
            }
            case CONTRACT_DETAILS_END:
                reader.skip();
                return new Addressed(reader.readInt(), new ContractDetailsEvent.End());
            default:
                throw new IllegalArgumentException("not a contract details message: " + id);
        }
    }

    private static ContractDetails readDetails(int sv, FieldReader r) {
        String symbol = r.readString();
        String secType = r.readString();
        String[] expiry = r.readString().split(" ", -1); // date, then (futures) time and zone
        String lastTradeDate = sv >= ServerVersion.LAST_TRADE_DATE ? r.readString() : "";
        double strike = r.readDouble();
        String right = r.readString();
        String exchange = r.readString();
        String currency = r.readString();
        String localSymbol = r.readString();
        String marketName = r.readString();
        String tradingClass = r.readString();
        int conId = r.readInt();
        double minTick = r.readDouble();
        String multiplier = r.readString();
        String orderTypes = r.readString();
        String validExchanges = r.readString();
        int priceMagnifier = r.readInt();
        int underConId = r.readInt();
        String longName = r.readString();
        String primaryExchange = r.readString();
        String contractMonth = r.readString();
        String industry = r.readString();
        String category = r.readString();
        String subcategory = r.readString();
        String timeZoneId = r.readString();
        String tradingHours = r.readString();
        String liquidHours = r.readString();
        String evRule = r.readString();
        double evMultiplier = r.readDouble();
        Map<String, String> secIds = readPairs(r, "secIdList");
        int aggGroup = r.readInt();
        String underSymbol = r.readString();
        String underSecType = r.readString();
        String marketRuleIds = r.readString();
        String realExpirationDate = r.readString();
        String stockType = r.readString();
        Optional<BigDecimal> minSize = r.readDecimal();
        Optional<BigDecimal> sizeIncrement = r.readDecimal();
        Optional<BigDecimal> suggestedSizeIncrement = r.readDecimal();
        Map<String, String> fund = new LinkedHashMap<>();
        if (sv >= ServerVersion.FUND_DATA_FIELDS && SecType.FUND.name().equals(secType)) {
            for (String name : FUND_FIELDS) {
                fund.put(name, r.readString());
            }
        }
        Map<String, String> ineligible = sv >= ServerVersion.INELIGIBILITY_REASONS
                ? readPairs(r, "ineligibilityReasonList") : Map.of();
        Contract contract;
        try {
            contract = new Contract(conId, symbol, SecType.valueOf(secType), expiry[0],
                    strike == Double.MAX_VALUE ? 0 : strike, ContractCodec.NO_RIGHT.equals(right) ? "" : right,
                    multiplier, exchange, primaryExchange, currency, localSymbol, tradingClass);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("contractDetails of " + Frames.abbreviate(symbol) + " "
                    + Frames.abbreviate(secType) + ": " + Frames.abbreviate(e.getMessage(), Frames.REASON_LIMIT));
        }
        return new ContractDetails(contract, marketName, minTick, orderTypes, validExchanges, priceMagnifier,
                underConId, longName, contractMonth, industry, category, subcategory, timeZoneId, tradingHours,
                liquidHours, evRule, evMultiplier, secIds, aggGroup, underSymbol, underSecType, marketRuleIds,
                realExpirationDate, expiry.length > 1 ? expiry[1] : "", lastTradeDate, stockType, minSize,
                sizeIncrement, suggestedSizeIncrement, fund, ineligible);
    }

    /** A count, then that many (key, value) pairs; a count the frame cannot hold is a format error. */
    private static Map<String, String> readPairs(FieldReader r, String what) {
        int index = r.fieldIndex();
        int count = r.readInt();
        if (count < 0 || count > r.remainingFields() / 2) {
            throw new WireFormatException("field " + index + ": " + what + " count " + count + " does not fit the "
                    + r.remainingFields() + " fields left");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            pairs.put(r.readString(), r.readString());
        }
        return pairs;
    }

    // ------------------------------------------------------------------ simulator: request in

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a reqContractDetails
     * @return the request; accepts both the official client's and @stoqey/ib's spellings of unset values
     * @throws WireFormatException for an unreadable or missing field
     * @throws IllegalArgumentException for an invalid contract
     */
    public static ContractDetailsRequest decodeReqContractDetails(int serverVersion, FieldReader reader) {
        reader.skip(); // version 8
        int reqId = reader.readInt();
        Contract contract = ContractCodec.read(reader);
        reader.readBool(); // includeExpired: the simulator has no expired contracts
        reader.skipping(2); // secIdType, secId
        if (serverVersion >= ServerVersion.BOND_ISSUERID && reader.hasMore()) {
            reader.skip(); // issuerId
        }
        return new ContractDetailsRequest(reqId, contract);
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param serverVersion the negotiated version
     * @param reqId         the request id
     * @param d             the details; a lastTradeTime is written after the date with the time zone, as TWS does
     * @return contractDetails (IN 10) as a complete frame
     */
    public static byte[] contractDetails(int serverVersion, int reqId, ContractDetails d) {
        Contract c = d.contract();
        String expiry = d.lastTradeTime().isEmpty() ? c.lastTradeDateOrContractMonth()
                : c.lastTradeDateOrContractMonth() + " " + d.lastTradeTime() + " " + d.timeZoneId();
        FieldWriter w = new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.CONTRACT_DETAILS.code())
                .writeInt(reqId).writeString(c.symbol()).writeString(c.secType().name()).writeString(expiry);
        if (serverVersion >= ServerVersion.LAST_TRADE_DATE) {
            w.writeString(d.lastTradeDate());
        }
        w.writeDouble(c.strike()).writeString(c.right()).writeString(c.exchange()).writeString(c.currency())
                .writeString(c.localSymbol()).writeString(d.marketName()).writeString(c.tradingClass())
                .writeInt(c.conId()).writeDouble(d.minTick()).writeString(c.multiplier())
                .writeString(d.orderTypes()).writeString(d.validExchanges()).writeInt(d.priceMagnifier())
                .writeInt(d.underConId()).writeString(d.longName()).writeString(c.primaryExchange())
                .writeString(d.contractMonth()).writeString(d.industry()).writeString(d.category())
                .writeString(d.subcategory()).writeString(d.timeZoneId()).writeString(d.tradingHours())
                .writeString(d.liquidHours()).writeString(d.evRule());
        if (d.evMultiplier() == 0) {
            w.writeEmpty(); // as TWS writes "none"
        } else {
            w.writeDouble(d.evMultiplier());
        }
        writePairs(w, d.secIdList());
        w.writeInt(d.aggGroup()).writeString(d.underSymbol()).writeString(d.underSecType())
                .writeString(d.marketRuleIds()).writeString(d.realExpirationDate()).writeString(d.stockType())
                .writeDecimal(d.minSize().orElse(null)).writeDecimal(d.sizeIncrement().orElse(null))
                .writeDecimal(d.suggestedSizeIncrement().orElse(null));
        if (serverVersion >= ServerVersion.FUND_DATA_FIELDS && c.secType() == SecType.FUND) {
            for (String name : FUND_FIELDS) {
                w.writeString(d.fundData().getOrDefault(name, ""));
            }
        }
        if (serverVersion >= ServerVersion.INELIGIBILITY_REASONS) {
            writePairs(w, d.ineligibilityReasons());
        }
        return w.toFrame();
    }

    /**
     * @param reqId the request id
     * @return contractDetailsEnd (IN 52) as a complete frame
     */
    public static byte[] contractDetailsEnd(int reqId) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.CONTRACT_DETAILS_END.code())
                .writeInt(END_VERSION).writeInt(reqId).toFrame();
    }

    private static void writePairs(FieldWriter w, Map<String, String> pairs) {
        w.writeInt(pairs.size());
        pairs.forEach((key, value) -> w.writeString(key).writeString(value));
    }
}
