package io.github.twssupervisor.wire;

/**
 * Server-version thresholds that change a message layout (TWS-WIRE.md §3.1), named as in the official clients without
 * the {@code MIN_SERVER_VER_} prefix, and the range this project speaks. The one place that holds these numbers.
 */
public final class ServerVersion {

    /** Lowest version we offer: API 10.19 level, keeps older TWS builds usable (§3.3). */
    public static final int MIN_SUPPORTED = 176;
    /** Highest version we offer: the last of the text protocol; protobuf starts at 201 (§3.3). */
    public static final int MAX_SUPPORTED = 200;

    /** startApi carries optionalCapabilities. */
    public static final int OPTIONAL_CAPABILITIES = 72;
    /** reqMktData carries regulatorySnapshot. */
    public static final int REQ_SMART_COMPONENTS = 114;
    /** Incoming string un-escaping. */
    public static final int ENCODE_MSG_ASCII7 = 153;
    /** error carries advancedOrderRejectJson. */
    public static final int ADVANCED_ORDER_REJECT = 166;
    /** reqContractDetails carries issuerId. */
    public static final int BOND_ISSUERID = 176;
    /** placeOrder/openOrder drop faProfile. */
    public static final int FA_PROFILE_DESUPPORT = 177;
    /** execDetails carries pendingPriceRevision. */
    public static final int PENDING_PRICE_REVISION = 178;
    /** contractDetails carries fund fields. */
    public static final int FUND_DATA_FIELDS = 179;
    /** contractDetails carries lastTradeDate. */
    public static final int LAST_TRADE_DATE = 182;
    /** placeOrder/openOrder carry customerAccount. */
    public static final int CUSTOMER_ACCOUNT = 183;
    /** placeOrder/openOrder carry professionalCustomer. */
    public static final int PROFESSIONAL_CUSTOMER = 184;
    /** openOrder carries bondAccruedInterest. */
    public static final int BOND_ACCRUED_INTEREST = 185;
    /** contractDetails carries ineligibility reasons. */
    public static final int INELIGIBILITY_REASONS = 186;
    /** placeOrder/cancelOrder carry RFQ dummy fields (until {@link #UNDO_RFQ_FIELDS}). */
    public static final int RFQ_FIELDS = 187;
    /** placeOrder/openOrder carry includeOvernight. */
    public static final int INCLUDE_OVERNIGHT = 189;
    /** The RFQ dummy fields are gone again. */
    public static final int UNDO_RFQ_FIELDS = 190;
    /** permId is 64-bit. */
    public static final int PERM_ID_AS_LONG = 191;
    /** cancelOrder loses its version field and gains CME tagging. */
    public static final int CME_TAGGING_FIELDS = 192;
    /** openOrder carries CME tagging fields. */
    public static final int CME_TAGGING_FIELDS_IN_OPEN_ORDER = 193;
    /** error loses its version field and gains errorTime (epoch ms). */
    public static final int ERROR_TIME = 194;
    /** openOrder order-state extension. */
    public static final int FULL_ORDER_PREVIEW_FIELDS = 195;
    /** historicalData loses start/end; historicalDataEnd (IN 108) appears. */
    public static final int HISTORICAL_DATA_END = 196;
    /** reqCurrentTimeInMillis (OUT 105) / currentTimeInMillis (IN 109). */
    public static final int CURRENT_TIME_IN_MILLIS = 197;
    /** execDetails/openOrder carry submitter. */
    public static final int SUBMITTER = 198;
    /** placeOrder/openOrder carry imbalanceOnly. */
    public static final int IMBALANCE_ONLY = 199;
    /** reqExecutions carries lastNDays and specific dates. */
    public static final int PARAMETRIZED_DAYS_OF_EXECUTIONS = 200;
    /** Binary message ids and protobuf: never negotiated by this project. */
    public static final int PROTOBUF = 201;

    private ServerVersion() {
    }
}
