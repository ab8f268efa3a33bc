package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;

public sealed interface PnlEvent extends RequestEvent {
    record Pnl(double daily, double unrealized, double realized) implements PnlEvent {
    }

    record Single(BigDecimal position, double daily, double unrealized, double realized, double value)
            implements PnlEvent {
    }

    record Status(Lifecycle lifecycle) implements PnlEvent, Lifecycle.Carrier {
    }
}
