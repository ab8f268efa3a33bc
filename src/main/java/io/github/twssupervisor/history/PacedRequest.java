package io.github.twssupervisor.history;

import java.util.Objects;

/**
 * One historical-data request as far as pacing is concerned.
 *
 * @param identityKey what makes two requests identical for TWS (contract, end, duration, bar size, what to show,
 *                    RTH), built by the caller
 * @param contractKey the contract/exchange/tick type of the request, built by the caller
 * @param bidAsk      whether whatToShow is BID_ASK, which counts twice
 * @param requestId   the caller's id for the request (its TWS reqId), unique among queued and open requests
 */
public record PacedRequest(String identityKey, String contractKey, boolean bidAsk, long requestId) {

    /** Requires both keys. */
    public PacedRequest {
        Objects.requireNonNull(identityKey, "identityKey");
        Objects.requireNonNull(contractKey, "contractKey");
    }

    int weight() {
        return bidAsk ? 2 : 1;
    }
}
