package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;

public sealed interface AccountUpdateEvent extends RequestEvent {
    record Value(String key, String value, String currency, String account) implements AccountUpdateEvent {
    }

    record Portfolio(Contract contract, BigDecimal position, double marketPrice, double marketValue,
                     double averageCost, double unrealizedPnl, double realizedPnl, String account)
            implements AccountUpdateEvent {
    }

    record UpdateTime(String time) implements AccountUpdateEvent {
    }

    record DownloadEnd(String account) implements AccountUpdateEvent {
    }

    record Status(Lifecycle lifecycle) implements AccountUpdateEvent, Lifecycle.Carrier {
    }
}
