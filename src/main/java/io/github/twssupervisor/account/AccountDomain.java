package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.subscription.Domain;
import java.util.List;

/**
 * The account domain's registration with the client: its decoders. Account summary and P&amp;L answers are routed by
 * request id; position, positionEnd, accountValue, portfolioValue, accountUpdateTime and accountDownloadEnd carry no
 * request id and are routed by message kind, to whoever registered for it.
 */
public final class AccountDomain implements Domain {

    @Override
    public String name() {
        return "account";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new AccountSummaryCodec(), new PositionCodec(), new AccountUpdatesCodec(), new PnlCodec());
    }
}
