package io.github.twssupervisor.marketdata;

import java.util.Optional;

/**
 * What one logical subscription asks TWS for. Equal requests share one subscription and one line on the wire;
 * snapshots are never shared (each carries its own number).
 *
 * @param contract       the contract
 * @param genericTicks   comma-separated generic tick ids
 * @param marketDataType the data type to ask for first, if any
 * @param snapshot       one snapshot instead of a stream
 * @param snapshotNumber distinguishes snapshots; 0 for streams
 */
public record MarketDataRequest(io.github.twssupervisor.contracts.Contract contract, String genericTicks,
                                Optional<MarketDataType> marketDataType, boolean snapshot, long snapshotNumber) {

    /**
     * @param contract the contract
     * @param options  the options (the overflow policy is the consumer's, not the request's)
     * @return a streaming request
     */
    public static MarketDataRequest stream(io.github.twssupervisor.contracts.Contract contract,
                                           MarketDataOptions options) {
        return new MarketDataRequest(contract, options.genericTicks(), options.marketDataType(), false, 0);
    }

    /**
     * @param contract the contract
     * @param number   unique among snapshots of one client
     * @return a snapshot request with TWS's default ticks
     */
    public static MarketDataRequest snapshot(io.github.twssupervisor.contracts.Contract contract, long number) {
        return new MarketDataRequest(contract, "", Optional.empty(), true, number);
    }

    /** @return what it is, for log lines: {@code reqMktData AAPL} */
    public String description() {
        return (snapshot ? "snapshot " : "reqMktData ") + contract.displayName();
    }
}
