package io.github.twssupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings.ClientIdPolicy;
import io.github.twssupervisor.config.ConnectionSettings.DisconnectedBehavior;
import io.github.twssupervisor.wire.ServerVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and parsing of {@code tws.connection}, through {@link TwsSettings} as an application would load it. */
class ConnectionSettingsTest {

    private static final String PREFIX = TwsSettings.ROOT + ".connection.";

    private static ConnectionSettings with(String hocon) {
        return TwsSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve())
                .connection();
    }

    private static IllegalArgumentException rejected(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> with(hocon));
    }

    private static void assertNames(IllegalArgumentException e, String text) {
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should name " + text);
    }

    @Test
    void aClientIdAboveTheHighestIsRejectedNamingTheRange() {
        String key = PREFIX + "client-id";
        assertEquals(ConnectionSettings.MAX_CLIENT_ID, with(key + " = " + ConnectionSettings.MAX_CLIENT_ID).clientId());
        assertNames(rejected(key + " = " + Integer.MAX_VALUE), key + " must be 0.." + ConnectionSettings.MAX_CLIENT_ID);
        assertNames(rejected(key + " = -1"), key + " must be 0..");
    }

    @Test
    void aRateAboveWhatTwsAllowsIsRejectedNamingTheKey() {
        String key = PREFIX + "pacing.messages-per-second";
        IllegalArgumentException e = rejected(key + " = " + (ConnectionSettings.TWS_MESSAGE_RATE_LIMIT + 1));
        assertNames(e, key);
        assertNames(e, String.valueOf(ConnectionSettings.TWS_MESSAGE_RATE_LIMIT));
        assertEquals(ConnectionSettings.TWS_MESSAGE_RATE_LIMIT,
                with(key + " = " + ConnectionSettings.TWS_MESSAGE_RATE_LIMIT).pacing().messagesPerSecond());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aRateBelowOneIsRejected(int rate) {
        assertNames(rejected(PREFIX + "pacing.messages-per-second = " + rate), PREFIX + "pacing.messages-per-second");
    }

    @Test
    void anEmptyQueueIsRejected() {
        assertNames(rejected(PREFIX + "pacing.queue-size = 0"), PREFIX + "pacing.queue-size");
    }

    @Test
    void aMinVersionBelowTheSupportedRangeIsRejected() {
        IllegalArgumentException e = rejected(PREFIX + "min-version = " + (ServerVersion.MIN_SUPPORTED - 1));
        assertNames(e, PREFIX + "min-version");
        assertNames(e, ServerVersion.MIN_SUPPORTED + ".." + ServerVersion.MAX_SUPPORTED);
    }

    @Test
    void aMaxVersionAboveTheSupportedRangeOrBelowMinIsRejected() {
        assertNames(rejected(PREFIX + "max-version = " + (ServerVersion.MAX_SUPPORTED + 1)), PREFIX + "min-version");
        assertNames(rejected(PREFIX + "min-version = " + ServerVersion.MAX_SUPPORTED + "\n" + PREFIX + "max-version = "
                + (ServerVersion.MAX_SUPPORTED - 1)), "max-version");
    }

    @Test
    void enumValuesParseWhateverTheirCase() {
        assertEquals(ClientIdPolicy.ROTATE, with(PREFIX + "client-id-policy = rotate").clientIdPolicy());
        assertEquals(ClientIdPolicy.WAIT, with(PREFIX + "client-id-policy = WAIT").clientIdPolicy());
        assertEquals(DisconnectedBehavior.FAIL, with(PREFIX + "disconnected-behavior = FAIL").disconnectedBehavior());
        assertEquals(DisconnectedBehavior.QUEUE, with(PREFIX + "disconnected-behavior = Queue").disconnectedBehavior());
    }

    @Test
    void anUnknownPolicyIsRejectedNamingTheKeyAndTheAllowedValues() {
        IllegalArgumentException e = rejected(PREFIX + "client-id-policy = sometimes");
        assertNames(e, PREFIX + "client-id-policy");
        assertNames(e, "sometimes");
        for (ClientIdPolicy policy : ClientIdPolicy.values()) {
            assertNames(e, policy.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void anUnknownDisconnectedBehaviorIsRejectedNamingTheKeyAndTheAllowedValues() {
        IllegalArgumentException e = rejected(PREFIX + "disconnected-behavior = drop");
        assertNames(e, PREFIX + "disconnected-behavior");
        Arrays.stream(DisconnectedBehavior.values())
                .forEach(b -> assertNames(e, b.name().toLowerCase(Locale.ROOT)));
    }

    @Test
    void underWaitOnlyTheConfiguredIdIsTried() {
        ConnectionSettings settings = with(PREFIX + "client-id = 3\n" + PREFIX + "client-id-policy = wait\n"
                + PREFIX + "client-id-rotation = [1, 2, 3, 4]");
        assertEquals(List.of(3), settings.clientIdsToTry());
    }

    @Test
    void underRotateTheConfiguredIdComesFirstThenTheRotationWithoutDuplicates() {
        ConnectionSettings settings = with(PREFIX + "client-id = 3\n" + PREFIX + "client-id-policy = rotate\n"
                + PREFIX + "client-id-rotation = [1, 2, 3, 4, 2]");
        assertEquals(List.of(3, 1, 2, 4), settings.clientIdsToTry());
    }

    @Test
    void underRotateAConfiguredIdOutsideTheRotationIsStillTriedFirst() {
        ConnectionSettings defaults = TwsSettings.defaults().connection();
        int outside = defaults.clientIdRotation().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        ConnectionSettings settings = defaults.withTarget(defaults.host(), defaults.port(), outside)
                .withClientIdPolicy(ClientIdPolicy.ROTATE, defaults.clientIdRotation());
        List<Integer> expected = new java.util.ArrayList<>();
        expected.add(outside);
        expected.addAll(defaults.clientIdRotation());
        assertEquals(expected, settings.clientIdsToTry());
    }

    @Test
    void aNegativeIdInTheRotationIsRejected() {
        assertNames(rejected(PREFIX + "client-id-rotation = [1, -2]"), PREFIX + "client-id-rotation");
    }

    @Test
    void byteSizesAreReadInBytes() {
        ConnectionSettings settings = with(PREFIX + "socket.receive-buffer = 256 KiB\n" + PREFIX
                + "socket.send-buffer = 1 MiB");
        assertEquals(256 * 1024, settings.socket().receiveBuffer());
        assertEquals(1024 * 1024, settings.socket().sendBuffer());
        assertEquals(4096, with(PREFIX + "socket.send-buffer = 4096").socket().sendBuffer());
    }

    @Test
    void theDefaultBuffersAreTheDocumentedSizes() {
        ConnectionSettings defaults = TwsSettings.defaults().connection();
        assertEquals(ConfigFactory.defaultReference().getBytes(PREFIX + "socket.receive-buffer").intValue(),
                defaults.socket().receiveBuffer());
        assertEquals(256 * 1024, defaults.socket().receiveBuffer());
        assertEquals(128 * 1024, defaults.socket().sendBuffer());
    }

    @Test
    void aByteSizeBeyondAnIntIsRejectedNamingTheKey() {
        assertNames(rejected(PREFIX + "socket.receive-buffer = 3 GiB"), PREFIX + "socket.receive-buffer");
    }

    @Test
    void aMistypedByteSizeIsRejectedNamingTheKey() {
        assertNames(rejected(PREFIX + "socket.send-buffer = lots"), "socket.send-buffer");
    }
}
