package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.SessionCodec.StartApi;
import io.github.twssupervisor.wire.SessionCodec.TwsError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session-level messages both ways (TWS-WIRE.md §2.3, §5.1–§5.4), checked against the layouts and the live captures
 * of §9.
 */
class SessionCodecTest {

    private static final String FARM_OK_TEXT = "Market data farm connection is OK:usfarm";
    /** errorTime of the live sv-200 capture in TWS-WIRE.md §9 item 6. */
    private static final long LIVE_ERROR_TIME = 1775425766350L;

    /** The fields of a complete frame, in TWS-WIRE.md notation ({@code |} = NUL). */
    private static String text(byte[] frame) {
        assertEquals(frame.length - WireLimits.LENGTH_PREFIX_BYTES, Frames.readLength(frame, 0), "length prefix");
        return new String(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length - WireLimits.LENGTH_PREFIX_BYTES,
                StandardCharsets.ISO_8859_1).replace('\0', '|');
    }

    /** A reader over a payload written in TWS-WIRE.md notation, already past the message id. */
    private static FieldReader afterMessageId(String text) {
        FieldReader reader = new FieldReader(text.replace('|', '\0').getBytes(StandardCharsets.UTF_8));
        reader.skip();
        return reader;
    }

    /** A reader over a complete frame, already past the message id. */
    private static FieldReader afterMessageId(byte[] frame) {
        FieldReader reader = new FieldReader(frame, WireLimits.LENGTH_PREFIX_BYTES,
                frame.length - WireLimits.LENGTH_PREFIX_BYTES);
        reader.skip();
        return reader;
    }

    // ---- requests (OUT) ----

    @Test
    void startApiHasVersionTwoClientIdAndCapabilities() {
        // TWS-WIRE.md §2.3 / §9 item 1 (live): 71|2|1||
        assertEquals("71|2|1||", text(SessionCodec.startApi(1, "")));
    }

    @Test
    void startApiOfTheLiveCaptureHasItsExactBytes() {
        // TWS-WIRE.md §2.3: 00 00 00 08 37 31 00 32 00 31 00 00
        byte[] expected = {0, 0, 0, 8, 0x37, 0x31, 0, 0x32, 0, 0x31, 0, 0};

        assertArrayEquals(expected, SessionCodec.startApi(1, ""));
    }

    @Test
    void reqCurrentTimeIsIdAndVersion() {
        assertEquals("49|1|", text(SessionCodec.reqCurrentTime()));
    }

    @Test
    void reqIdsCarriesTheCount() {
        assertEquals("8|1|1|", text(SessionCodec.reqIds(1)));
    }

    @Test
    void reqManagedAcctsIsIdAndVersion() {
        assertEquals("17|1|", text(SessionCodec.reqManagedAccts()));
    }

    @Test
    void simulatorDecodesTheStoqeyStartApiWithItsEmptyCapabilities() {
        byte[] golden = Golden.named(Golden.stoqeyClientFrames(176), "START_API").frame();

        assertEquals(new StartApi(7, ""), SessionCodec.decodeStartApi(afterMessageId(golden)));
    }

    @Test
    void simulatorDecodesStartApiWithCapabilities() {
        assertEquals(new StartApi(3, "caps"), SessionCodec.decodeStartApi(afterMessageId("71|2|3|caps|")));
    }

    @Test
    void simulatorDecodesStartApiOfAPreCapabilitiesClient() {
        // Before sv 72 the 4th field did not exist.
        assertEquals(new StartApi(3, ""), SessionCodec.decodeStartApi(afterMessageId("71|2|3|")));
    }

    @Test
    void simulatorDecodesReqIds() {
        assertEquals(5, SessionCodec.decodeReqIds(afterMessageId(SessionCodec.reqIds(5))));
    }

    // ---- events (IN) ----

    @Test
    void nextValidIdLayout() {
        // TWS-WIRE.md §9 item 5 (live): 9|1|1|
        assertEquals("9|1|1|", text(SessionCodec.nextValidId(1)));
        assertEquals(1, SessionCodec.decodeNextValidId(afterMessageId("9|1|1|")));
    }

    @Test
    void nextValidIdRoundTrips() {
        assertEquals(9000, SessionCodec.decodeNextValidId(afterMessageId(SessionCodec.nextValidId(9000))));
    }

    @Test
    void managedAccountsLayout() {
        assertEquals("15|1|DU1,DU2|", text(SessionCodec.managedAccounts(List.of("DU1", "DU2"))));
    }

    @Test
    void managedAccountsIgnoresTheTrailingComma() {
        assertEquals(List.of("DU1", "DU2"), SessionCodec.decodeManagedAccounts(afterMessageId("15|1|DU1,DU2,|")));
    }

    @Test
    void managedAccountsOfTheLiveCapture() {
        // TWS-WIRE.md §9 item 4 (live)
        assertEquals(List.of("DU9000001"), SessionCodec.decodeManagedAccounts(afterMessageId("15|1|DU9000001|")));
    }

    @Test
    void managedAccountsRoundTrips() {
        List<String> accounts = List.of("DU1", "DU2", "U1234567");

        assertEquals(accounts,
                SessionCodec.decodeManagedAccounts(afterMessageId(SessionCodec.managedAccounts(accounts))));
    }

    @Test
    void emptyManagedAccountsDecodeToNoAccount() {
        assertEquals(List.of(), SessionCodec.decodeManagedAccounts(afterMessageId("15|1||")));
    }

    @Test
    void currentTimeLayout() {
        // TWS-WIRE.md §5.2 / §9 item 9 (live): 49|1|1781163646|
        assertEquals("49|1|1781163646|", text(SessionCodec.currentTime(1781163646L)));
        assertEquals(1781163646L, SessionCodec.decodeCurrentTime(afterMessageId("49|1|1781163646|")));
    }

    @Test
    void currentTimeBeyond2038RoundTrips() {
        long seconds = (long) Integer.MAX_VALUE + 1;

        assertEquals(seconds, SessionCodec.decodeCurrentTime(afterMessageId(SessionCodec.currentTime(seconds))));
    }

    // ---- error (IN 4): two layouts around ServerVersion.ERROR_TIME ----

    @Test
    void liveErrorAtSv200HasNoVersionFieldAndATime() {
        // TWS-WIRE.md §2.4 / §9 item 6 (live, sv 200)
        FieldReader reader = afterMessageId("4|-1|2104|" + FARM_OK_TEXT + "||" + LIVE_ERROR_TIME + "|");

        TwsError error = SessionCodec.decodeError(200, reader);

        assertEquals(new TwsError(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, FARM_OK_TEXT, "",
                OptionalLong.of(LIVE_ERROR_TIME)), error);
        assertFalse(reader.hasMore());
    }

    @Test
    void liveErrorBeforeSv194HasAVersionFieldAndNoTime() {
        // TWS-WIRE.md §9 item 7 (live, sv 173); the layout is the same up to sv 193.
        FieldReader reader = afterMessageId("4|2|-1|2104|" + FARM_OK_TEXT + "||");

        TwsError error = SessionCodec.decodeError(176, reader);

        assertEquals(new TwsError(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, FARM_OK_TEXT, "",
                OptionalLong.empty()), error);
        assertFalse(reader.hasMore());
    }

    @ParameterizedTest
    @ValueSource(ints = {176, ServerVersion.ERROR_TIME - 1})
    void errorBeforeErrorTimeIsWrittenWithVersionTwoAndWithoutTime(int serverVersion) {
        TwsError error = TwsError.of(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, FARM_OK_TEXT,
                LIVE_ERROR_TIME);

        assertEquals("4|2|-1|2104|" + FARM_OK_TEXT + "||", text(SessionCodec.error(serverVersion, error)));
    }

    @ParameterizedTest
    @ValueSource(ints = {ServerVersion.ERROR_TIME, ServerVersion.MAX_SUPPORTED})
    void errorFromErrorTimeOnIsWrittenWithoutVersionAndWithTime(int serverVersion) {
        TwsError error = TwsError.of(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, FARM_OK_TEXT,
                LIVE_ERROR_TIME);

        assertEquals("4|-1|2104|" + FARM_OK_TEXT + "||" + LIVE_ERROR_TIME + "|",
                text(SessionCodec.error(serverVersion, error)));
    }

    @Test
    void errorWritesTheGoldenServerFrameAt176() {
        byte[] golden = Golden.stoqeyServerFrames(176).stream()
                .filter(f -> f.fields().get(0).equals(String.valueOf(IncomingMessageId.ERROR.code()))).findFirst()
                .orElseThrow().frame();
        TwsError error = new TwsError(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, FARM_OK_TEXT, "",
                OptionalLong.empty());

        assertArrayEquals(golden, SessionCodec.error(176, error));
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 194, 200})
    void errorRoundTripsAtEveryLayout(int serverVersion) {
        TwsError written = new TwsError(1001, 10167, "Requested market data is not subscribed.", "{\"reason\":\"x\"}",
                OptionalLong.of(LIVE_ERROR_TIME));
        OptionalLong timeOnTheWire = serverVersion >= ServerVersion.ERROR_TIME ? written.timeMillis()
                : OptionalLong.empty();

        FieldReader reader = afterMessageId(SessionCodec.error(serverVersion, written));
        TwsError read = SessionCodec.decodeError(serverVersion, reader);

        assertEquals(new TwsError(1001, 10167, written.message(), written.advancedOrderRejectJson(), timeOnTheWire),
                read);
        assertFalse(reader.hasMore());
    }

    @Test
    void errorWithoutTimeIsWrittenWithTimeZeroFromErrorTimeOn() {
        TwsError error = new TwsError(7, TwsErrorCode.CANNOT_VALIDATE_REQUEST, "unsupported", "", OptionalLong.empty());

        assertEquals("4|7|321|unsupported||0|", text(SessionCodec.error(ServerVersion.ERROR_TIME, error)));
    }

    @Test
    void twsErrorNormalisesNulls() {
        assertEquals(new TwsError(1, 2, "", "", OptionalLong.empty()), new TwsError(1, 2, null, null, null));
    }

    @Test
    void payloadWithoutTheLengthPrefixDecodesTheSameAsTheFrame() {
        byte[] frame = SessionCodec.currentTime(42);
        byte[] payload = Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
        FieldReader reader = new FieldReader(payload);

        assertEquals(IncomingMessageId.CURRENT_TIME.code(), reader.readInt());
        assertEquals(42L, SessionCodec.decodeCurrentTime(reader));
    }
}
