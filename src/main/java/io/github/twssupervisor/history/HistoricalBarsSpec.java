package io.github.twssupervisor.history;

import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.OneShotSpec;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import java.util.Optional;

/**
 * reqHistoricalData (without keepUpToDate) as a one-shot request: historicalData messages of bars, ended by
 * historicalDataEnd (sv 196 and later) or by the ranged historicalData itself (before); a timeout sends
 * cancelHistoricalData.
 *
 * @param request the bars wanted
 */
record HistoricalBarsSpec(HistoricalRequest request) implements OneShotSpec<HistoricalDataEvent.Bars> {

    @Override
    public String description() {
        return "reqHistoricalData " + request.contract().displayName() + " " + request.duration() + " of "
                + request.barSize() + " " + request.whatToShow();
    }

    @Override
    public SubscriptionSpec.Message request(int requestId) {
        return new SubscriptionSpec.Message(description(),
                serverVersion -> HistoricalDataCodec.reqHistoricalData(serverVersion, requestId, request));
    }

    @Override
    public Optional<HistoricalDataEvent.Bars> row(RequestEvent event) {
        return event instanceof HistoricalDataEvent.Bars bars ? Optional.of(bars) : Optional.empty();
    }

    @Override
    public boolean isEnd(RequestEvent event) {
        return event instanceof HistoricalDataEvent e && e.isEnd();
    }

    @Override
    public Optional<SubscriptionSpec.Message> cancel(int requestId) {
        return Optional.of(new SubscriptionSpec.Message("cancelHistoricalData",
                serverVersion -> HistoricalDataCodec.cancelHistoricalData(requestId)));
    }
}
