package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twssupervisor.testutil.Golden;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's version offer {@code v<min>..<max>[ options]} and its negotiation (TWS-WIRE.md §2.1, §2.2). */
class VersionRangeTest {

    private static VersionRange parse(String text) {
        return VersionRange.parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parsesOurRecommendedRange() {
        assertEquals(new VersionRange(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, ""),
                parse("v176..200"));
    }

    @Test
    void parsesTheOfficialPythonClientsRange() {
        assertEquals(new VersionRange(100, 177, ""), parse("v100..177"));
    }

    @Test
    void parsesASingleVersionAsMinEqualsMax() {
        // The official Java client sends v<min> alone when min == max.
        assertEquals(new VersionRange(200, 200, ""), parse("v200"));
    }

    @Test
    void parsesConnectOptionsAfterASpace() {
        assertEquals(new VersionRange(176, 200, "+PACEAPI"), parse("v176..200 +PACEAPI"));
    }

    @Test
    void toleratesATrailingNul() {
        assertEquals(new VersionRange(176, 200, ""), parse("v176..200\0"));
    }

    @Test
    void parsesTheGoldenHandshakes() {
        byte[] official = versionPayload(Golden.officialClientHandshake());
        byte[] stoqey = versionPayload(Golden.stoqeyClientHandshake(193));

        assertEquals(new VersionRange(100, 177, ""), VersionRange.parse(official));
        assertEquals(new VersionRange(100, 193, ""), VersionRange.parse(stoqey));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x176..200", "v200..176", "v..", "", "v", "v176..200junk", "v176..", "v176...200", "v0..5",
        "v-1..5", "176..200", " v176..200", "v1234567890..1234567891"})
    void rejectsWhatIsNotAVersionOffer(String text) {
        assertThrows(WireFormatException.class, () -> parse(text));
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThrows(WireFormatException.class, () -> VersionRange.parse(new byte[0]));
    }

    @ParameterizedTest(name = "v{0}..{1} against server max {2} -> {3}")
    @CsvSource({
        "176, 200, 200, 200",
        "100, 177, 176, 176",
        "176, 200, 190, 190",
        "100, 193, 200, 193",
        "176, 200, 176, 176",
        "200, 200, 226, 200"})
    void negotiatesTheHighestVersionBothSpeak(int min, int max, int serverMax, int expected) {
        assertEquals(Optional.of(expected), new VersionRange(min, max, "").negotiate(serverMax));
    }

    @ParameterizedTest
    @CsvSource({"176, 200, 150", "176, 200, 175", "200, 200, 199"})
    void rangesThatDoNotOverlapNegotiateNothing(int min, int max, int serverMax) {
        assertEquals(Optional.empty(), new VersionRange(min, max, "").negotiate(serverMax));
    }

    @Test
    void toWireSpellsTheRange() {
        assertEquals("v176..200", new VersionRange(176, 200, "").toWire());
        assertEquals("v176..200 +PACEAPI", new VersionRange(176, 200, "+PACEAPI").toWire());
        assertEquals("v176..200", new VersionRange(176, 200, null).toWire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v176..200", "v100..177", "v176..200 +PACEAPI", "v200..200"})
    void toWireParsesBackToTheSameRange(String text) {
        VersionRange range = parse(text);

        assertEquals(range, parse(range.toWire()));
    }

    @ParameterizedTest
    @CsvSource({"0, 5", "-1, 5", "200, 176"})
    void constructorRejectsInvalidRanges(int min, int max) {
        assertThrows(IllegalArgumentException.class, () -> new VersionRange(min, max, ""));
    }

    /** The payload of the version frame inside a client hello: after {@code API\0} and the 4-byte length. */
    private static byte[] versionPayload(byte[] hello) {
        return Arrays.copyOfRange(hello, Handshake.preamble().length + WireLimits.LENGTH_PREFIX_BYTES, hello.length);
    }
}
