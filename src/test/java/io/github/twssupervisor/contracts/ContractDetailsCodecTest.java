package io.github.twssupervisor.contracts;

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

import io.github.twssupervisor.contracts.ContractDetailsCodec.ContractDetailsRequest;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract details (TWS-WIRE.md §5.9): the request byte-identical to the official client's, both clients' spellings
 * read by the simulator, recorded and golden answers decoded to the last field, round trips at 176..200, truncation.
 */
class ContractDetailsCodecTest {

    /** TWS-WIRE.md §9 item 29, S5 live, sv 200: 42 fields, ES future. */
    static final String ES_200 = "10|1001|ES|FUT|20261218 08:30:00 US/Central|20261218|0||CME|USD|ESZ6|ES|ES|515416632|"
            + "0.25|50|ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,BENCHPX,COND,CONDORDER,DAY,DEACT,DEACTDIS,"
            + "DEACTEOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,LTH,MIT,MKT,MKTPROT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,SCALE,"
            + "SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,STPPROT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF|CME,QBALGO|1|"
            + "11004968|E-mini S&P 500||202612||||US/Central|;20260405:1700-20260406:1600;20260406:1700-20260407:1600;"
            + "20260407:1700-20260408:1600;20260408:1700-20260409:1600;20260409:1700-20260410:1600|20260405:CLOSED;"
            + "20260406:0830-20260406:1600;20260407:0830-20260407:1600;20260408:0830-20260408:1600;20260409:0830-"
            + "20260409:1600;20260410:0830-20260410:1600|||0|2147483647|ES|IND|67,67|20261218||1|1|1|0|";

    private final ContractDetailsCodec codec = new ContractDetailsCodec();

    static IntStream versions() {
        return IntStream.rangeClosed(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    // ================================================================== requests

    @Test
    void theRequestAt176IsTheOfficialClientsByteForByte() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "REQ_CONTRACT_DATA").frame();
        assertEquals(HexFormat.of().formatHex(golden), HexFormat.of().formatHex(
                ContractDetailsCodec.reqContractDetails(176, 5001, Contract.stock("AAPL"))));
    }

    @Test
    void theOfficialAndStoqeySpellingsDecodeToTheSameRequest() {
        ContractDetailsRequest expected = new ContractDetailsRequest(5001, Contract.stock("AAPL"));
        assertEquals(expected, decodeRequest(176, Golden.named(Golden.officialClientFrames(), "REQ_CONTRACT_DATA")));
        for (int sv : new int[] {176, 193}) {
            assertEquals(expected, decodeRequest(sv, Golden.named(Golden.stoqeyClientFrames(sv), "REQ_CONTRACT_DATA")));
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void ourRequestDecodesBackAtEveryVersion(int sv) {
        Contract es = Contract.future("ES", "202612", "CME");
        byte[] frame = ContractDetailsCodec.reqContractDetails(sv, 77, es);
        FieldReader reader = new FieldReader(payloadOf(frame)).skipping(1);
        assertEquals(new ContractDetailsRequest(77, es), ContractDetailsCodec.decodeReqContractDetails(sv, reader));
        assertFalse(reader.hasMore());
    }

    // ================================================================== recorded and golden answers

    @Test
    void theLiveEsFutureAt200DecodesToTheLastField() {
        FieldReader reader = reader(ES_200);
        Addressed addressed = codec.decode(200, IncomingMessageId.CONTRACT_DETAILS, reader);
        assertFalse(reader.hasMore(), "all 42 fields read");
        assertEquals(RouteKey.request(1001), addressed.key());
        ContractDetails d = assertInstanceOf(ContractDetailsEvent.Row.class, addressed.event()).details();
        assertEquals(new Contract(515416632, "ES", SecType.FUT, "20261218", 0, "", "50", "CME", "", "USD", "ESZ6", "ES"),
                d.contract());
        assertEquals("08:30:00", d.lastTradeTime());
        assertEquals("20261218", d.lastTradeDate());
        assertEquals("ES", d.marketName());
        assertEquals(0.25, d.minTick());
        assertTrue(d.orderTypes().startsWith("ACTIVETIM,AD,") && d.orderTypes().endsWith(",WHATIF"), d.orderTypes());
        assertEquals("CME,QBALGO", d.validExchanges());
        assertEquals(1, d.priceMagnifier());
        assertEquals(11004968, d.underConId());
        assertEquals("E-mini S&P 500", d.longName());
        assertEquals("202612", d.contractMonth());
        assertEquals("US/Central", d.timeZoneId());
        assertTrue(d.tradingHours().startsWith(";20260405:1700-20260406:1600;"), d.tradingHours());
        assertTrue(d.liquidHours().startsWith("20260405:CLOSED;20260406:0830-"), d.liquidHours());
        assertEquals(Map.of(), d.secIdList());
        assertEquals(Integer.MAX_VALUE, d.aggGroup());
        assertEquals("ES", d.underSymbol());
        assertEquals("IND", d.underSecType());
        assertEquals("67,67", d.marketRuleIds());
        assertEquals("20261218", d.realExpirationDate());
        assertEquals("", d.stockType());
        assertEquals(Optional.of(BigDecimal.ONE), d.minSize());
        assertEquals(Optional.of(BigDecimal.ONE), d.sizeIncrement());
        assertEquals(Optional.of(BigDecimal.ONE), d.suggestedSizeIncrement());
        assertEquals(Map.of(), d.fundData());
        assertEquals(Map.of(), d.ineligibilityReasons());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"official-176", "stoqey-176", "stoqey-193"})
    void theGoldenAaplAnswersDecodeToTheLastField(String capture) {
        int sv = capture.endsWith("193") ? 193 : 176;
        List<Golden.Frame> frames = capture.startsWith("official") ? Golden.officialServerFrames()
                : Golden.stoqeyServerFrames(sv);
        FieldReader reader = new FieldReader(payloadOf(frameOf(frames, "10"))).skipping(1);
        Addressed row = codec.decode(sv, IncomingMessageId.CONTRACT_DETAILS, reader);
        assertFalse(reader.hasMore(), "every field read");
        assertEquals(RouteKey.request(5001), row.key());
        ContractDetails d = assertInstanceOf(ContractDetailsEvent.Row.class, row.event()).details();
        assertEquals(new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "SMART", "NASDAQ", "USD", "AAPL", "NMS"),
                d.contract());
        assertEquals("NMS", d.marketName());
        assertEquals(0.01, d.minTick());
        assertEquals("SMART,NASDAQ,NYSE,ARCA,BATS,IEX", d.validExchanges());
        assertEquals("APPLE INC", d.longName());
        assertEquals("Technology", d.industry());
        assertEquals("US/Eastern", d.timeZoneId());
        assertEquals(Map.of("ISIN", "US0378331005"), d.secIdList());
        assertEquals("COMMON", d.stockType());
        assertEquals(Optional.of(new BigDecimal("0.0001")), d.minSize());
        assertEquals(Optional.of(new BigDecimal("100")), d.suggestedSizeIncrement());

        reader = new FieldReader(payloadOf(frameOf(frames, "52"))).skipping(1);
        Addressed end = codec.decode(sv, IncomingMessageId.CONTRACT_DETAILS_END, reader);
        assertEquals(new Addressed(5001, new ContractDetailsEvent.End()), end);
        assertFalse(reader.hasMore());
    }

    // ================================================================== round trips and truncation

    @ParameterizedTest
    @MethodSource("versions")
    void whatTheSimulatorWritesTheClientReadsAtEveryVersion(int sv) {
        for (ContractDetails sent : List.of(stock(), fund(), future())) {
            byte[] frame = ContractDetailsCodec.contractDetails(sv, 42, sent);
            FieldReader reader = new FieldReader(payloadOf(frame)).skipping(1);
            Addressed addressed = codec.decode(sv, IncomingMessageId.CONTRACT_DETAILS, reader);
            assertFalse(reader.hasMore(), "every field read at " + sv);
            assertEquals(new Addressed(42, new ContractDetailsEvent.Row(asSeenAt(sv, sent))), addressed, "sv " + sv);
            ContractDetails received = ((ContractDetailsEvent.Row) addressed.event()).details();
            assertArrayEquals(frame, ContractDetailsCodec.contractDetails(sv, 42, received), "re-encoded at " + sv);
        }
        byte[] end = ContractDetailsCodec.contractDetailsEnd(42);
        assertEquals(new Addressed(42, new ContractDetailsEvent.End()), codec.decode(sv,
                IncomingMessageId.CONTRACT_DETAILS_END, new FieldReader(payloadOf(end)).skipping(1)));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aTruncatedFrameIsAFormatErrorAtEveryField(int sv) {
        List<byte[]> payloads = new java.util.ArrayList<>();
        for (ContractDetails d : List.of(stock(), fund(), future())) {
            payloads.add(payloadOf(ContractDetailsCodec.contractDetails(sv, 42, d)));
        }
        if (sv == 200) {
            payloads.add(payload(ES_200));
        }
        for (byte[] whole : payloads) {
            int fields = fieldCount(whole);
            for (int kept = 1; kept < fields; kept++) {
                byte[] cut = truncated(whole, kept);
                assertThrows(WireFormatException.class, () -> codec.decode(sv, IncomingMessageId.CONTRACT_DETAILS,
                        new FieldReader(cut).skipping(1)), "kept " + kept + " of " + fields);
            }
        }
        assertThrows(WireFormatException.class, () -> codec.decode(sv, IncomingMessageId.CONTRACT_DETAILS_END,
                reader("52|1|")));
    }

    @Test
    void aSecIdCountTheFrameCannotHoldOrAnUnknownSecTypeIsAFormatError() {
        String tooMany = ES_200.replace("|||0|2147483647|", "|||99|2147483647|");
        assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.CONTRACT_DETAILS,
                reader(tooMany)));
        String negative = ES_200.replace("|||0|2147483647|", "|||-1|2147483647|");
        assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.CONTRACT_DETAILS,
                reader(negative)));
        assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.CONTRACT_DETAILS,
                reader(ES_200.replace("|ES|FUT|", "|ES|XYZ|"))));
    }

    // ================================================================== samples and helpers

    static ContractDetails stock() {
        return details(new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "SMART", "NASDAQ", "USD", "AAPL", "NMS"),
                "", "", Map.of("ISIN", "US0378331005"), Map.of(), Map.of("101", "Not eligible for this account"));
    }

    static ContractDetails future() {
        return details(new Contract(495512563, "ES", SecType.FUT, "20261218", 0, "", "50", "CME", "", "USD", "ESZ6",
                "ES"), "08:30:00", "20261218", Map.of(), Map.of(), Map.of());
    }

    static ContractDetails fund() {
        Map<String, String> fund = new LinkedHashMap<>();
        for (String name : ContractDetailsCodec.FUND_FIELDS) {
            fund.put(name, name.toUpperCase());
        }
        return details(new Contract(12345, "VFIAX", SecType.FUND, "", 0, "", "", "FUNDSERV", "", "USD", "VFIAX",
                "VFIAX"), "", "", Map.of("ISIN", "US9229087104"), fund, Map.of());
    }

    private static ContractDetails details(Contract c, String lastTradeTime, String lastTradeDate,
                                           Map<String, String> secIds, Map<String, String> fund,
                                           Map<String, String> ineligible) {
        return new ContractDetails(c, "NMS", 0.01, "LMT,MKT,STP", "SMART,NASDAQ", 1, 0, c.symbol() + " LONG NAME",
                "202612", "Technology", "Computers", "Computers", "US/Eastern", "20261122:0930-20261122:1600",
                "20261122:0930-20261122:1600", "", 0, secIds, 1, "", "", "26,26", "", lastTradeTime, lastTradeDate,
                "COMMON", Optional.of(new BigDecimal("0.0001")), Optional.of(new BigDecimal("0.0001")),
                Optional.of(new BigDecimal("100")), fund, ineligible);
    }

    /** @return what a client at {@code sv} can learn of {@code d}: fields of later versions are empty */
    private static ContractDetails asSeenAt(int sv, ContractDetails d) {
        return new ContractDetails(d.contract(), d.marketName(), d.minTick(), d.orderTypes(), d.validExchanges(),
                d.priceMagnifier(), d.underConId(), d.longName(), d.contractMonth(), d.industry(), d.category(),
                d.subcategory(), d.timeZoneId(), d.tradingHours(), d.liquidHours(), d.evRule(), d.evMultiplier(),
                d.secIdList(), d.aggGroup(), d.underSymbol(), d.underSecType(), d.marketRuleIds(),
                d.realExpirationDate(), d.lastTradeTime(), sv >= ServerVersion.LAST_TRADE_DATE ? d.lastTradeDate() : "",
                d.stockType(), d.minSize(), d.sizeIncrement(), d.suggestedSizeIncrement(),
                sv >= ServerVersion.FUND_DATA_FIELDS ? d.fundData() : Map.of(),
                sv >= ServerVersion.INELIGIBILITY_REASONS ? d.ineligibilityReasons() : Map.of());
    }

    private static ContractDetailsRequest decodeRequest(int sv, Golden.Frame frame) {
        FieldReader reader = new FieldReader(payloadOf(frame.frame())).skipping(1);
        ContractDetailsRequest request = ContractDetailsCodec.decodeReqContractDetails(sv, reader);
        assertFalse(reader.hasMore(), "every field read");
        return request;
    }

    private static byte[] frameOf(List<Golden.Frame> frames, String messageId) {
        return frames.stream().filter(f -> f.fields().get(0).equals(messageId)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden frame " + messageId)).frame();
    }

    private static FieldReader reader(String text) {
        return new FieldReader(payload(text)).skipping(1);
    }
}
