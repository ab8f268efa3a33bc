package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void anAccountKeepsItsFirstTwoAndLastTwoCharacters() {
        assertEquals("DU****11", LogSettings.mask("DU111111"));
        assertEquals("U1*****89", LogSettings.mask("U12345689"));
        assertEquals("DU**56", LogSettings.mask("DU3456"));
    }

    @Test
    void aShortAccountKeepsOnlyItsFirstCharacter() {
        assertEquals("D**", LogSettings.mask("DU1"));
        assertEquals("D****", LogSettings.mask("DU123"));
        assertEquals("", LogSettings.mask(""));
    }

    @Test
    void maskingCanBeTurnedOff() {
        assertEquals(List.of("DU****11", "DU****22"), LogSettings.DEFAULT.accounts(List.of("DU111111", "DU222222")));
        assertEquals(List.of("DU111111"), new LogSettings(false).accounts(List.of("DU111111")));
    }
}
