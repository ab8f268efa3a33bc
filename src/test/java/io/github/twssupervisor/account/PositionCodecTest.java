package io.github.twssupervisor.account;

import static io.github.twssupervisor.account.AccountFrames.decodeAll;
import static io.github.twssupervisor.account.AccountFrames.failure;
import static io.github.twssupervisor.account.AccountFrames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Positions (TWS-WIRE.md §5.8): reqPositions byte-identical to the official client's golden frame and §9 item 10, the
 * live positions of §9 items 11 and 12 decoded with their values and routed by message kind, the golden server frames
 * in our encoder's layout, malformed and longer frames.
 */
class PositionCodecTest {

    private static final RouteKey POSITION = RouteKey.kind(IncomingMessageId.POSITION);

    @Test
    void theRequestIsTheOfficialClientsByteForByte() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "REQ_POSITIONS").frame();
        assertEquals(HexFormat.of().formatHex(golden), HexFormat.of().formatHex(PositionCodec.reqPositions()));
        assertEquals("61|1|", text(PositionCodec.reqPositions())); // §9 item 10 (live)
        assertEquals("64|1|", text(PositionCodec.cancelPositions()));
        for (int sv : new int[] {176, 193}) {
            assertEquals(text(golden), text(Golden.named(Golden.stoqeyClientFrames(sv), "REQ_POSITIONS").frame()));
        }
    }

    @Test
    void theLivePositionsDecodeWithTheirValues() {
        Addressed amzn = decodeAll(200, "61|3|DU9000001|3691937|AMZN|STK||0.0|||NASDAQ|USD|AMZN|NMS|15|200.25|");
        assertEquals(POSITION, amzn.key());
        assertEquals(new PositionEvent.Position("DU9000001", new Contract(3691937, "AMZN", SecType.STK, "", 0, "", "",
                "NASDAQ", "", "USD", "AMZN", "NMS"), new BigDecimal("15"), 200.25), amzn.event());
        PositionEvent.Position es = assertInstanceOf(PositionEvent.Position.class, decodeAll(173,
                "61|3|ACCOUNT_ID|637533641|ES|FUT|20250919|0.0||50||USD|ESU5|ES|1|315114.75|").event());
        assertEquals(new Contract(637533641, "ES", SecType.FUT, "20250919", 0, "", "50", "", "", "USD", "ESU5", "ES"),
                es.contract());
        assertEquals(315114.75, es.averageCost());
        PositionEvent.Position shortAapl = assertInstanceOf(PositionEvent.Position.class, decodeAll(173,
                "61|3|ACCOUNT_ID|265598|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|-110|201.8829709|").event());
        assertEquals(new BigDecimal("-110"), shortAapl.position());
        assertEquals(201.8829709, shortAapl.averageCost());
        assertEquals(new Addressed(RouteKey.kind(IncomingMessageId.POSITION_END), new PositionEvent.End()),
                decodeAll(200, "62|1|"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {176, 193})
    void theGoldenServerFramesAreWhatOurEncoderWrites(int sv) {
        List<Golden.Frame> frames = Golden.stoqeyServerFrames(sv);
        for (Golden.Frame golden : frames) {
            String id = golden.fields().get(0);
            if (id.equals("61")) {
                PositionEvent.Position p = assertInstanceOf(PositionEvent.Position.class,
                        decodeAll(sv, AccountFrames.payloadOf(golden.frame())).event());
                assertEquals(new BigDecimal("10"), p.position());
                // Same layout; TWS (Java) writes the strike 0 as 0.0 where the hand-written frame has 0.
                assertEquals(text(golden.frame()).replace("|0|||", "|0.0|||"), text(PositionCodec.position(p)));
            } else if (id.equals("62")) {
                assertEquals(text(golden.frame()), text(PositionCodec.positionEnd()));
            }
        }
    }

    @Test
    void roundTripsThroughTheSimulatorsEncoder() {
        PositionEvent.Position p = new PositionEvent.Position("DU123456", new Contract(265598, "AAPL", SecType.STK, "",
                0, "", "", "NASDAQ", "", "USD", "AAPL", "NMS"), new BigDecimal("-12.5"), 187.25);
        assertEquals(new Addressed(POSITION, p), decodeAll(176, AccountFrames.payloadOf(PositionCodec.position(p))));
    }

    @Test
    void malformedFramesAreDecodeFailuresAndExtraFieldsAreIgnored() {
        AccountFrames.everyTruncationFails(200, PositionCodec.position(new PositionEvent.Position("DU1",
                Contract.stock("AAPL"), BigDecimal.ONE, 1.5)));
        failure(200, "61|3|DU1|x|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|15|200.25|"); // conId
        failure(200, "61|3|DU1|1|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|fifteen|200.25|"); // position
        failure(200, "61|3|DU1|1|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|15|abc|"); // avgCost
        failure(200, "61|3|DU1|1|AAPL|WHAT||0.0|||NASDAQ|USD|AAPL|NMS|15|1|"); // secType
        Routed.ToOwner longer = assertInstanceOf(Routed.ToOwner.class, AccountFrames.ROUTER.route(200,
                AccountFrames.payload("61|3|DU1|1|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|15|200.25|new|")));
        assertEquals(new BigDecimal("15"), ((PositionEvent.Position) longer.event()).position());
    }
}
