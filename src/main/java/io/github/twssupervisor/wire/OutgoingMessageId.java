package io.github.twssupervisor.wire;

import java.util.Optional;

/**
 * Ids of the messages a client sends to TWS (TWS-WIRE.md §4, "OUT").
 *
 * <p>Outgoing and incoming ids are separate namespaces (OUT 62 is reqAccountSummary, IN 62 is positionEnd), hence two
 * enums. Lookups are guarded: an id that is not listed yields an empty Optional, never an exception.
 */
public enum OutgoingMessageId {

    /** reqMktData (OUT 1). */
    REQ_MKT_DATA(1, "reqMktData"),
    /** cancelMktData (OUT 2). */
    CANCEL_MKT_DATA(2, "cancelMktData"),
    /** placeOrder (OUT 3). */
    PLACE_ORDER(3, "placeOrder"),
    /** cancelOrder (OUT 4). */
    CANCEL_ORDER(4, "cancelOrder"),
    /** reqOpenOrders (OUT 5). */
    REQ_OPEN_ORDERS(5, "reqOpenOrders"),
    /** reqAccountUpdates (OUT 6). */
    REQ_ACCOUNT_UPDATES(6, "reqAccountUpdates"),
    /** reqExecutions (OUT 7). */
    REQ_EXECUTIONS(7, "reqExecutions"),
    /** reqIds (OUT 8). */
    REQ_IDS(8, "reqIds"),
    /** reqContractDetails (OUT 9). */
    REQ_CONTRACT_DETAILS(9, "reqContractDetails"),
    /** reqMktDepth (OUT 10). */
    REQ_MKT_DEPTH(10, "reqMktDepth"),
    /** cancelMktDepth (OUT 11). */
    CANCEL_MKT_DEPTH(11, "cancelMktDepth"),
    /** reqNewsBulletins (OUT 12). */
    REQ_NEWS_BULLETINS(12, "reqNewsBulletins"),
    /** cancelNewsBulletins (OUT 13). */
    CANCEL_NEWS_BULLETINS(13, "cancelNewsBulletins"),
    /** setServerLogLevel (OUT 14). */
    SET_SERVER_LOG_LEVEL(14, "setServerLogLevel"),
    /** reqAutoOpenOrders (OUT 15). */
    REQ_AUTO_OPEN_ORDERS(15, "reqAutoOpenOrders"),
    /** reqAllOpenOrders (OUT 16). */
    REQ_ALL_OPEN_ORDERS(16, "reqAllOpenOrders"),
    /** reqManagedAccts (OUT 17). */
    REQ_MANAGED_ACCTS(17, "reqManagedAccts"),
    /** requestFA (OUT 18). */
    REQUEST_FA(18, "requestFA"),
    /** replaceFA (OUT 19). */
    REPLACE_FA(19, "replaceFA"),
    /** reqHistoricalData (OUT 20). */
    REQ_HISTORICAL_DATA(20, "reqHistoricalData"),
    /** exerciseOptions (OUT 21). */
    EXERCISE_OPTIONS(21, "exerciseOptions"),
    /** reqScannerSubscription (OUT 22). */
    REQ_SCANNER_SUBSCRIPTION(22, "reqScannerSubscription"),
    /** cancelScannerSubscription (OUT 23). */
    CANCEL_SCANNER_SUBSCRIPTION(23, "cancelScannerSubscription"),
    /** reqScannerParameters (OUT 24). */
    REQ_SCANNER_PARAMETERS(24, "reqScannerParameters"),
    /** cancelHistoricalData (OUT 25). */
    CANCEL_HISTORICAL_DATA(25, "cancelHistoricalData"),
    /** reqCurrentTime (OUT 49). */
    REQ_CURRENT_TIME(49, "reqCurrentTime"),
    /** reqRealTimeBars (OUT 50). */
    REQ_REAL_TIME_BARS(50, "reqRealTimeBars"),
    /** cancelRealTimeBars (OUT 51). */
    CANCEL_REAL_TIME_BARS(51, "cancelRealTimeBars"),
    /** reqFundamentalData (OUT 52). */
    REQ_FUNDAMENTAL_DATA(52, "reqFundamentalData"),
    /** cancelFundamentalData (OUT 53). */
    CANCEL_FUNDAMENTAL_DATA(53, "cancelFundamentalData"),
    /** calculateImpliedVolatility (OUT 54). */
    CALCULATE_IMPLIED_VOLATILITY(54, "calculateImpliedVolatility"),
    /** calculateOptionPrice (OUT 55). */
    CALCULATE_OPTION_PRICE(55, "calculateOptionPrice"),
    /** cancelCalculateImpliedVolatility (OUT 56). */
    CANCEL_CALCULATE_IMPLIED_VOLATILITY(56, "cancelCalculateImpliedVolatility"),
    /** cancelCalculateOptionPrice (OUT 57). */
    CANCEL_CALCULATE_OPTION_PRICE(57, "cancelCalculateOptionPrice"),
    /** reqGlobalCancel (OUT 58). */
    REQ_GLOBAL_CANCEL(58, "reqGlobalCancel"),
    /** reqMarketDataType (OUT 59). */
    REQ_MARKET_DATA_TYPE(59, "reqMarketDataType"),
    /** reqPositions (OUT 61). */
    REQ_POSITIONS(61, "reqPositions"),
    /** reqAccountSummary (OUT 62). */
    REQ_ACCOUNT_SUMMARY(62, "reqAccountSummary"),
    /** cancelAccountSummary (OUT 63). */
    CANCEL_ACCOUNT_SUMMARY(63, "cancelAccountSummary"),
    /** cancelPositions (OUT 64). */
    CANCEL_POSITIONS(64, "cancelPositions"),
    /** verifyRequest (OUT 65). */
    VERIFY_REQUEST(65, "verifyRequest"),
    /** verifyMessage (OUT 66). */
    VERIFY_MESSAGE(66, "verifyMessage"),
    /** queryDisplayGroups (OUT 67). */
    QUERY_DISPLAY_GROUPS(67, "queryDisplayGroups"),
    /** subscribeToGroupEvents (OUT 68). */
    SUBSCRIBE_TO_GROUP_EVENTS(68, "subscribeToGroupEvents"),
    /** updateDisplayGroup (OUT 69). */
    UPDATE_DISPLAY_GROUP(69, "updateDisplayGroup"),
    /** unsubscribeFromGroupEvents (OUT 70). */
    UNSUBSCRIBE_FROM_GROUP_EVENTS(70, "unsubscribeFromGroupEvents"),
    /** startApi (OUT 71). */
    START_API(71, "startApi"),
    /** verifyAndAuthRequest (OUT 72). */
    VERIFY_AND_AUTH_REQUEST(72, "verifyAndAuthRequest"),
    /** verifyAndAuthMessage (OUT 73). */
    VERIFY_AND_AUTH_MESSAGE(73, "verifyAndAuthMessage"),
    /** reqPositionsMulti (OUT 74). */
    REQ_POSITIONS_MULTI(74, "reqPositionsMulti"),
    /** cancelPositionsMulti (OUT 75). */
    CANCEL_POSITIONS_MULTI(75, "cancelPositionsMulti"),
    /** reqAccountUpdatesMulti (OUT 76). */
    REQ_ACCOUNT_UPDATES_MULTI(76, "reqAccountUpdatesMulti"),
    /** cancelAccountUpdatesMulti (OUT 77). */
    CANCEL_ACCOUNT_UPDATES_MULTI(77, "cancelAccountUpdatesMulti"),
    /** reqSecDefOptParams (OUT 78). */
    REQ_SEC_DEF_OPT_PARAMS(78, "reqSecDefOptParams"),
    /** reqSoftDollarTiers (OUT 79). */
    REQ_SOFT_DOLLAR_TIERS(79, "reqSoftDollarTiers"),
    /** reqFamilyCodes (OUT 80). */
    REQ_FAMILY_CODES(80, "reqFamilyCodes"),
    /** reqMatchingSymbols (OUT 81). */
    REQ_MATCHING_SYMBOLS(81, "reqMatchingSymbols"),
    /** reqMktDepthExchanges (OUT 82). */
    REQ_MKT_DEPTH_EXCHANGES(82, "reqMktDepthExchanges"),
    /** reqSmartComponents (OUT 83). */
    REQ_SMART_COMPONENTS(83, "reqSmartComponents"),
    /** reqNewsArticle (OUT 84). */
    REQ_NEWS_ARTICLE(84, "reqNewsArticle"),
    /** reqNewsProviders (OUT 85). */
    REQ_NEWS_PROVIDERS(85, "reqNewsProviders"),
    /** reqHistoricalNews (OUT 86). */
    REQ_HISTORICAL_NEWS(86, "reqHistoricalNews"),
    /** reqHeadTimestamp (OUT 87). */
    REQ_HEAD_TIMESTAMP(87, "reqHeadTimestamp"),
    /** reqHistogramData (OUT 88). */
    REQ_HISTOGRAM_DATA(88, "reqHistogramData"),
    /** cancelHistogramData (OUT 89). */
    CANCEL_HISTOGRAM_DATA(89, "cancelHistogramData"),
    /** cancelHeadTimestamp (OUT 90). */
    CANCEL_HEAD_TIMESTAMP(90, "cancelHeadTimestamp"),
    /** reqMarketRule (OUT 91). */
    REQ_MARKET_RULE(91, "reqMarketRule"),
    /** reqPnL (OUT 92). */
    REQ_PNL(92, "reqPnL"),
    /** cancelPnL (OUT 93). */
    CANCEL_PNL(93, "cancelPnL"),
    /** reqPnLSingle (OUT 94). */
    REQ_PNL_SINGLE(94, "reqPnLSingle"),
    /** cancelPnLSingle (OUT 95). */
    CANCEL_PNL_SINGLE(95, "cancelPnLSingle"),
    /** reqHistoricalTicks (OUT 96). */
    REQ_HISTORICAL_TICKS(96, "reqHistoricalTicks"),
    /** reqTickByTickData (OUT 97). */
    REQ_TICK_BY_TICK_DATA(97, "reqTickByTickData"),
    /** cancelTickByTickData (OUT 98). */
    CANCEL_TICK_BY_TICK_DATA(98, "cancelTickByTickData"),
    /** reqCompletedOrders (OUT 99). */
    REQ_COMPLETED_ORDERS(99, "reqCompletedOrders"),
    /** reqWshMetaData (OUT 100). */
    REQ_WSH_META_DATA(100, "reqWshMetaData"),
    /** cancelWshMetaData (OUT 101). */
    CANCEL_WSH_META_DATA(101, "cancelWshMetaData"),
    /** reqWshEventData (OUT 102). */
    REQ_WSH_EVENT_DATA(102, "reqWshEventData"),
    /** cancelWshEventData (OUT 103). */
    CANCEL_WSH_EVENT_DATA(103, "cancelWshEventData"),
    /** reqUserInfo (OUT 104). */
    REQ_USER_INFO(104, "reqUserInfo"),
    /** reqCurrentTimeInMillis (OUT 105). */
    REQ_CURRENT_TIME_IN_MILLIS(105, "reqCurrentTimeInMillis"),
    /** cancelContractData (OUT 106). */
    CANCEL_CONTRACT_DATA(106, "cancelContractData"),
    /** cancelHistoricalTicks (OUT 107). */
    CANCEL_HISTORICAL_TICKS(107, "cancelHistoricalTicks"),
    /** reqConfig (OUT 108). */
    REQ_CONFIG(108, "reqConfig"),
    /** updateConfig (OUT 109). */
    UPDATE_CONFIG(109, "updateConfig");

    private static final CodeIndex<OutgoingMessageId> INDEX = new CodeIndex<>(values(), OutgoingMessageId::code);

    private final int code;
    private final String apiName;

    OutgoingMessageId(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    /** @return the id as written in the first field of a frame */
    public int code() {
        return code;
    }

    /** @return the name the official API gives this message, e.g. {@code reqCurrentTime} */
    public String apiName() {
        return apiName;
    }

    /**
     * @param code a message id read from the wire
     * @return the message, or empty when the id is not one TWS-WIRE.md lists
     */
    public static Optional<OutgoingMessageId> fromCode(int code) {
        return INDEX.find(code);
    }

    @Override
    public String toString() {
        return apiName + "(" + code + ")";
    }
}
