package io.github.twssupervisor.contracts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract as TWS describes it in contractDetails (IN 10, TWS-WIRE.md §5.9): one per contract matching a
 * reqContractDetails. Text fields TWS leaves empty are empty strings, never null; maps are unmodifiable copies that
 * keep the wire order.
 *
 * @param contract               the contract as TWS reports it: conId, symbol, secType, the date part of
 *                               lastTradeDateOrContractMonth, strike, right, exchange, currency, localSymbol,
 *                               tradingClass, multiplier and primaryExchange (the details' {@code primaryExch})
 * @param marketName             the market name, e.g. {@code NMS}
 * @param minTick                the smallest price increment, e.g. {@code 0.01}
 * @param orderTypes             the order types TWS accepts for it, comma-separated
 * @param validExchanges         the exchanges it can be routed to, comma-separated
 * @param priceMagnifier         price magnifier (1 for most contracts)
 * @param underConId             the underlying's conId, 0 for none
 * @param longName               the descriptive name, e.g. {@code APPLE INC}
 * @param contractMonth          the contract month of a derivative, e.g. {@code 202612}
 * @param industry               industry, e.g. {@code Technology}
 * @param category               category
 * @param subcategory            subcategory
 * @param timeZoneId             the time zone of the trading hours, e.g. {@code US/Eastern}
 * @param tradingHours           {@code yyyyMMdd:HHmm-yyyyMMdd:HHmm;…} or {@code yyyyMMdd:CLOSED} entries
 * @param liquidHours            the regular session, same format
 * @param evRule                 economic value rule
 * @param evMultiplier           economic value multiplier
 * @param secIdList              security ids by type, e.g. {@code ISIN -> US0378331005}
 * @param aggGroup               aggregation group ({@link Integer#MAX_VALUE} when TWS reports none)
 * @param underSymbol            the underlying's symbol
 * @param underSecType           the underlying's security type
 * @param marketRuleIds          market rule ids, one per valid exchange, comma-separated
 * @param realExpirationDate     the real expiration date of a derivative
 * @param lastTradeTime          the time of day TWS appended to lastTradeDateOrContractMonth, e.g. {@code 08:30:00}
 * @param lastTradeDate          the lastTradeDate field (sv ≥ 182), e.g. {@code 20261218}
 * @param stockType              e.g. {@code COMMON}, {@code ETF}
 * @param minSize                the smallest order size, if reported
 * @param sizeIncrement          the order size increment, if reported
 * @param suggestedSizeIncrement the suggested size increment, if reported
 * @param fundData               the 17 fund fields (sv ≥ 179, FUND only) by their official names, in wire order
 *                               ({@code fundName}, {@code fundFamily}, …); empty for other contracts
 * @param ineligibilityReasons   ineligibility reasons (sv ≥ 186), id -> description
 */
public record ContractDetails(Contract contract, String marketName, double minTick, String orderTypes,
                              String validExchanges, int priceMagnifier, int underConId, String longName,
                              String contractMonth, String industry, String category, String subcategory,
                              String timeZoneId, String tradingHours, String liquidHours, String evRule,
                              double evMultiplier, Map<String, String> secIdList, int aggGroup, String underSymbol,
                              String underSecType, String marketRuleIds, String realExpirationDate,
                              String lastTradeTime, String lastTradeDate, String stockType,
                              Optional<BigDecimal> minSize, Optional<BigDecimal> sizeIncrement,
                              Optional<BigDecimal> suggestedSizeIncrement, Map<String, String> fundData,
                              Map<String, String> ineligibilityReasons) {

    /** Requires the contract, turns null text into empty strings and null optionals/maps into empty ones. */
    public ContractDetails {
        Objects.requireNonNull(contract, "contract");
        marketName = orEmpty(marketName);
        orderTypes = orEmpty(orderTypes);
        validExchanges = orEmpty(validExchanges);
        longName = orEmpty(longName);
        contractMonth = orEmpty(contractMonth);
        industry = orEmpty(industry);
        category = orEmpty(category);
        subcategory = orEmpty(subcategory);
        timeZoneId = orEmpty(timeZoneId);
        tradingHours = orEmpty(tradingHours);
        liquidHours = orEmpty(liquidHours);
        evRule = orEmpty(evRule);
        underSymbol = orEmpty(underSymbol);
        underSecType = orEmpty(underSecType);
        marketRuleIds = orEmpty(marketRuleIds);
        realExpirationDate = orEmpty(realExpirationDate);
        lastTradeTime = orEmpty(lastTradeTime);
        lastTradeDate = orEmpty(lastTradeDate);
        stockType = orEmpty(stockType);
        minSize = minSize == null ? Optional.empty() : minSize;
        sizeIncrement = sizeIncrement == null ? Optional.empty() : sizeIncrement;
        suggestedSizeIncrement = suggestedSizeIncrement == null ? Optional.empty() : suggestedSizeIncrement;
        secIdList = copy(secIdList);
        fundData = copy(fundData);
        ineligibilityReasons = copy(ineligibilityReasons);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
