package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.util.Optional;

/**
 * reqMatchingSymbols as a one-shot request: its one symbolSamples message is both the only row and the end.
 *
 * @param pattern what to search for, already validated ({@link ContractsFacade#search})
 */
record SymbolSearchSpec(String pattern) implements OneShotSpec<SymbolSamplesEvent> {

    @Override
    public String description() {
        return "reqMatchingSymbols " + pattern;
    }

    @Override
    public SubscriptionSpec.Message request(int requestId) {
        return new SubscriptionSpec.Message(description(),
                serverVersion -> SymbolSamplesCodec.reqMatchingSymbols(requestId, pattern));
    }

    @Override
    public Optional<SymbolSamplesEvent> row(RequestEvent event) {
        return event instanceof SymbolSamplesEvent samples ? Optional.of(samples) : Optional.empty();
    }

    @Override
    public boolean isEnd(RequestEvent event) {
        return event instanceof SymbolSamplesEvent;
    }
}
