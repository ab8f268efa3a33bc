package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON client's settings: the defaults, the token never shown, every refusal naming its key, and the bound that
 * keeps an unpaced burst from overflowing the socket's queue.
 */
class JsonClientSettingsTest {

    @Test
    void theDefaultsConnectToTheDefaultServer() {
        JsonClientSettings settings = JsonClientSettings.from(ConfigFactory.load());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9999, settings.port());
        assertEquals(9999, settings.connection().port(), "the supervised connection goes where the settings say");
        assertTrue(settings.maxInFlight() < settings.connection().socketBuffer());
        assertFalse(settings.tls().enabled());
    }

    @Test
    void theTokenIsNeverShown() {
        JsonClientSettings settings = JsonClientSettings.from(with("tws.json.client.token = \"s3cret\""));
        assertEquals(Optional.of("s3cret"), settings.token());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void moreInFlightThanTheSocketQueueHoldsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonClientSettings.from(
                with("tws.json.client { max-in-flight = 9000, socket-buffer = 9000 }")));
        assertTrue(e.getMessage().startsWith("tws.json.client.max-in-flight (9000) must be below "
                + "tws.json.client.socket-buffer (9000)"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonClientSettings.from(
                with("tws.json.client.heartbeat.idle = 0s"))).getMessage().contains("tws.json.client.heartbeat.idle"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonClientSettings.from(
                with("tws.json.client.port = many"))).getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonClientSettings.from(
                with("tws.json.client.backoff { min = 5s, max = 1s }"))).getMessage()
                .contains("tws.json.client.backoff"));
        assertEquals(Duration.ofSeconds(3), JsonClientSettings.from(with("tws.json.client.request-timeout = 3s"))
                .requestTimeout());
    }

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }
}
