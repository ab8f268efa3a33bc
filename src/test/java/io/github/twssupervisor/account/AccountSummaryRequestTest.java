package io.github.twssupervisor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The account summary's arguments: refused before anything is sent, and equal sets of tags are equal requests. */
class AccountSummaryRequestTest {

    @Test
    void theSameTagsInAnotherOrderAreTheSameRequest() {
        assertEquals(AccountSummaryRequest.of("TotalCashValue", "NetLiquidation"),
                AccountSummaryRequest.of("NetLiquidation", "TotalCashValue", "NetLiquidation"));
        assertEquals("NetLiquidation,TotalCashValue", AccountSummaryRequest.of("TotalCashValue", "NetLiquidation")
                .tagList());
    }

    @Test
    void badArgumentsAreRefusedNamingTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountSummaryRequest.of())
                .getMessage().contains("at least one tag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountSummaryRequest.of("Net Liquidation"))
                .getMessage().contains("is not a TWS account tag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AccountSummaryRequest(" ",
                List.of("NetLiquidation"))).getMessage().contains("group must be"));
        assertThrows(NullPointerException.class, () -> new AccountSummaryRequest(null, List.of("NetLiquidation")));
    }

    @Test
    void ledgerTagsAreAccepted() {
        assertEquals("$LEDGER:USD", AccountSummaryRequest.of("$LEDGER:USD").tagList());
    }
}
