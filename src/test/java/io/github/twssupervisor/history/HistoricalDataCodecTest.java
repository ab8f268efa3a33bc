package io.github.twssupervisor.history;

import static io.github.twssupervisor.testutil.Payloads.fieldCount;
import static io.github.twssupervisor.testutil.Payloads.payload;
import static io.github.twssupervisor.testutil.Payloads.payloadOf;
import static io.github.twssupervisor.testutil.Payloads.truncated;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.history.HistoricalDataCodec.HistoricalDataRequest;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Historical data (TWS-WIRE.md §5.10): the request byte-identical to the official client's and to the §5.10 sv-200
 * examples, both clients' spellings read by the simulator, recorded and golden answers decoded to the last field,
 * round trips on both sides of sv 196, truncation, and the request's validation messages.
 */
class HistoricalDataCodecTest {

    /** TWS-WIRE.md §9 item 20 (S5 live, sv 200), its first two bars with the count set to 2. */
    static final String LIVE_200 = "17|1001|2|20260402 09:30:00 US/Eastern|254.20|254.80|250.65|252.53|2829736|252.266|"
            + "13633|20260402 10:00:00 US/Eastern|252.52|255.40|251.19|255.38|2797972|252.971|16541|";

    private static final HistoricalRequest GOLDEN_REQUEST = HistoricalRequest.upToNow(Contract.stock("AAPL"), "1 D",
            "1 hour", "TRADES");
    private final HistoricalDataCodec codec = new HistoricalDataCodec();

    // ================================================================== requests

    @Test
    void theRequestAt176IsTheOfficialClientsByteForByte() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "REQ_HISTORICAL_DATA").frame();
        assertEquals(HexFormat.of().formatHex(golden), HexFormat.of().formatHex(
                HistoricalDataCodec.reqHistoricalData(176, 4001, GOLDEN_REQUEST)));
    }

    @Test
    void theRequestsAt200AreTheSection510Examples() {
        assertEquals("20|9003|0|AAPL|STK||0.0|||SMART||USD|||0||1 hour|1 D|1|TRADES|1|0||",
                text(HistoricalDataCodec.reqHistoricalData(200, 9003, GOLDEN_REQUEST)));
        HistoricalRequest keep = new HistoricalRequest(Contract.stock("AAPL"), "", "2 D", "5 mins", "MIDPOINT", false,
                2, true);
        assertEquals("20|9004|0|AAPL|STK||0.0|||SMART||USD|||0||5 mins|2 D|0|MIDPOINT|2|1||",
                text(HistoricalDataCodec.reqHistoricalData(200, 9004, keep)));
        assertEquals("25|1|9004|", text(HistoricalDataCodec.cancelHistoricalData(9004)));
    }

    @Test
    void theOfficialAndStoqeySpellingsDecodeToTheSameRequest() {
        HistoricalDataRequest expected = new HistoricalDataRequest(4001, GOLDEN_REQUEST);
        assertEquals(expected, decodeRequest(176, Golden.named(Golden.officialClientFrames(), "REQ_HISTORICAL_DATA")));
        for (int sv : new int[] {176, 193}) {
            assertEquals(expected, decodeRequest(sv, Golden.named(Golden.stoqeyClientFrames(sv),
                    "REQ_HISTORICAL_DATA")));
        }
        assertEquals(9004, HistoricalDataCodec.decodeCancelHistoricalData(reader("25|1|9004|")));
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 195, 196, 200})
    void ourRequestDecodesBack(int sv) {
        HistoricalRequest keep = new HistoricalRequest(Contract.future("ES", "202612", "CME"), "", "2 D", "5 mins",
                "BID", false, 2, true);
        for (HistoricalRequest r : List.of(GOLDEN_REQUEST, keep)) {
            FieldReader reader = new FieldReader(payloadOf(HistoricalDataCodec.reqHistoricalData(sv, 7, r)))
                    .skipping(1);
            assertEquals(new HistoricalDataRequest(7, r), HistoricalDataCodec.decodeReqHistoricalData(sv, reader));
            assertFalse(reader.hasMore());
        }
    }

    // ================================================================== recorded and golden answers

    @Test
    void theLiveBarsAt200DecodeToTheLastField() {
        FieldReader reader = reader(LIVE_200);
        Addressed addressed = codec.decode(200, IncomingMessageId.HISTORICAL_DATA, reader);
        assertFalse(reader.hasMore());
        assertEquals(RouteKey.request(1001), addressed.key());
        HistoricalDataEvent.Bars bars = assertInstanceOf(HistoricalDataEvent.Bars.class, addressed.event());
        assertEquals(List.of(new Bar("20260402 09:30:00 US/Eastern", 254.20, 254.80, 250.65, 252.53,
                new BigDecimal("2829736"), new BigDecimal("252.266"), 13633), new Bar("20260402 10:00:00 US/Eastern",
                252.52, 255.40, 251.19, 255.38, new BigDecimal("2797972"), new BigDecimal("252.971"), 16541)),
                bars.bars());
        assertEquals("", bars.start());
        assertFalse(bars.isEnd(), "at 200 the end is a separate message");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"official-176", "stoqey-176", "stoqey-193"})
    void theGoldenBarsDecodeToTheLastFieldAndEndTheDataSet(String capture) {
        int sv = capture.endsWith("193") ? 193 : 176;
        List<Golden.Frame> frames = capture.startsWith("official") ? Golden.officialServerFrames()
                : Golden.stoqeyServerFrames(sv);
        byte[] frame = frames.stream().filter(f -> f.fields().get(0).equals("17")).findFirst().orElseThrow().frame();
        FieldReader reader = new FieldReader(payloadOf(frame)).skipping(1);
        Addressed addressed = codec.decode(sv, IncomingMessageId.HISTORICAL_DATA, reader);
        assertFalse(reader.hasMore(), "every field read");
        assertEquals(RouteKey.request(4001), addressed.key());
        HistoricalDataEvent.Bars bars = assertInstanceOf(HistoricalDataEvent.Bars.class, addressed.event());
        assertEquals("20261121 10:30:00", bars.start());
        assertEquals("20261122 10:30:00", bars.end());
        assertTrue(bars.isEnd(), "before 196 the ranged message is the end");
        assertEquals(7, bars.bars().size());
        assertEquals(new Bar("20261121 09:30:00 US/Eastern", 150, 150.5, 149.5, 150.1, new BigDecimal("100000"),
                new BigDecimal("150.05"), 1000), bars.bars().get(0));
        assertEquals(1006, bars.bars().get(6).count());
    }

    @Test
    void theEndAndTheUpdateDecodeInTheirOwnFieldOrder() {
        Addressed end = codec.decode(200, IncomingMessageId.HISTORICAL_DATA_END, reader("108|9|20260401 16:00:00|"
                + "20260402 16:00:00|"));
        assertEquals(new Addressed(9, new HistoricalDataEvent.End("20260401 16:00:00", "20260402 16:00:00")), end);
        assertTrue(((HistoricalDataEvent) end.event()).isEnd());
        Addressed update = codec.decode(200, IncomingMessageId.HISTORICAL_DATA_UPDATE,
                reader("90|9|-1|1775000000|10.0|10.5|11.0|9.5|10.2|1234|"));
        assertEquals(new HistoricalDataEvent.Update(new Bar("1775000000", 10.0, 11.0, 9.5, 10.5,
                new BigDecimal("1234"), new BigDecimal("10.2"), -1)), update.event());
    }

    // ================================================================== round trips and truncation

    @ParameterizedTest
    @ValueSource(ints = {176, 195, 196, 200})
    void whatTheSimulatorWritesTheClientReads(int sv) {
        List<Bar> bars = List.of(bar("20261121 09:30:00 US/Eastern", 1), bar("20261121 10:30:00 US/Eastern", 2));
        byte[] frame = HistoricalDataCodec.historicalData(sv, 42, "20261121 09:30:00", "20261121 11:00:00", bars);
        Addressed addressed = codec.decode(sv, IncomingMessageId.HISTORICAL_DATA, readerOf(frame));
        HistoricalDataEvent.Bars got = (HistoricalDataEvent.Bars) addressed.event();
        assertEquals(bars, got.bars());
        assertEquals(sv < 196, got.isEnd(), "sv " + sv);
        assertEquals(sv < 196 ? "20261121 09:30:00" : "", got.start());
        assertArrayEquals(frame, HistoricalDataCodec.historicalData(sv, 42, got.start(), got.end(), got.bars()));
        byte[] end = HistoricalDataCodec.historicalDataEnd(42, "a", "b");
        assertEquals(new Addressed(42, new HistoricalDataEvent.End("a", "b")),
                codec.decode(sv, IncomingMessageId.HISTORICAL_DATA_END, readerOf(end)));
        byte[] update = HistoricalDataCodec.historicalDataUpdate(42, bar("1775000000", 3));
        assertEquals(new Addressed(42, new HistoricalDataEvent.Update(bar("1775000000", 3))),
                codec.decode(sv, IncomingMessageId.HISTORICAL_DATA_UPDATE, readerOf(update)));
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 195, 196, 200})
    void aTruncatedFrameIsAFormatErrorAtEveryField(int sv) {
        Bar b = bar("20261121 09:30:00 US/Eastern", 1);
        assertTruncationFails(sv, IncomingMessageId.HISTORICAL_DATA,
                payloadOf(HistoricalDataCodec.historicalData(sv, 42, "s", "e", List.of(b, b))));
        assertTruncationFails(sv, IncomingMessageId.HISTORICAL_DATA_END,
                payloadOf(HistoricalDataCodec.historicalDataEnd(42, "s", "e")));
        assertTruncationFails(sv, IncomingMessageId.HISTORICAL_DATA_UPDATE,
                payloadOf(HistoricalDataCodec.historicalDataUpdate(42, b)));
        byte[] request = payloadOf(HistoricalDataCodec.reqHistoricalData(sv, 7, GOLDEN_REQUEST));
        for (int kept = 1; kept < fieldCount(request) - 1; kept++) { // chartOptions, the last field, is optional
            byte[] cut = truncated(request, kept);
            assertThrows(WireFormatException.class, () -> HistoricalDataCodec.decodeReqHistoricalData(sv,
                    new FieldReader(cut).skipping(1)), "kept " + kept);
        }
        assertThrows(WireFormatException.class, () -> codec.decode(sv, IncomingMessageId.HISTORICAL_DATA,
                reader(sv < 196 ? "17|1|s|e|99|" : "17|1|99|")), "a bar count the frame cannot hold");
    }

    // ================================================================== validation

    @Test
    void aRequestNamesTheFieldItRefusesAndWhatItAllows() {
        Contract aapl = Contract.stock("AAPL");
        String units = "one of [S (seconds), D (days), W (weeks), M (months), Y (years)] (e.g. '1 D', '3600 S')";
        assertMessage("duration '1 day' must be a whole number above 0, a space and " + units,
                () -> new HistoricalRequest(aapl, "", "1 day", "1 hour", "TRADES", true, 1, false));
        assertMessage("duration '0 D' must be a whole number above 0, a space and " + units,
                () -> new HistoricalRequest(aapl, "", "0 D", "1 hour", "TRADES", true, 1, false));
        assertMessage("duration '1D' must be a whole number above 0, a space and " + units,
                () -> new HistoricalRequest(aapl, "", "1D", "1 hour", "TRADES", true, 1, false));
        assertMessage("barSize '1 hours' must be one of " + HistoricalRequest.BAR_SIZES + " (did you mean '1 hour'?)",
                () -> new HistoricalRequest(aapl, "", "1 D", "1 hours", "TRADES", true, 1, false));
        assertMessage("barSize '5 min' must be one of " + HistoricalRequest.BAR_SIZES + " (did you mean '5 mins'?)",
                () -> new HistoricalRequest(aapl, "", "1 D", "5 min", "TRADES", true, 1, false));
        assertMessage("barSize '7 mins' must be one of " + HistoricalRequest.BAR_SIZES,
                () -> new HistoricalRequest(aapl, "", "1 D", "7 mins", "TRADES", true, 1, false));
        assertMessage("whatToShow 'LAST' must be one of " + HistoricalRequest.WHAT_TO_SHOW,
                () -> new HistoricalRequest(aapl, "", "1 D", "1 hour", "LAST", true, 1, false));
        assertMessage("formatDate 3 must be 1 (yyyyMMdd HH:mm:ss zone) or 2 (epoch seconds)",
                () -> new HistoricalRequest(aapl, "", "1 D", "1 hour", "TRADES", true, 3, false));
        assertMessage("keepUpToDate requires endDateTime '' (now), not '20261120 16:00:00 US/Eastern'",
                () -> new HistoricalRequest(aapl, "20261120 16:00:00 US/Eastern", "1 D", "1 hour", "TRADES", true, 1,
                        true));
        assertMessage("keepUpToDate requires whatToShow one of [TRADES, MIDPOINT, BID, ASK], not BID_ASK",
                () -> new HistoricalRequest(aapl, "", "1 D", "1 hour", "BID_ASK", true, 1, true));
        assertTrue(HistoricalRequest.BAR_SIZES.toString().contains("1 secs, 5 secs"));
        assertThrows(IllegalArgumentException.class, () -> HistoricalDataCodec.decodeReqHistoricalData(200,
                reader("20|5|0|AAPL|STK||0.0|||SMART||USD|||0||1 hours|1 D|1|TRADES|1|0||")));
    }

    @Test
    void aMalformedBarFrameIsADecodeFailureValueAtTheRouterNotACrash() {
        InboundRouter router = new InboundRouter(new HistoryDomain(TwsSettings.defaults().history()).decoders());
        String good = "17|9|1|20260402 09:30:00 US/Eastern|254.20|254.80|250.65|252.53|2829736|252.266|13633|";
        assertInstanceOf(Routed.ToOwner.class, router.route(200, payload(good)));
        for (String bad : List.of(good.replace("254.80", "abc"), "17|9|3|20260402 09:30:00 US/Eastern|1|2|",
                "90|9|x|", "108|9|", "88|9|yesterday|")) {
            Routed.Failed failed = assertInstanceOf(Routed.Failed.class, router.route(200, payload(bad)), bad);
            assertTrue(failed.error().contains("field"), failed.error());
        }
    }

    // ================================================================== helpers

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable construct) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, construct).getMessage());
    }

    private void assertTruncationFails(int sv, IncomingMessageId id, byte[] whole) {
        for (int kept = 1; kept < fieldCount(whole); kept++) {
            byte[] cut = truncated(whole, kept);
            assertThrows(WireFormatException.class, () -> codec.decode(sv, id, new FieldReader(cut).skipping(1)),
                    id + " kept " + kept);
        }
    }

    private static Bar bar(String time, int i) {
        return new Bar(time, 150 + i, 151.25 + i, 149.5 + i, 150.75 + i, new BigDecimal(1000 * i),
                new BigDecimal("150.125"), 10 * i);
    }

    private static HistoricalDataRequest decodeRequest(int sv, Golden.Frame frame) {
        FieldReader reader = new FieldReader(payloadOf(frame.frame())).skipping(1);
        HistoricalDataRequest request = HistoricalDataCodec.decodeReqHistoricalData(sv, reader);
        assertFalse(reader.hasMore(), "every field read");
        return request;
    }

    private static String text(byte[] frame) {
        return new String(payloadOf(frame), StandardCharsets.US_ASCII).replace('\0', '|');
    }

    private static FieldReader readerOf(byte[] frame) {
        return new FieldReader(payloadOf(frame)).skipping(1);
    }

    private static FieldReader reader(String text) {
        return new FieldReader(text.replace('|', '\0').getBytes(StandardCharsets.UTF_8)).skipping(1);
    }
}
