package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tws.json.server}: defaults, overrides through the strict key check, validation messages, masked secrets. */
class JsonServerSettingsTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void defaultsAreLoopbackWithoutTokenOrTls() {
        JsonServerSettings s = JsonServerSettings.from(with(""));
        assertEquals("127.0.0.1", s.host());
        assertEquals(9999, s.port());
        assertEquals(Optional.empty(), s.authToken());
        assertFalse(s.tls().enabled());
        assertEquals(1024 * 1024, s.maxFrameSize());
    }

    @Test
    void everyKeyIsKnownToTheStrictCheckAndRead() {
        Config config = with("tws.json.server { port = 0, max-clients = 5, max-frame-size = 2 KiB, "
                + "outbound-buffer = 7, backlog = 9, shutdown-grace = 1s, auth-timeout = 2s, auth-token = t, "
                + "tls { enabled = on, keystore = \"/k.p12\", keystore-password = p, truststore = \"/t.p12\", "
                + "truststore-password = q, store-type = JKS } }");
        TwsSettings.from(config); // no unknown key
        JsonServerSettings s = JsonServerSettings.from(config);
        assertEquals(5, s.maxClients());
        assertEquals(2048, s.maxFrameSize());
        assertEquals(7, s.outboundBuffer());
        assertEquals(9, s.backlog());
        assertEquals(Duration.ofSeconds(2), s.authTimeout());
        assertEquals(Optional.of("t"), s.authToken());
        assertEquals(Optional.of(Path.of("/k.p12")), s.tls().keystore());
        assertEquals(Optional.of(Path.of("/t.p12")), s.tls().truststore());
        assertEquals("JKS", s.tls().storeType());
    }

    @Test
    void aMisspeltKeyIsNamedWithTheOneMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwsSettings.from(with("tws.json.server.max-client = 3")));
        assertTrue(e.getMessage().contains("did you mean tws.json.server.max-clients?"), e.getMessage());
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertMessage("tws.json.server.max-clients must be positive", "tws.json.server.max-clients = 0");
        assertMessage("tws.json.server.outbound-buffer must be positive", "tws.json.server.outbound-buffer = 0");
        assertMessage("tws.json.server.port must be 0..65535", "tws.json.server.port = 70000");
        assertMessage("tws.json.server.shutdown-grace must be a positive duration", "tws.json.server.shutdown-grace = 0s");
        assertMessage("tws.json.server.tls.keystore must name a keystore", "tws.json.server.tls.enabled = on");
    }

    @Test
    void secretsAreMaskedInToString() {
        JsonServerSettings s = JsonServerSettings.from(with("tws.json.server { auth-token = tok-123, tls { "
                + "enabled = on, keystore = \"/k\", keystore-password = pw-456 } }"));
        assertFalse(s.toString().contains("tok-123"), s.toString());
        assertFalse(s.toString().contains("pw-456"), s.toString());
        assertTrue(s.toString().contains("authToken=***"), s.toString());
    }

    private static void assertMessage(String start, String hocon) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonServerSettings.from(with(hocon)));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
