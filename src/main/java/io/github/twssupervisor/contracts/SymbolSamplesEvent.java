package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.RequestEvent;
import java.util.List;

/**
 * What a reqMatchingSymbols gets back, routed by its request id: one symbolSamples message (IN 79) holding every match
 * (TWS sends at most 16), possibly none. It is the whole answer; there is no End message.
 *
 * @param descriptions the matches, in TWS's order
 */
public record SymbolSamplesEvent(List<ContractDescription> descriptions) implements RequestEvent {

    /** Copies the list. */
    public SymbolSamplesEvent {
        descriptions = List.copyOf(descriptions);
    }
}
