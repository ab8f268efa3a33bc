package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;

public sealed interface AccountSummaryEvent extends RequestEvent {
    record Row(String account, String tag, String value, String currency) implements AccountSummaryEvent {
    }

    record End() implements AccountSummaryEvent {
    }

    record Status(Lifecycle lifecycle) implements AccountSummaryEvent, Lifecycle.Carrier {
    }
}
