package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.wire.TwsErrorCode;

/** How a market data subscription treats TWS errors for its request id (TWS-WIRE.md §6). */
final class MarketDataErrors {

    private MarketDataErrors() {
    }

    /**
     * @param code a TWS error code carried with the subscription's request id
     * @return true if the request is dead and sending it again would fail the same way; false for advisories such as
     *     10167 (delayed data follows), which the subscription passes on as warnings
     */
    static boolean isFatal(int code) {
        switch (code) {
            case TwsErrorCode.MAX_TICKERS_REACHED:
            case TwsErrorCode.DUPLICATE_TICKER_ID:
            case TwsErrorCode.NO_SECURITY_DEFINITION:
            case TwsErrorCode.CANNOT_VALIDATE_REQUEST:
            case TwsErrorCode.CANNOT_PROCESS_REQUEST:
            case TwsErrorCode.MARKET_DATA_NOT_SUBSCRIBED:
            case TwsErrorCode.DELAYED_DATA_NOT_ENABLED:
                return true;
            default:
                return false;
        }
    }
}
