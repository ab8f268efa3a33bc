package io.github.twssupervisor.wire;

import java.util.Optional;

/**
 * Ids of the messages TWS sends to a client (TWS-WIRE.md §4, "IN").
 *
 * <p>Outgoing and incoming ids are separate namespaces (OUT 62 is reqAccountSummary, IN 62 is positionEnd), hence two
 * enums. Lookups are guarded: an id that is not listed yields an empty Optional, never an exception.
 */
public enum IncomingMessageId {

    /** tickPrice (IN 1). */
    TICK_PRICE(1, "tickPrice"),
    /** tickSize (IN 2). */
    TICK_SIZE(2, "tickSize"),
    /** orderStatus (IN 3). */
    ORDER_STATUS(3, "orderStatus"),
    /** error (IN 4). */
    ERROR(4, "error"),
    /** openOrder (IN 5). */
    OPEN_ORDER(5, "openOrder"),
    /** accountValue (IN 6). */
    ACCOUNT_VALUE(6, "accountValue"),
    /** portfolioValue (IN 7). */
    PORTFOLIO_VALUE(7, "portfolioValue"),
    /** accountUpdateTime (IN 8). */
    ACCOUNT_UPDATE_TIME(8, "accountUpdateTime"),
    /** nextValidId (IN 9). */
    NEXT_VALID_ID(9, "nextValidId"),
    /** contractDetails (IN 10). */
    CONTRACT_DETAILS(10, "contractDetails"),
    /** execDetails (IN 11). */
    EXEC_DETAILS(11, "execDetails"),
    /** marketDepth (IN 12). */
    MARKET_DEPTH(12, "marketDepth"),
    /** marketDepthL2 (IN 13). */
    MARKET_DEPTH_L2(13, "marketDepthL2"),
    /** newsBulletins (IN 14). */
    NEWS_BULLETINS(14, "newsBulletins"),
    /** managedAccounts (IN 15). */
    MANAGED_ACCOUNTS(15, "managedAccounts"),
    /** receiveFA (IN 16). */
    RECEIVE_FA(16, "receiveFA"),
    /** historicalData (IN 17). */
    HISTORICAL_DATA(17, "historicalData"),
    /** bondContractDetails (IN 18). */
    BOND_CONTRACT_DETAILS(18, "bondContractDetails"),
    /** scannerParameters (IN 19). */
    SCANNER_PARAMETERS(19, "scannerParameters"),
    /** scannerData (IN 20). */
    SCANNER_DATA(20, "scannerData"),
    /** tickOptionComputation (IN 21). */
    TICK_OPTION_COMPUTATION(21, "tickOptionComputation"),
    /** tickGeneric (IN 45). */
    TICK_GENERIC(45, "tickGeneric"),
    /** tickString (IN 46). */
    TICK_STRING(46, "tickString"),
    /** tickEFP (IN 47). */
    TICK_EFP(47, "tickEFP"),
    /** currentTime (IN 49). */
    CURRENT_TIME(49, "currentTime"),
    /** realtimeBar (IN 50). */
    REALTIME_BAR(50, "realtimeBar"),
    /** fundamentalData (IN 51). */
    FUNDAMENTAL_DATA(51, "fundamentalData"),
    /** contractDetailsEnd (IN 52). */
    CONTRACT_DETAILS_END(52, "contractDetailsEnd"),
    /** openOrderEnd (IN 53). */
    OPEN_ORDER_END(53, "openOrderEnd"),
    /** accountDownloadEnd (IN 54). */
    ACCOUNT_DOWNLOAD_END(54, "accountDownloadEnd"),
    /** execDetailsEnd (IN 55). */
    EXEC_DETAILS_END(55, "execDetailsEnd"),
    /** deltaNeutralValidation (IN 56). */
    DELTA_NEUTRAL_VALIDATION(56, "deltaNeutralValidation"),
    /** tickSnapshotEnd (IN 57). */
    TICK_SNAPSHOT_END(57, "tickSnapshotEnd"),
    /** marketDataType (IN 58). */
    MARKET_DATA_TYPE(58, "marketDataType"),
    /** commissionReport (IN 59). */
    COMMISSION_REPORT(59, "commissionReport"),
    /** position (IN 61). */
    POSITION(61, "position"),
    /** positionEnd (IN 62). */
    POSITION_END(62, "positionEnd"),
    /** accountSummary (IN 63). */
    ACCOUNT_SUMMARY(63, "accountSummary"),
    /** accountSummaryEnd (IN 64). */
    ACCOUNT_SUMMARY_END(64, "accountSummaryEnd"),
    /** verifyMessageAPI (IN 65). */
    VERIFY_MESSAGE_API(65, "verifyMessageAPI"),
    /** verifyCompleted (IN 66). */
    VERIFY_COMPLETED(66, "verifyCompleted"),
    /** displayGroupList (IN 67). */
    DISPLAY_GROUP_LIST(67, "displayGroupList"),
    /** displayGroupUpdated (IN 68). */
    DISPLAY_GROUP_UPDATED(68, "displayGroupUpdated"),
    /** verifyAndAuthMessageAPI (IN 69). */
    VERIFY_AND_AUTH_MESSAGE_API(69, "verifyAndAuthMessageAPI"),
    /** verifyAndAuthCompleted (IN 70). */
    VERIFY_AND_AUTH_COMPLETED(70, "verifyAndAuthCompleted"),
    /** positionMulti (IN 71). */
    POSITION_MULTI(71, "positionMulti"),
    /** positionMultiEnd (IN 72). */
    POSITION_MULTI_END(72, "positionMultiEnd"),
    /** accountUpdateMulti (IN 73). */
    ACCOUNT_UPDATE_MULTI(73, "accountUpdateMulti"),
    /** accountUpdateMultiEnd (IN 74). */
    ACCOUNT_UPDATE_MULTI_END(74, "accountUpdateMultiEnd"),
    /** secDefOptParameter (IN 75). */
    SEC_DEF_OPT_PARAMETER(75, "secDefOptParameter"),
    /** secDefOptParameterEnd (IN 76). */
    SEC_DEF_OPT_PARAMETER_END(76, "secDefOptParameterEnd"),
    /** softDollarTiers (IN 77). */
    SOFT_DOLLAR_TIERS(77, "softDollarTiers"),
    /** familyCodes (IN 78). */
    FAMILY_CODES(78, "familyCodes"),
    /** symbolSamples (IN 79). */
    SYMBOL_SAMPLES(79, "symbolSamples"),
    /** mktDepthExchanges (IN 80). */
    MKT_DEPTH_EXCHANGES(80, "mktDepthExchanges"),
    /** tickReqParams (IN 81). */
    TICK_REQ_PARAMS(81, "tickReqParams"),
    /** smartComponents (IN 82). */
    SMART_COMPONENTS(82, "smartComponents"),
    /** newsArticle (IN 83). */
    NEWS_ARTICLE(83, "newsArticle"),
    /** tickNews (IN 84). */
    TICK_NEWS(84, "tickNews"),
    /** newsProviders (IN 85). */
    NEWS_PROVIDERS(85, "newsProviders"),
    /** historicalNews (IN 86). */
    HISTORICAL_NEWS(86, "historicalNews"),
    /** historicalNewsEnd (IN 87). */
    HISTORICAL_NEWS_END(87, "historicalNewsEnd"),
    /** headTimestamp (IN 88). */
    HEAD_TIMESTAMP(88, "headTimestamp"),
    /** histogramData (IN 89). */
    HISTOGRAM_DATA(89, "histogramData"),
    /** historicalDataUpdate (IN 90). */
    HISTORICAL_DATA_UPDATE(90, "historicalDataUpdate"),
    /** rerouteMktDataReq (IN 91). */
    REROUTE_MKT_DATA_REQ(91, "rerouteMktDataReq"),
    /** rerouteMktDepthReq (IN 92). */
    REROUTE_MKT_DEPTH_REQ(92, "rerouteMktDepthReq"),
    /** marketRule (IN 93). */
    MARKET_RULE(93, "marketRule"),
    /** pnl (IN 94). */
    PNL(94, "pnl"),
    /** pnlSingle (IN 95). */
    PNL_SINGLE(95, "pnlSingle"),
    /** historicalTicks (IN 96). */
    HISTORICAL_TICKS(96, "historicalTicks"),
    /** historicalTicksBidAsk (IN 97). */
    HISTORICAL_TICKS_BID_ASK(97, "historicalTicksBidAsk"),
    /** historicalTicksLast (IN 98). */
    HISTORICAL_TICKS_LAST(98, "historicalTicksLast"),
    /** tickByTick (IN 99). */
    TICK_BY_TICK(99, "tickByTick"),
    /** orderBound (IN 100). */
    ORDER_BOUND(100, "orderBound"),
    /** completedOrder (IN 101). */
    COMPLETED_ORDER(101, "completedOrder"),
    /** completedOrdersEnd (IN 102). */
    COMPLETED_ORDERS_END(102, "completedOrdersEnd"),
    /** replaceFAEnd (IN 103). */
    REPLACE_FA_END(103, "replaceFAEnd"),
    /** wshMetaData (IN 104). */
    WSH_META_DATA(104, "wshMetaData"),
    /** wshEventData (IN 105). */
    WSH_EVENT_DATA(105, "wshEventData"),
    /** historicalSchedule (IN 106). */
    HISTORICAL_SCHEDULE(106, "historicalSchedule"),
    /** userInfo (IN 107). */
    USER_INFO(107, "userInfo"),
    /** historicalDataEnd (IN 108). */
    HISTORICAL_DATA_END(108, "historicalDataEnd"),
    /** currentTimeInMillis (IN 109). */
    CURRENT_TIME_IN_MILLIS(109, "currentTimeInMillis"),
    /** configResponse (IN 110). */
    CONFIG_RESPONSE(110, "configResponse"),
    /** updateConfigResponse (IN 111). */
    UPDATE_CONFIG_RESPONSE(111, "updateConfigResponse");

    private static final CodeIndex<IncomingMessageId> INDEX = new CodeIndex<>(values(), IncomingMessageId::code);

    private final int code;
    private final String apiName;

    IncomingMessageId(int code, String apiName) {
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
    public static Optional<IncomingMessageId> fromCode(int code) {
        return INDEX.find(code);
    }

    @Override
    public String toString() {
        return apiName + "(" + code + ")";
    }
}
