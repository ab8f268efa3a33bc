package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.math.BigDecimal;

public sealed interface PositionEvent extends RequestEvent {
    record Position(String account, Contract contract, BigDecimal position, double averageCost)
            implements PositionEvent {
    }

    record End() implements PositionEvent {
    }

    record Status(Lifecycle lifecycle) implements PositionEvent, Lifecycle.Carrier {
    }
}
