package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tws.service} and {@code run --http}: off by default, HOST:PORT parsed, mistakes named. */
class ServiceSettingsTest {

    @Test
    void offByDefaultAndDegradedIsNotReady() {
        ServiceSettings defaults = TwsSettings.service(ConfigFactory.load());
        assertEquals(ServiceSettings.OFF, defaults);
        assertFalse(defaults.degradedIsReady());
    }

    @Test
    void readsTheKeysAndTheFlagOverridesThem() {
        ServiceSettings configured = TwsSettings.service(ConfigFactory.parseString(
                "tws.service { http = \"127.0.0.1:9464\", degraded-is-ready = true }")
                .withFallback(ConfigFactory.load()));
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 9464)), configured.http());
        assertTrue(configured.degradedIsReady());
        ServiceSettings flagged = configured.withHttp("[::1]:0");
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("::1", 0)), flagged.http());
        assertTrue(flagged.degradedIsReady());
        assertEquals(configured, configured.withHttp(null));
    }

    @Test
    void aBadAddressIsNamed() {
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 9464)),
                ServiceSettings.OFF.withHttp("9464").http(), "a port alone is on loopback");
        for (String bad : new String[] {"99999", ":9464", "localhost:", "localhost:http", "localhost:70000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServiceSettings.OFF.withHttp(bad), bad);
            assertTrue(e.getMessage().startsWith("--http must be HOST:PORT"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwsSettings.service(
                ConfigFactory.parseString("tws.service.http = nope").withFallback(ConfigFactory.load())));
        assertTrue(e.getMessage().startsWith("tws.service.http must be HOST:PORT"), e.getMessage());
    }
}
