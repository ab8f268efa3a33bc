package io.github.twssupervisor.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.connection.StateTally;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.marketdata.MarketDataRequest;
import io.github.twssupervisor.marketdata.MarketDataSpec;
import io.github.twssupervisor.marketdata.TickType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the kernel reports to the client's metrics: subscriptions by domain and state, and conflated events. */
class SubscriptionMetricsTest {

    private static final MarketDataSpec SPEC = new MarketDataSpec(MarketDataRequest.stream(Contract.stock("AAPL"),
            MarketDataOptions.defaults()));

    @Test
    void aSubscriptionIsCountedAsItsSubscribersSeeIt() {
        StateTally tally = new StateTally();
        Audience<MarketDataEvent> audience = new Audience<>(SPEC::signal, tally.entry(Audience.domainOf(SPEC)));
        assertEquals("marketdata", Audience.domainOf(SPEC));
        assertEquals(1, tally.count("marketdata", Audience.ACTIVE));
        audience.interrupt("lost");
        audience.interrupt("lost again");
        assertEquals(0, tally.count("marketdata", Audience.ACTIVE));
        assertEquals(1, tally.count("marketdata", Audience.INTERRUPTED));
        audience.resume(true);
        assertEquals(1, tally.count("marketdata", Audience.ACTIVE));
        audience.end(200, "no security definition", subscriber -> { });
        assertEquals(0, tally.count("marketdata", Audience.ACTIVE));
        assertEquals(1, tally.count("marketdata", Audience.ENDED));
        audience.gone();
        assertEquals(0, tally.count("marketdata", Audience.ENDED));
    }

    @Test
    void conflationCountsTheValuesItReplaced() {
        Conflation<MarketDataEvent> c = new Conflation<MarketDataEvent>(SPEC::conflationKey)
                .add(price(TickType.BID, 1.0))
                .add(price(TickType.BID, 1.1))
                .add(price(TickType.ASK, 2.0))
                .add(price(TickType.BID, 1.2))
                .add(new MarketDataEvent.Status(new Lifecycle.Interrupted("lost")))
                .add(price(TickType.BID, 1.3));
        assertEquals(2, c.replaced());
        assertEquals(4, c.drain().size());
    }

    private static MarketDataEvent price(TickType field, double value) {
        return new MarketDataEvent.Price(field, value, Optional.empty(), 0);
    }
}
