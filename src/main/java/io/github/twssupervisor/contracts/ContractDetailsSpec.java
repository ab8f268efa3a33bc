package io.github.twssupervisor.contracts;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.util.Optional;

/**
 * reqContractDetails as a one-shot request: contractDetails rows with the request id, then contractDetailsEnd.
 *
 * @param contract what to look up
 */
record ContractDetailsSpec(Contract contract) implements OneShotSpec<ContractDetails> {

    @Override
    public String description() {
        return "reqContractDetails " + contract.displayName();
    }

    @Override
    public SubscriptionSpec.Message request(int requestId) {
        return new SubscriptionSpec.Message(description(),
                serverVersion -> ContractDetailsCodec.reqContractDetails(serverVersion, requestId, contract));
    }

    @Override
    public Optional<ContractDetails> row(RequestEvent event) {
        return event instanceof ContractDetailsEvent.Row row ? Optional.of(row.details()) : Optional.empty();
    }

    @Override
    public boolean isEnd(RequestEvent event) {
        return event instanceof ContractDetailsEvent.End;
    }
}
