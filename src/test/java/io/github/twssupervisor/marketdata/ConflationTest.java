package io.github.twssupervisor.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflationTest {

    private static MarketDataEvent price(TickType field, double value) {
        return new MarketDataEvent.Price(field, value, Optional.empty(), 0);
    }

    @Test
    void keepsTheLatestValuePerFieldInTheOrderTheyLastChanged() {
        Conflation c = Conflation.of(price(TickType.BID, 1.0))
                .add(price(TickType.ASK, 2.0))
                .add(price(TickType.BID, 1.5))
                .add(new MarketDataEvent.Size(TickType.VOLUME, BigDecimal.TEN));
        assertEquals(List.of(price(TickType.ASK, 2.0), price(TickType.BID, 1.5),
                new MarketDataEvent.Size(TickType.VOLUME, BigDecimal.TEN)), c.drain());
    }

    @Test
    void markersAreAllKeptAndTicksNeverCrossThem() {
        MarketDataEvent interrupted = new MarketDataEvent.Interrupted("lost");
        MarketDataEvent resumed = new MarketDataEvent.Resumed();
        Conflation c = Conflation.of(price(TickType.BID, 1.0))
                .add(price(TickType.BID, 1.1))
                .add(interrupted)
                .add(resumed)
                .add(price(TickType.BID, 2.0))
                .add(price(TickType.BID, 2.1));
        assertEquals(List.of(price(TickType.BID, 1.1), interrupted, resumed, price(TickType.BID, 2.1)), c.drain());
    }
}
