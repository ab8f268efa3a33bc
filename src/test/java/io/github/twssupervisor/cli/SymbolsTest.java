package io.github.twssupervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolsTest {

    @Test
    void theThreeFormsBuildTheFactoriesContracts() {
        assertEquals(List.of(Contract.stock("AAPL"), Contract.forex("EUR", "USD"),
                        Contract.future("ES", "202612", "CME"), Contract.stock("BRK.B")),
                Symbols.parseList("AAPL, eur.usd,ES/202612@CME,,BRK.B"));
    }

    @Test
    void anythingElseIsRejectedNamingTheFormsThatWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Symbols.parseList("AAPL,$$$"));
        assertTrue(e.getMessage().contains("'$$$'") && e.getMessage().contains("EUR.USD"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Symbols.parseList(" , "));
        assertThrows(IllegalArgumentException.class, () -> Symbols.parse("ES/2026@CME"));
    }

    @Test
    void aPrimaryExchangeAndAConIdAreForms() {
        assertEquals(Contract.stock("AAPL").withPrimaryExchange("NASDAQ"), Symbols.parse("AAPL@NASDAQ"));
        assertEquals(Contract.stock("BRK.B").withPrimaryExchange("NYSE"), Symbols.parse("brk.b@nyse"));
        Contract byId = Symbols.parse("#265598");
        assertEquals(265598, byId.conId());
        assertEquals("", byId.symbol(), "the id alone names it");
        assertEquals("SMART", byId.exchange());
        assertEquals(Contract.future("ES", "202612", "CME"), Symbols.parse("ES/202612@CME"), "still a future");
        for (String bad : List.of("#0", "#", "#12a", "#99999999999", "AAPL@", "@NASDAQ", "AAPL@NAS/DAQ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Symbols.parse(bad), bad);
            assertTrue(e.getMessage().contains("AAPL@NASDAQ") && e.getMessage().contains("#265598"), e.getMessage());
        }
    }
}
