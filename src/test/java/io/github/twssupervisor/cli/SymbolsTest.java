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
}
