package io.github.twssupervisor.account;

import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * An account summary for the kernel (reqAccountSummary): rows per account, tag and currency, End after the first full
 * set, changes after it; re-issued after every outage, cancelAccountSummary when the last subscriber goes. What is the
 * account summary's own: TWS serves at most two at once, so a third distinct one is refused by the client (equal ones
 * share one); and errors 321 / 322 for its id end it.
 *
 * @param request the group and tags; equal requests share one subscription
 */
public record AccountSummarySpec(AccountSummaryRequest request) implements SubscriptionSpec<AccountSummaryEvent> {

    /** TWS's limit: error 322 for a third live summary. */
    static final Limit TWO_AT_ONCE = new Limit("reqAccountSummary", 2,
            "TWS serves at most two account summary subscriptions at once (a third gets error 322)");

    @Override
    public String description() {
        return request.description();
    }

    @Override
    public Class<AccountSummaryEvent> eventType() {
        return AccountSummaryEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message(request.description(), version -> AccountSummaryCodec.reqAccountSummary(requestId,
                request.group(), request.tagList()));
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(new Message("cancelAccountSummary " + requestId,
                version -> AccountSummaryCodec.cancelAccountSummary(requestId)));
    }

    @Override
    public boolean isFatal(int code) {
        return code == TwsErrorCode.CANNOT_VALIDATE_REQUEST || code == TwsErrorCode.CANNOT_PROCESS_REQUEST;
    }

    @Override
    public Optional<Limit> limit() {
        return Optional.of(TWO_AT_ONCE);
    }

    /** @return a row by account, tag and currency, and the end: the full set a later subscriber gets first */
    @Override
    public Object replayKey(AccountSummaryEvent event) {
        if (event instanceof AccountSummaryEvent.Row row) {
            return List.of(row.account(), row.tag(), row.currency());
        }
        return event instanceof AccountSummaryEvent.End ? AccountSummaryEvent.End.class : null;
    }

    @Override
    public boolean hasReplay() {
        return true;
    }

    @Override
    public AccountSummaryEvent signal(Lifecycle signal) {
        return new AccountSummaryEvent.Status(signal);
    }
}
