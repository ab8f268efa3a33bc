package io.github.twssupervisor.marketdata;

import java.util.List;

/**
 * Events of one subscription in their order, as a stream's source gets them: one message for the events of frames
 * read together instead of one message per event, which is most of what a stream's element used to cost. Actor
 * subscribers never see it.
 *
 * @param events the events, oldest first; handed over, not copied: the sender keeps no reference
 */
public record MarketDataBatch(List<MarketDataEvent> events) {

    /**
     * @param event one event
     * @return a batch of it alone
     */
    public static MarketDataBatch of(MarketDataEvent event) {
        return new MarketDataBatch(List.of(event));
    }
}
