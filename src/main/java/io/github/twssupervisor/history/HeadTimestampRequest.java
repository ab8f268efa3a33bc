package io.github.twssupervisor.history;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.wire.Frames;
import java.util.Objects;

/**
 * What a reqHeadTimestamp asks for: the time of the earliest data point TWS has for a contract and kind of data.
 *
 * @param contract   the instrument
 * @param whatToShow one of {@link HistoricalRequest#WHAT_TO_SHOW}
 * @param useRth     only regular trading hours
 */
public record HeadTimestampRequest(Contract contract, String whatToShow, boolean useRth) {

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException naming the field and what it allows
     */
    public HeadTimestampRequest {
        Objects.requireNonNull(contract, "contract");
        if (!HistoricalRequest.WHAT_TO_SHOW.contains(whatToShow)) {
            throw new IllegalArgumentException("whatToShow '" + Frames.abbreviate(String.valueOf(whatToShow))
                    + "' must be one of "
                    + HistoricalRequest.WHAT_TO_SHOW);
        }
    }

    /** @return what makes two head-timestamp requests identical for TWS's 15-second rule */
    String identityKey() {
        return "head|" + contract + "|" + whatToShow + "|" + useRth;
    }

    /** @return the contract, exchange and tick type, the same key as a bars request's: they share the 2-second rule */
    String contractKey() {
        return contract.conId() + "|" + contract.symbol() + "|" + contract.secType() + "|" + contract.exchange() + "|"
                + whatToShow;
    }

    /** @return {@code AAPL TRADES head timestamp}, for log lines */
    String describe() {
        return contract.displayName() + " " + whatToShow + " head timestamp";
    }
}
