package io.github.twssupervisor.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.marketdata.MarketDataRequest;
import io.github.twssupervisor.marketdata.MarketDataSpec;
import io.github.twssupervisor.marketdata.TickType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflationTest {

    /** Market data conflates by tick field. */
    private static final MarketDataSpec SPEC = new MarketDataSpec(MarketDataRequest.stream(Contract.stock("AAPL"),
            MarketDataOptions.defaults()));

    private static Conflation<MarketDataEvent> conflation(MarketDataEvent first) {
        return new Conflation<MarketDataEvent>(SPEC::conflationKey).add(first);
    }

    private static MarketDataEvent price(TickType field, double value) {
        return new MarketDataEvent.Price(field, value, Optional.empty(), 0);
    }

    @Test
    void keepsTheLatestValuePerFieldInTheOrderTheyLastChanged() {
        Conflation<MarketDataEvent> c = conflation(price(TickType.BID, 1.0))
                .add(price(TickType.ASK, 2.0))
                .add(price(TickType.BID, 1.5))
                .add(new MarketDataEvent.Size(TickType.VOLUME, BigDecimal.TEN));
        assertEquals(List.of(price(TickType.ASK, 2.0), price(TickType.BID, 1.5),
                new MarketDataEvent.Size(TickType.VOLUME, BigDecimal.TEN)), c.drain());
    }

    @Test
    void markersAreAllKeptAndTicksNeverCrossThem() {
        MarketDataEvent interrupted = new MarketDataEvent.Status(new Lifecycle.Interrupted("lost"));
        MarketDataEvent resumed = new MarketDataEvent.Status(new Lifecycle.Resumed(true));
        Conflation<MarketDataEvent> c = conflation(price(TickType.BID, 1.0))
                .add(price(TickType.BID, 1.1))
                .add(interrupted)
                .add(resumed)
                .add(price(TickType.BID, 2.0))
                .add(price(TickType.BID, 2.1));
        assertEquals(List.of(price(TickType.BID, 1.1), interrupted, resumed, price(TickType.BID, 2.1)), c.drain());
    }
}
