package io.github.twssupervisor.history;

import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.util.Optional;

/**
 * reqHistoricalData with keepUpToDate, as a subscription's spec: its encoding, cancel, fatal codes, signal carrier and
 * conflation key. It is kept alive by a {@link BarFollower} (not the kernel's {@code ManagedSubscription}), because
 * after an outage the request must change: it asks for a duration that covers the gap, through the
 * {@link HistoricalPacer} like every historical request.
 *
 * @param request the series, with keepUpToDate
 */
record KeepUpToDateSpec(HistoricalRequest request) implements SubscriptionSpec<HistoricalDataEvent> {

    /** TWS's warning codes (2100..2199) do not end a request; every other code for its id does. */
    private static final int WARNINGS_FROM = 2100;
    private static final int WARNINGS_TO = 2199;

    @Override
    public String description() {
        return "keepUpToDate " + request.describe();
    }

    @Override
    public Class<HistoricalDataEvent> eventType() {
        return HistoricalDataEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message("reqHistoricalData " + description(),
                serverVersion -> HistoricalDataCodec.reqHistoricalData(serverVersion, requestId, request));
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(new Message("cancelHistoricalData " + requestId,
                serverVersion -> HistoricalDataCodec.cancelHistoricalData(requestId)));
    }

    @Override
    public boolean isFatal(int code) {
        return code < WARNINGS_FROM || code > WARNINGS_TO;
    }

    /** A slow consumer gets the latest version of each bar: updates of one bar time replace each other. */
    @Override
    public Object conflationKey(HistoricalDataEvent event) {
        return event instanceof HistoricalDataEvent.Update u ? u.bar().time() : null;
    }

    @Override
    public HistoricalDataEvent signal(Lifecycle signal) {
        return new HistoricalDataEvent.Status(signal);
    }
}
