package io.github.twssupervisor.orders;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.util.Optional;

/**
 * reqExecutions as a one-shot request: execDetails rows with the request id, then execDetailsEnd.
 *
 * @param filter which executions
 */
record ExecutionsSpec(ExecutionFilter filter) implements OneShotSpec<Execution> {

    @Override
    public String description() {
        return "reqExecutions";
    }

    @Override
    public SubscriptionSpec.Message request(int requestId) {
        return new SubscriptionSpec.Message(description(),
                serverVersion -> OrderRequestCodec.reqExecutions(serverVersion, requestId, filter));
    }

    @Override
    public Optional<Execution> row(RequestEvent event) {
        return event instanceof OrderMessage.ExecutionReceived received ? Optional.of(received.execution())
                : Optional.empty();
    }

    @Override
    public boolean isEnd(RequestEvent event) {
        return event instanceof OrderMessage.ExecutionsEnd;
    }
}
