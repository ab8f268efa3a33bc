package io.github.twssupervisor.account;

import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Daily, unrealized and realized P&amp;L for the kernel: of an account (reqPnL), or of one position in it
 * (reqPnLSingle, with the position and its value); TWS sends them about once a second. Re-issued after every outage,
 * cancelled (cancelPnL / cancelPnLSingle) when the last subscriber goes; errors 321 / 322 for its id end it.
 *
 * @param account   the account
 * @param modelCode the model, or {@code ""} for none
 * @param conId     the position's contract for reqPnLSingle; empty for the account's P&amp;L
 */
public record PnlSpec(String account, String modelCode, OptionalInt conId) implements SubscriptionSpec<PnlEvent> {

    @Override
    public String description() {
        return conId.isPresent() ? "reqPnLSingle " + account + " #" + conId.getAsInt() : "reqPnL " + account;
    }

    @Override
    public Class<PnlEvent> eventType() {
        return PnlEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message(description(), version -> conId.isPresent()
                ? PnlCodec.reqPnLSingle(requestId, account, modelCode, conId.getAsInt())
                : PnlCodec.reqPnL(requestId, account, modelCode));
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(conId.isPresent()
                ? new Message("cancelPnLSingle " + requestId, version -> PnlCodec.cancelPnLSingle(requestId))
                : new Message("cancelPnL " + requestId, version -> PnlCodec.cancelPnL(requestId)));
    }

    /** @return the message's kind: a conflating stream keeps the latest P&amp;L, signals all in place */
    @Override
    public Object conflationKey(PnlEvent event) {
        return event instanceof PnlEvent.Status ? null : event.getClass();
    }

    @Override
    public boolean isFatal(int code) {
        return code == TwsErrorCode.CANNOT_VALIDATE_REQUEST || code == TwsErrorCode.CANNOT_PROCESS_REQUEST
                || code == TwsErrorCode.NO_SECURITY_DEFINITION;
    }

    /** @return a refusal if the session does not manage the account */
    @Override
    public Optional<String> refusal(Ready session) {
        return ManagedAccounts.refusal(account, session);
    }

    @Override
    public PnlEvent signal(Lifecycle signal) {
        return new PnlEvent.Status(signal);
    }
}
