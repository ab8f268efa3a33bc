package io.github.twssupervisor.marketdata;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractArbitraries;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.testutil.Golden.Frame;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The market data messages (TWS-WIRE.md §5.5, §5.6): requests byte-identical to the official client, the simulator's
 * request decoder against both client spellings, the client's tick decoder against frames @stoqey/ib accepted, and
 * round trips of every tick message.
 */
class MarketDataCodecTest {

    /** The golden request script (golden/README.md steps 3-5). */
    private static final int AAPL_REQ_ID = 1001;
    private static final int EURUSD_REQ_ID = 1002;
    private static final Contract SCRIPT_AAPL = Contract.stock("AAPL").withPrimaryExchange("NASDAQ");
    private static final Contract SCRIPT_EURUSD = Contract.forex("EUR", "USD");
    private static final int OFFICIAL_SERVER_VERSION = 176;

    /** reqMktData version 11 has 20 fields at sv >= 114, the last being mktDataOptions (TWS-WIRE.md §5.5). */
    private static final int REQ_MKT_DATA_FIELDS = 20;
    private static final int REGULATORY_SNAPSHOT_FIELD = 18;

    /** The market data message ids of TWS-WIRE.md §5.6. */
    private static final Set<IncomingMessageId> TICK_MESSAGES = EnumSet.of(IncomingMessageId.TICK_PRICE,
            IncomingMessageId.TICK_SIZE, IncomingMessageId.TICK_GENERIC, IncomingMessageId.TICK_STRING,
            IncomingMessageId.TICK_REQ_PARAMS, IncomingMessageId.MARKET_DATA_TYPE,
            IncomingMessageId.TICK_SNAPSHOT_END);

    private final MarketDataCodec codec = new MarketDataCodec();

    // ================================================================== golden: our requests = the official client's

    @Test
    void reqMktDataForAaplIsByteIdenticalToTheOfficialClient() {
        byte[] golden = goldenReqMktData(Golden.officialClientFrames(), 0);

        byte[] ours = MarketDataCodec.reqMktData(OFFICIAL_SERVER_VERSION, AAPL_REQ_ID, SCRIPT_AAPL, "", false, false);

        assertArrayEquals(golden, ours, diff(golden, ours));
    }

    @Test
    void reqMktDataForEurUsdIsByteIdenticalToTheOfficialClient() {
        byte[] golden = goldenReqMktData(Golden.officialClientFrames(), 1);

        byte[] ours = MarketDataCodec.reqMktData(OFFICIAL_SERVER_VERSION, EURUSD_REQ_ID, SCRIPT_EURUSD, "", false,
                false);

        assertArrayEquals(golden, ours, diff(golden, ours));
    }

    @Test
    void cancelMktDataIsByteIdenticalToTheOfficialClient() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "CANCEL_MKT_DATA").frame();

        byte[] ours = MarketDataCodec.cancelMktData(AAPL_REQ_ID);

        assertArrayEquals(golden, ours, diff(golden, ours));
    }

    @Test
    void reqMktDataForAnOptionMatchesTheOfficialEncoderExampleAtSv200() {
        // TWS-WIRE.md §5.5, "OPT" example (S1 encoder output at sv 200).
        byte[] expected = frameOfText("1|11|1004|0|AAPL|OPT|20261120|200.0|C|100|SMART||USD|||0||0|0||");

        byte[] ours = MarketDataCodec.reqMktData(ServerVersion.MAX_SUPPORTED, 1004,
                Contract.option("AAPL", "20261120", 200, "C"), "", false, false);

        assertArrayEquals(expected, ours, diff(expected, ours));
    }

    @Test
    void reqMarketDataTypeDelayedIs59Then1Then3() {
        assertArrayEquals(frameOfText("59|1|3|"), MarketDataCodec.reqMarketDataType(MarketDataType.DELAYED));
    }

    @ParameterizedTest
    @EnumSource(MarketDataType.class)
    void reqMarketDataTypeCarriesTheTypeCode(MarketDataType type) {
        assertArrayEquals(frameOfText("59|1|" + type.code() + "|"), MarketDataCodec.reqMarketDataType(type));
    }

    // ================================================================== reqMktData: arguments and versions

    @Test
    void genericTicksWithASnapshotAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarketDataCodec.reqMktData(OFFICIAL_SERVER_VERSION, AAPL_REQ_ID, SCRIPT_AAPL, "233", true,
                        false));

        assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
    }

    @Test
    void aSnapshotWithoutGenericTicksIsAllowed() {
        byte[] frame = MarketDataCodec.reqMktData(OFFICIAL_SERVER_VERSION, AAPL_REQ_ID, SCRIPT_AAPL, "", true, false);

        assertEquals("1", fieldsOf(frame).get(17), "snapshot flag");
    }

    @Test
    void aComboContractIsRefused() {
        Contract bag = new Contract(0, "SPY", SecType.BAG, "", 0, "", "", "SMART", "", "USD", "", "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarketDataCodec.reqMktData(OFFICIAL_SERVER_VERSION, AAPL_REQ_ID, bag, "", false, false));

        assertTrue(e.getMessage().contains("BAG"), e.getMessage());
    }

    static IntStream supportedServerVersions() {
        return IntStream.rangeClosed(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    @ParameterizedTest(name = "sv {0}")
    @MethodSource("supportedServerVersions")
    void regulatorySnapshotIsSentAtEverySupportedVersion(int serverVersion) {
        List<String> on = fieldsOf(MarketDataCodec.reqMktData(serverVersion, AAPL_REQ_ID, SCRIPT_AAPL, "", true,
                true));
        List<String> off = fieldsOf(MarketDataCodec.reqMktData(serverVersion, AAPL_REQ_ID, SCRIPT_AAPL, "", false,
                false));

        assertEquals(REQ_MKT_DATA_FIELDS, on.size());
        assertEquals("1", on.get(REGULATORY_SNAPSHOT_FIELD));
        assertEquals("0", off.get(REGULATORY_SNAPSHOT_FIELD));
        assertEquals("", on.get(REQ_MKT_DATA_FIELDS - 1), "mktDataOptions is always empty");
    }

    @Test
    void regulatorySnapshotIsLeftOutBelowItsServerVersion() {
        List<String> fields = fieldsOf(MarketDataCodec.reqMktData(ServerVersion.REQ_SMART_COMPONENTS - 1, AAPL_REQ_ID,
                SCRIPT_AAPL, "", false, true));

        assertEquals(REQ_MKT_DATA_FIELDS - 1, fields.size());
    }

    // ================================================================== simulator: decoding every client spelling

    static Stream<Arguments> goldenRequestCaptures() {
        return Stream.of(
                Arguments.of("official client", OFFICIAL_SERVER_VERSION, Golden.officialClientFrames()),
                Arguments.of("@stoqey/ib", 176, Golden.stoqeyClientFrames(176)),
                Arguments.of("@stoqey/ib", 193, Golden.stoqeyClientFrames(193)));
    }

    @ParameterizedTest(name = "{0} at sv {1}")
    @MethodSource("goldenRequestCaptures")
    void simulatorReadsBothScriptedReqMktDataOfEveryClient(String client, int serverVersion, List<Frame> frames) {
        List<Frame> requests = frames.stream().filter(f -> f.name().equals("REQ_MKT_DATA")).collect(
                Collectors.toList());
        assertEquals(2, requests.size(), "the script has two reqMktData");

        MarketDataCodec.MarketDataRequest aapl = decodeReqMktData(serverVersion, requests.get(0).frame());
        MarketDataCodec.MarketDataRequest eurUsd = decodeReqMktData(serverVersion, requests.get(1).frame());

        assertRequest(aapl, AAPL_REQ_ID, "AAPL", SecType.STK, "SMART", "NASDAQ", "USD");
        assertRequest(eurUsd, EURUSD_REQ_ID, "EUR", SecType.CASH, "IDEALPRO", "", "USD");
        assertEquals(SCRIPT_AAPL, aapl.contract());
        assertEquals(SCRIPT_EURUSD, eurUsd.contract());
    }

    @ParameterizedTest(name = "{0} at sv {1}")
    @MethodSource("goldenRequestCaptures")
    void simulatorReadsTheCancelOfEveryClient(String client, int serverVersion, List<Frame> frames) {
        Frame cancel = Golden.named(frames, "CANCEL_MKT_DATA");
        FieldReader reader = new FieldReader(payloadOf(cancel.frame()));
        assertEquals(OutgoingMessageId.CANCEL_MKT_DATA.code(), reader.readInt());

        assertEquals(AAPL_REQ_ID, MarketDataCodec.decodeCancelMktData(reader));
    }

    @Test
    void theTwoCancelSpellingsReallyDifferInVersion() {
        // golden/README.md: cancelMktData carries version 2 (official) or 1 (@stoqey/ib).
        assertEquals("2", Golden.named(Golden.officialClientFrames(), "CANCEL_MKT_DATA").fields().get(1));
        assertEquals("1", Golden.named(Golden.stoqeyClientFrames(176), "CANCEL_MKT_DATA").fields().get(1));
    }

    static Stream<Arguments> specReqMktDataExamples() {
        // TWS-WIRE.md §5.5 (S1 encoder output at sv 200): unset strike written empty.
        return Stream.of(
                Arguments.of("1|11|1001|0|AAPL|STK|||||SMART||USD|||0||0|0||", 1001, Contract.stock("AAPL"), "", false),
                Arguments.of("1|11|1002|0|EUR|CASH|||||IDEALPRO||USD|||0|233,236|0|0||", 1002,
                        Contract.forex("EUR", "USD"), "233,236", false),
                Arguments.of("1|11|1003|0|ES|FUT|202612||||CME||USD|||0||1|0||", 1003,
                        Contract.future("ES", "202612", "CME"), "", true),
                Arguments.of("1|11|1004|0|AAPL|OPT|20261120|200.0|C|100|SMART||USD|||0||0|0||", 1004,
                        Contract.option("AAPL", "20261120", 200, "C"), "", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specReqMktDataExamples")
    void simulatorReadsTheSpecExamples(String text, int reqId, Contract contract, String genericTicks,
                                       boolean snapshot) {
        MarketDataCodec.MarketDataRequest request = decodeReqMktData(ServerVersion.MAX_SUPPORTED,
                frameOfText(text));

        assertEquals(new MarketDataCodec.MarketDataRequest(reqId, contract, genericTicks, snapshot, false), request);
    }

    @Test
    void simulatorSkipsADeltaNeutralContract() {
        byte[] frame = frameOfText("1|11|1001|0|AAPL|STK||0.0|||SMART|NASDAQ|USD|||1|12345|0.5|150.0|233|0|0||");

        MarketDataCodec.MarketDataRequest request = decodeReqMktData(OFFICIAL_SERVER_VERSION, frame);

        assertEquals(new MarketDataCodec.MarketDataRequest(AAPL_REQ_ID, SCRIPT_AAPL, "233", false, false), request);
    }

    @Test
    void simulatorReadsReqMarketDataType() {
        FieldReader reader = new FieldReader(payloadOf(frameOfText("59|1|3|")));
        assertEquals(OutgoingMessageId.REQ_MARKET_DATA_TYPE.code(), reader.readInt());

        assertEquals(MarketDataType.DELAYED, MarketDataCodec.decodeReqMarketDataType(reader));
    }

    @Test
    void simulatorRejectsAnUndefinedMarketDataType() {
        FieldReader reader = new FieldReader(payloadOf(frameOfText("59|1|7|")));
        reader.readInt();

        assertThrows(WireFormatException.class, () -> MarketDataCodec.decodeReqMarketDataType(reader));
    }

    // ================================================================== client: ticks that @stoqey/ib accepted

    static Stream<Arguments> goldenTickFrames() {
        return Stream.of(176, 193).flatMap(sv -> Golden.stoqeyServerFrames(sv).stream()
                .filter(f -> isTickMessage(f.fields().get(0)))
                .map(f -> Arguments.of(sv, String.join("|", f.fields()), f)));
    }

    @ParameterizedTest(name = "sv {0}: {1}")
    @MethodSource("goldenTickFrames")
    void clientDecodesEveryGoldenTickFrame(int serverVersion, String text, Frame golden) {
        List<String> f = golden.fields();

        Addressed decoded = decodeEvent(serverVersion, golden.frame());

        switch (f.get(0)) {
            case "1": // tickPrice: 1|6|reqId|tickType|price|size|attrMask
                assertEquals(RouteKey.request(Integer.parseInt(f.get(2))), decoded.key());
                MarketDataEvent.Price price = assertInstanceOf(MarketDataEvent.Price.class, decoded.event());
                assertEquals(Integer.parseInt(f.get(3)), price.field().code());
                assertEquals(Double.parseDouble(f.get(4)), price.price());
                assertEquals(Optional.of(new BigDecimal(f.get(5))), price.size());
                assertEquals(Integer.parseInt(f.get(6)), price.attributes());
                break;
            case "2": // tickSize: 2|6|reqId|tickType|size
                assertEquals(RouteKey.request(Integer.parseInt(f.get(2))), decoded.key());
                MarketDataEvent.Size size = assertInstanceOf(MarketDataEvent.Size.class, decoded.event());
                assertEquals(Integer.parseInt(f.get(3)), size.field().code());
                assertEquals(new BigDecimal(f.get(4)), size.size());
                break;
            case "58": // marketDataType: 58|1|reqId|type
                assertEquals(RouteKey.request(Integer.parseInt(f.get(2))), decoded.key());
                MarketDataEvent.DataType type = assertInstanceOf(MarketDataEvent.DataType.class, decoded.event());
                assertEquals(Integer.parseInt(f.get(3)), type.type().code());
                break;
            default:
                throw new AssertionError("no expectation written for golden tick frame " + text);
        }
    }

    @Test
    void goldenTickFramesCoverPriceSizeAndDataType() {
        Set<String> ids = goldenTickFrames().map(a -> ((Frame) a.get()[2]).fields().get(0))
                .collect(Collectors.toSet());

        assertEquals(Set.of("1", "2", "58"), ids, "the golden server capture holds these tick messages");
    }

    @Test
    void clientDecodesTheGoldenAaplTicksAsTheyRead() {
        List<Frame> frames = Golden.stoqeyServerFrames(176);

        assertAll(
                () -> assertEquals(new Addressed(1001, new MarketDataEvent.DataType(MarketDataType.REALTIME)),
                        decodeEvent(176, goldenFrame(frames, "58|1|1001|1"))),
                () -> assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.BID, 150.0,
                                Optional.of(new BigDecimal("300")), 0)),
                        decodeEvent(176, goldenFrame(frames, "1|6|1001|1|150|300|0"))),
                () -> assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.ASK, 150.05,
                                Optional.of(new BigDecimal("200")), 0)),
                        decodeEvent(176, goldenFrame(frames, "1|6|1001|2|150.05|200|0"))),
                () -> assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.LAST, 150.02,
                                Optional.of(new BigDecimal("100")), 0)),
                        decodeEvent(176, goldenFrame(frames, "1|6|1001|4|150.02|100|0"))),
                () -> assertEquals(new Addressed(1001, new MarketDataEvent.Size(TickType.VOLUME,
                                new BigDecimal("123456"))),
                        decodeEvent(176, goldenFrame(frames, "2|6|1001|8|123456"))),
                () -> assertEquals(new Addressed(1002, new MarketDataEvent.Price(TickType.BID, 1.0851,
                                Optional.of(new BigDecimal("1000000")), 0)),
                        decodeEvent(176, goldenFrame(frames, "1|6|1002|1|1.0851|1000000|0"))));
    }

    static Stream<Arguments> specLiveTicks() {
        // TWS-WIRE.md §5.6, the "Live" examples.
        return Stream.of(
                Arguments.of("1|6|1001|68|255.45|200|0|", new Addressed(1001, new MarketDataEvent.Price(
                        TickType.DELAYED_LAST, 255.45, Optional.of(new BigDecimal("200")), 0))),
                Arguments.of("2|6|1001|74|312894|", new Addressed(1001, new MarketDataEvent.Size(
                        TickType.DELAYED_VOLUME, new BigDecimal("312894")))),
                Arguments.of("45|6|1001|46|3.0|", new Addressed(1001, new MarketDataEvent.Generic(
                        TickType.SHORTABLE, 3.0))),
                Arguments.of("46|6|1001|88|1775174157|", new Addressed(1001, new MarketDataEvent.Text(
                        TickType.DELAYED_LAST_TIMESTAMP, "1775174157"))),
                Arguments.of("81|1001|0.01|9c0001|4|", new Addressed(1001, new MarketDataEvent.Params(
                        0.01, "9c0001", 4))),
                Arguments.of("58|1|1001|3|", new Addressed(1001, new MarketDataEvent.DataType(
                        MarketDataType.DELAYED))),
                Arguments.of("57|1|1001|", new Addressed(1001, new MarketDataEvent.SnapshotEnd())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specLiveTicks")
    void clientDecodesTheSpecsLiveExamples(String text, Addressed expected) {
        assertEquals(expected, decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText(text)));
    }

    @Test
    void theDecoderClaimsExactlyTheTickMessages() {
        assertEquals(TICK_MESSAGES, codec.messages());
    }

    @Test
    void aMessageThatIsNotMarketDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode(ServerVersion.MAX_SUPPORTED,
                IncomingMessageId.CURRENT_TIME, new FieldReader(payloadOf(frameOfText("1|0|")))));
    }

    // ================================================================== client: edge cases

    @Test
    void tickPriceWithAnEmptySizeHasNoSize() {
        Addressed decoded = decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText("1|6|1001|9|149.5||0|"));

        assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.CLOSE, 149.5, Optional.empty(), 0)),
                decoded);
    }

    @Test
    void tickPriceEndingAfterThePriceHasNoSizeAndNoAttributes() {
        Addressed decoded = decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText("1|6|1001|6|151.25|"));

        assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.HIGH, 151.25, Optional.empty(), 0)),
                decoded);
    }

    @Test
    void tickPriceWithAnUnsetSizeSentinelHasNoSize() {
        Addressed decoded = decodeEvent(ServerVersion.MAX_SUPPORTED,
                frameOfText("1|6|1001|1|150|9223372036854775807|1|"));

        assertEquals(new Addressed(1001, new MarketDataEvent.Price(TickType.BID, 150.0, Optional.empty(), 1)),
                decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1|6|1001|999|150|100|0|", "2|6|1001|999|100|", "45|6|1001|999|1.0|",
        "46|6|1001|999|text|"})
    void anUnknownTickTypeDecodesAsUnknown(String text) {
        Addressed decoded = decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText(text));

        assertEquals(RouteKey.request(1001), decoded.key());
        MarketDataEvent.Tick tick = assertInstanceOf(MarketDataEvent.Tick.class, decoded.event());
        assertEquals(TickType.UNKNOWN, tick.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"58|1|1001|7|", "58|1|1001|0|", "58|1|1001|-1|"})
    void anUndefinedMarketDataTypeIsAWireFormatError(String text) {
        assertThrows(WireFormatException.class, () -> decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText(text)));
    }

    @Test
    void aNonNumericPriceIsAWireFormatErrorNamingTheField() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText("1|6|1001|1|abc|100|0|")));

        assertTrue(e.getMessage().contains("field 4"), e.getMessage()); // msg id is field 0, price is field 4
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void aNonNumericSizeIsAWireFormatError() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText("2|6|1001|0|lots|")));

        assertTrue(e.getMessage().contains("field 4"), e.getMessage());
    }

    @Test
    void aTruncatedTickSizeIsAWireFormatError() {
        assertThrows(WireFormatException.class,
                () -> decodeEvent(ServerVersion.MAX_SUPPORTED, frameOfText("2|6|1001|")));
    }

    // ================================================================== round trips: simulator encoders -> client

    @Provide
    Arbitrary<Integer> reqIds() {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<TickType> tickTypes() {
        return Arbitraries.of(TickType.class).filter(t -> t != TickType.UNKNOWN);
    }

    @Provide
    Arbitrary<Integer> serverVersions() {
        return Arbitraries.integers().between(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    @Provide
    Arbitrary<Double> prices() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e9, 1e9),
                Arbitraries.doubles().between(-1e9, 1e9).ofScale(2),
                Arbitraries.doubles(),
                Arbitraries.of(-1.0, 0.0, -0.0, 0.01, 1e-9, 4.9e-324, 1e7, 1.0851, 123456789.123, 1e23,
                        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Quantities, fractional ones included; never a spelling the reader takes for "unset" (TWS-WIRE.md §1.1). */
    @Provide
    Arbitrary<BigDecimal> sizes() {
        Set<String> unset = Set.of(String.valueOf(Integer.MAX_VALUE), String.valueOf(Long.MAX_VALUE),
                String.valueOf(Long.MIN_VALUE));
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1e12")).ofScale(0),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e9")).ofScale(4),
                Arbitraries.of(new BigDecimal("0.0001"), new BigDecimal("100"), new BigDecimal("2829736"),
                        new BigDecimal("-110"), new BigDecimal("0"), new BigDecimal("1E+3"),
                        new BigDecimal("12.50")))
                .filter(d -> !unset.contains(d.toPlainString()));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
    }

    @Property(tries = 300)
    void tickPriceWithSizeRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                                     @ForAll("tickTypes") TickType field, @ForAll("prices") double price,
                                     @ForAll("sizes") BigDecimal size, @ForAll @IntRange(min = 0, max = 7) int attrs) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickPrice(reqId, field, price, size, attrs),
                IncomingMessageId.TICK_PRICE);

        assertEquals(RouteKey.request(reqId), decoded.key());
        MarketDataEvent.Price event = assertInstanceOf(MarketDataEvent.Price.class, decoded.event());
        assertEquals(field, event.field());
        assertEquals(price, event.price());
        assertTrue(event.size().isPresent(), "size");
        assertEquals(0, size.compareTo(event.size().orElseThrow()), () -> size + " vs " + event.size());
        assertEquals(attrs, event.attributes());
    }

    @Property(tries = 100)
    void tickPriceWithoutSizeRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                                        @ForAll("tickTypes") TickType field, @ForAll("prices") double price,
                                        @ForAll @IntRange(min = 0, max = 7) int attrs) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickPrice(reqId, field, price, null, attrs),
                IncomingMessageId.TICK_PRICE);

        assertEquals(new Addressed(reqId, new MarketDataEvent.Price(field, price, Optional.empty(), attrs)), decoded);
    }

    @Property(tries = 200)
    void tickSizeRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                            @ForAll("tickTypes") TickType field, @ForAll("sizes") BigDecimal size) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickSize(reqId, field, size),
                IncomingMessageId.TICK_SIZE);

        assertEquals(RouteKey.request(reqId), decoded.key());
        MarketDataEvent.Size event = assertInstanceOf(MarketDataEvent.Size.class, decoded.event());
        assertEquals(field, event.field());
        assertEquals(0, size.compareTo(event.size()), () -> size + " vs " + event.size());
    }

    @Property(tries = 200)
    void tickGenericRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                               @ForAll("tickTypes") TickType field, @ForAll("prices") double value) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickGeneric(reqId, field, value),
                IncomingMessageId.TICK_GENERIC);

        assertEquals(new Addressed(reqId, new MarketDataEvent.Generic(field, value)), decoded);
    }

    @Property(tries = 200)
    void tickStringRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                              @ForAll("tickTypes") TickType field, @ForAll("texts") String value) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickString(reqId, field, value),
                IncomingMessageId.TICK_STRING);

        assertEquals(new Addressed(reqId, new MarketDataEvent.Text(field, value)), decoded);
    }

    @Property(tries = 200)
    void tickReqParamsRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                                 @ForAll("prices") double minTick, @ForAll("texts") String bboExchange,
                                 @ForAll int snapshotPermissions) {
        Addressed decoded = decodeEvent(serverVersion,
                MarketDataCodec.tickReqParams(reqId, minTick, bboExchange, snapshotPermissions),
                IncomingMessageId.TICK_REQ_PARAMS);

        assertEquals(new Addressed(reqId, new MarketDataEvent.Params(minTick, bboExchange, snapshotPermissions)),
                decoded);
    }

    @Property(tries = 100)
    void marketDataTypeRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId,
                                  @ForAll MarketDataType type) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.marketDataType(reqId, type),
                IncomingMessageId.MARKET_DATA_TYPE);

        assertEquals(new Addressed(reqId, new MarketDataEvent.DataType(type)), decoded);
    }

    @Property(tries = 100)
    void tickSnapshotEndRoundTrips(@ForAll("serverVersions") int serverVersion, @ForAll("reqIds") int reqId) {
        Addressed decoded = decodeEvent(serverVersion, MarketDataCodec.tickSnapshotEnd(reqId),
                IncomingMessageId.TICK_SNAPSHOT_END);

        assertEquals(new Addressed(reqId, new MarketDataEvent.SnapshotEnd()), decoded);
    }

    @Test
    void simulatorTicksHaveTheDocumentedLayout() {
        // TWS-WIRE.md §5.6: versions 6 / 1, tickReqParams without version.
        assertAll(
                () -> assertEquals(List.of("1", "6", "1001", "1", "150.0", "300", "0"),
                        fieldsOf(MarketDataCodec.tickPrice(1001, TickType.BID, 150.0, new BigDecimal("300"), 0))),
                () -> assertEquals(List.of("2", "6", "1001", "8", "123456"),
                        fieldsOf(MarketDataCodec.tickSize(1001, TickType.VOLUME, new BigDecimal("123456")))),
                () -> assertEquals(List.of("45", "6", "1001", "46", "3.0"),
                        fieldsOf(MarketDataCodec.tickGeneric(1001, TickType.SHORTABLE, 3.0))),
                () -> assertEquals(List.of("46", "6", "1001", "88", "1775174157"),
                        fieldsOf(MarketDataCodec.tickString(1001, TickType.DELAYED_LAST_TIMESTAMP, "1775174157"))),
                () -> assertEquals(List.of("81", "1001", "0.01", "9c0001", "4"),
                        fieldsOf(MarketDataCodec.tickReqParams(1001, 0.01, "9c0001", 4))),
                () -> assertEquals(List.of("58", "1", "1001", "3"),
                        fieldsOf(MarketDataCodec.marketDataType(1001, MarketDataType.DELAYED))),
                () -> assertEquals(List.of("57", "1", "1001"), fieldsOf(MarketDataCodec.tickSnapshotEnd(1001))));
    }

    // ================================================================== round trips: client requests -> simulator

    @Provide
    Arbitrary<Contract> contracts() {
        return ContractArbitraries.marketDataContracts();
    }

    @Provide
    Arbitrary<String> genericTickLists() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("233", "233,236", "100,101,104,106,165,221,225"));
    }

    @Property(tries = 300)
    void reqMktDataRoundTripsThroughTheSimulatorsDecoder(@ForAll("serverVersions") int serverVersion,
                                                       @ForAll("reqIds") int reqId,
                                                       @ForAll("contracts") Contract contract,
                                                       @ForAll("genericTickLists") String genericTicks,
                                                       @ForAll boolean snapshot, @ForAll boolean regulatory) {
        String ticks = snapshot ? "" : genericTicks;
        byte[] frame = MarketDataCodec.reqMktData(serverVersion, reqId, contract, ticks, snapshot, regulatory);

        assertEquals(new MarketDataCodec.MarketDataRequest(reqId, contract, ticks, snapshot, regulatory),
                decodeReqMktData(serverVersion, frame));
    }

    @Property(tries = 100)
    void cancelMktDataRoundTrips(@ForAll("reqIds") int reqId) {
        FieldReader reader = new FieldReader(payloadOf(MarketDataCodec.cancelMktData(reqId)));
        assertEquals(OutgoingMessageId.CANCEL_MKT_DATA.code(), reader.readInt());

        assertEquals(reqId, MarketDataCodec.decodeCancelMktData(reader));
    }

    @ParameterizedTest
    @EnumSource(MarketDataType.class)
    void reqMarketDataTypeRoundTrips(MarketDataType type) {
        FieldReader reader = new FieldReader(payloadOf(MarketDataCodec.reqMarketDataType(type)));
        assertEquals(OutgoingMessageId.REQ_MARKET_DATA_TYPE.code(), reader.readInt());

        assertEquals(type, MarketDataCodec.decodeReqMarketDataType(reader));
    }

    // ================================================================== helpers

    private static boolean isTickMessage(String id) {
        return TICK_MESSAGES.stream().anyMatch(m -> String.valueOf(m.code()).equals(id));
    }

    private static byte[] goldenReqMktData(List<Frame> frames, int index) {
        return frames.stream().filter(f -> f.name().equals("REQ_MKT_DATA")).skip(index).findFirst()
                .orElseThrow(() -> new AssertionError("no REQ_MKT_DATA #" + index)).frame();
    }

    private static byte[] goldenFrame(List<Frame> frames, String text) {
        return frames.stream().filter(f -> String.join("|", f.fields()).equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden frame " + text)).frame();
    }

    private static MarketDataCodec.MarketDataRequest decodeReqMktData(int serverVersion, byte[] frame) {
        FieldReader reader = new FieldReader(payloadOf(frame));
        assertEquals(OutgoingMessageId.REQ_MKT_DATA.code(), reader.readInt(), "message id");
        return MarketDataCodec.decodeReqMktData(serverVersion, reader);
    }

    private static void assertRequest(MarketDataCodec.MarketDataRequest request, int reqId, String symbol,
                                      SecType secType, String exchange, String primaryExchange, String currency) {
        Contract c = request.contract();
        assertAll(
                () -> assertEquals(reqId, request.reqId()),
                () -> assertEquals(symbol, c.symbol()),
                () -> assertEquals(secType, c.secType()),
                () -> assertEquals(exchange, c.exchange()),
                () -> assertEquals(primaryExchange, c.primaryExchange()),
                () -> assertEquals(currency, c.currency()),
                () -> assertEquals(0.0, c.strike()),
                () -> assertEquals(0, c.conId()),
                () -> assertEquals("", request.genericTicks()),
                () -> assertFalse(request.snapshot()),
                () -> assertFalse(request.regulatorySnapshot()));
    }

    private Addressed decodeEvent(int serverVersion, byte[] frame) {
        FieldReader reader = new FieldReader(payloadOf(frame));
        int code = reader.readInt();
        IncomingMessageId id = IncomingMessageId.fromCode(code)
                .orElseThrow(() -> new AssertionError("unknown message id " + code));
        return codec.decode(serverVersion, id, reader);
    }

    private Addressed decodeEvent(int serverVersion, byte[] frame, IncomingMessageId expectedId) {
        assertEquals(String.valueOf(expectedId.code()), fieldsOf(frame).get(0), "message id");
        return decodeEvent(serverVersion, frame);
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    /** A frame from its text with NUL shown as {@code |}, as in TWS-WIRE.md; built without our writer. */
    private static byte[] frameOfText(String text) {
        byte[] payload = text.replace('|', '\0').getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES + payload.length).putInt(payload.length)
                .put(payload).array();
    }

    /** The fields of a frame; checks the length prefix and the final NUL on the way. */
    private static List<String> fieldsOf(byte[] frame) {
        assertEquals(frame.length - WireLimits.LENGTH_PREFIX_BYTES, ByteBuffer.wrap(frame).getInt(), "length prefix");
        String text = new String(payloadOf(frame), StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("\0"), "every field is NUL-terminated, the last one too");
        return List.of(text.substring(0, text.length() - 1).split("\0", -1));
    }

    private static String diff(byte[] golden, byte[] ours) {
        return "\ngolden " + HexFormat.of().formatHex(golden) + "\n  ours " + HexFormat.of().formatHex(ours)
                + "\ngolden " + printable(golden) + "\n  ours " + printable(ours);
    }

    private static String printable(byte[] frame) {
        return new String(payloadOf(frame), StandardCharsets.ISO_8859_1).replace('\0', '|');
    }
}
