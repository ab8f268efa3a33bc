package io.github.twssupervisor.history;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * reqHeadTimestamp as a one-shot request: one headTimestamp answers it; a timeout sends cancelHeadTimestamp.
 *
 * @param request what is asked
 */
record HeadTimestampSpec(HeadTimestampRequest request) implements OneShotSpec<Instant> {

    @Override
    public String description() {
        return "reqHeadTimestamp " + request.contract().displayName() + " " + request.whatToShow();
    }

    @Override
    public SubscriptionSpec.Message request(int requestId) {
        return new SubscriptionSpec.Message(description(),
                serverVersion -> HeadTimestampCodec.reqHeadTimestamp(requestId, request));
    }

    @Override
    public Optional<Instant> row(RequestEvent event) {
        return event instanceof HeadTimestamp head ? Optional.of(head.earliest()) : Optional.empty();
    }

    @Override
    public boolean isEnd(RequestEvent event) {
        return event instanceof HeadTimestamp;
    }

    @Override
    public Optional<SubscriptionSpec.Message> cancel(int requestId) {
        return Optional.of(new SubscriptionSpec.Message("cancelHeadTimestamp",
                serverVersion -> HeadTimestampCodec.cancelHeadTimestamp(requestId)));
    }
}
