package io.github.twssupervisor.orders;

/**
 * Which executions reqExecutions asks for (TWS-WIRE.md §5.13); empty fields and client id 0 filter nothing. TWS returns
 * executions since midnight by default, and IB Gateway only the current day's.
 *
 * @param clientId the API client id, 0 for all
 * @param account  the account, or empty
 * @param time     executions after {@code yyyyMMdd-HH:mm:ss} (UTC), or empty
 * @param symbol   the symbol, or empty
 * @param secType  the security type, or empty
 * @param exchange the exchange, or empty
 * @param side     {@code BUY} or {@code SELL}, or empty
 */
public record ExecutionFilter(int clientId, String account, String time, String symbol, String secType,
                              String exchange, String side) {

    /** Normalises nulls to empty strings. */
    public ExecutionFilter {
        if (clientId < 0) {
            throw new IllegalArgumentException("clientId must be >= 0, was " + clientId);
        }
        account = account == null ? "" : account;
        time = time == null ? "" : time;
        symbol = symbol == null ? "" : symbol;
        secType = secType == null ? "" : secType;
        exchange = exchange == null ? "" : exchange;
        side = side == null ? "" : side;
    }

    /** @return the filter that asks for every execution TWS keeps */
    public static ExecutionFilter all() {
        return new ExecutionFilter(0, "", "", "", "", "", "");
    }

    /**
     * @param clientId the API client id
     * @return the filter for one client's executions
     */
    public static ExecutionFilter ofClient(int clientId) {
        return new ExecutionFilter(clientId, "", "", "", "", "", "");
    }
}
