package io.github.twssupervisor.account;

import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One account's values and portfolio for the kernel (reqAccountUpdates): values, portfolio items and the update time,
 * accountDownloadEnd after the full set, changes after it; re-issued after every outage, unsubscribed
 * (reqAccountUpdates false) when the last subscriber goes. What is its own: its answers carry no request id, so its
 * subscription owns their message kinds; and TWS follows one account at a time, a second subscribe silently replacing
 * the first, so the client refuses a second account until the first is given up: switching accounts is explicit.
 *
 * @param account the account to follow
 */
public record AccountUpdatesSpec(String account) implements SubscriptionSpec<AccountUpdateEvent> {

    /** TWS's limit: one account at a time. */
    static final Limit ONE_ACCOUNT = new Limit("reqAccountUpdates", 1,
            "TWS follows one account at a time with reqAccountUpdates (a second would silently replace the first)");
    private static final Set<IncomingMessageId> ANSWERS = Set.of(IncomingMessageId.ACCOUNT_VALUE,
            IncomingMessageId.PORTFOLIO_VALUE, IncomingMessageId.ACCOUNT_UPDATE_TIME,
            IncomingMessageId.ACCOUNT_DOWNLOAD_END);

    @Override
    public String description() {
        return "reqAccountUpdates " + account;
    }

    @Override
    public Class<AccountUpdateEvent> eventType() {
        return AccountUpdateEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message(description(), version -> AccountUpdatesCodec.reqAccountUpdates(true, account));
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(new Message("reqAccountUpdates off " + account,
                version -> AccountUpdatesCodec.reqAccountUpdates(false, account)));
    }

    /** @return false: TWS's errors about account updates carry no request id, so none reaches the subscription */
    @Override
    public boolean isFatal(int code) {
        return false;
    }

    @Override
    public Set<IncomingMessageId> messageKinds() {
        return ANSWERS;
    }

    @Override
    public Optional<Limit> limit() {
        return Optional.of(ONE_ACCOUNT);
    }

    /** @return a refusal if the session does not manage the account */
    @Override
    public Optional<String> refusal(Ready session) {
        return ManagedAccounts.refusal(account, session);
    }

    /**
     * @return a value by key and currency, a portfolio item by conId, the update time and the download's end: the
     *     full set a later subscriber gets first
     */
    @Override
    public Object replayKey(AccountUpdateEvent event) {
        if (event instanceof AccountUpdateEvent.Value v) {
            return List.of("value", v.key(), v.currency());
        }
        if (event instanceof AccountUpdateEvent.Portfolio p) {
            return List.of("portfolio", p.contract().conId());
        }
        return event instanceof AccountUpdateEvent.Status ? null : event.getClass();
    }

    @Override
    public boolean hasReplay() {
        return true;
    }

    @Override
    public AccountUpdateEvent signal(Lifecycle signal) {
        return new AccountUpdateEvent.Status(signal);
    }
}
