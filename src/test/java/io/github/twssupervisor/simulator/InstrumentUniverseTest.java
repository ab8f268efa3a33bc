package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How request contracts resolve to the built-in instruments. */
class InstrumentUniverseTest {

    private static Optional<Integer> conIdOf(Contract contract) {
        return InstrumentUniverse.resolve(contract).map(Instrument::conId);
    }

    @Test
    void stocksResolveOnSmartOrTheirListingExchange() {
        assertEquals(Optional.of(265598), conIdOf(Contract.stock("AAPL")));
        assertEquals(Optional.of(265598), conIdOf(Contract.stock("AAPL").withPrimaryExchange("NASDAQ")));
        assertEquals(Optional.of(272093), conIdOf(Contract.stock("MSFT", "NASDAQ", "USD")));
        assertEquals(Optional.of(756733), conIdOf(Contract.stock("SPY", "ARCA", "")));
        assertEquals(Optional.empty(), conIdOf(Contract.stock("SPY", "NYSE", "USD")));
        assertEquals(Optional.empty(), conIdOf(Contract.stock("AAPL").withPrimaryExchange("ARCA")));
        assertEquals(Optional.empty(), conIdOf(Contract.stock("AAPL", "SMART", "EUR")));
    }

    @Test
    void forexAndTheFutureResolve() {
        assertEquals(Optional.of(12087792), conIdOf(Contract.forex("EUR", "USD")));
        assertEquals(Optional.empty(), conIdOf(Contract.forex("EUR", "GBP")));
        assertEquals(Optional.of(495512563), conIdOf(Contract.future("ES", "202612", "CME")));
        assertEquals(Optional.of(495512563), conIdOf(new Contract(0, "", SecType.FUT, "", 0, "", "", "CME", "", "USD",
                "ESZ6", "")));
        assertEquals(Optional.empty(), conIdOf(Contract.future("ES", "202703", "CME")));
    }

    @Test
    void aConIdWinsAndAnUnknownOneResolvesToNothing() {
        assertEquals(Optional.of(756733), conIdOf(new Contract(756733, "", SecType.STK, "", 0, "", "", "", "", "", "",
                "")));
        assertEquals(Optional.empty(), conIdOf(new Contract(1, "AAPL", SecType.STK, "", 0, "", "", "SMART", "",
                "USD", "", "")));
        assertTrue(conIdOf(Contract.stock("ZZZZ")).isEmpty());
    }
}
