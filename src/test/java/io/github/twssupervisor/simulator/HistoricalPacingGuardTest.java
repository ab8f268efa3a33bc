package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.history.PacingLimits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulator's enforcement of TWS's historical pacing (TWS-WIRE.md §7), each rule alone, in virtual time. */
class HistoricalPacingGuardTest {

    private static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");

    private static HistoricalRequest request(String symbol, String duration, String whatToShow) {
        return new HistoricalRequest(Contract.stock(symbol), "", duration, "1 min", whatToShow, true, 1, false);
    }

    @Test
    void anIdenticalRequestGoesAgainOnlyAfter15Seconds() {
        HistoricalPacingGuard guard = new HistoricalPacingGuard(PacingLimits.TWS);
        assertTrue(guard.admit(request("AAPL", "1 D", "TRADES"), T0));
        assertFalse(guard.admit(request("AAPL", "1 D", "TRADES"), T0.plusSeconds(14)));
        assertTrue(guard.admit(request("AAPL", "1 D", "TRADES"), T0.plusSeconds(15)));
    }

    @Test
    void aSixthRequestForOneContractWithin2SecondsIsRefusedAndBidAskCountsTwice() {
        HistoricalPacingGuard guard = new HistoricalPacingGuard(PacingLimits.TWS);
        for (int i = 1; i <= 5; i++) {
            assertTrue(guard.admit(request("AAPL", i + " D", "TRADES"), T0));
        }
        assertFalse(guard.admit(request("AAPL", "6 D", "TRADES"), T0.plusMillis(1_999)));
        assertTrue(guard.admit(request("MSFT", "6 D", "TRADES"), T0.plusMillis(1_999)), "another contract");
        assertTrue(guard.admit(request("AAPL", "6 D", "TRADES"), T0.plusSeconds(2)));
        for (int i = 1; i <= 2; i++) {
            assertTrue(guard.admit(request("SPY", i + " D", "BID_ASK"), T0.plusSeconds(10)));
        }
        assertFalse(guard.admit(request("SPY", "3 D", "BID_ASK"), T0.plusSeconds(10)), "2 + 2 + 2 > 5");
    }

    @Test
    void theSixtyFirstRequestWithinTenMinutesIsRefused() {
        HistoricalPacingGuard guard = new HistoricalPacingGuard(PacingLimits.TWS);
        for (int i = 1; i <= 60; i++) {
            assertTrue(guard.admit(request("AAPL", i + " D", "TRADES"), T0.plusSeconds(3L * i)));
        }
        assertFalse(guard.admit(request("AAPL", "61 D", "TRADES"), T0.plusSeconds(183)));
        assertTrue(guard.admit(request("AAPL", "61 D", "TRADES"), T0.plusSeconds(603)), "the first left the window");
    }
}
