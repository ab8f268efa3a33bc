package io.github.twssupervisor.orders;

import static io.github.twssupervisor.orders.RecordedFrames.fields;
import static io.github.twssupervisor.orders.RecordedFrames.payload;
import static io.github.twssupervisor.orders.RecordedFrames.payloadOf;
import static io.github.twssupervisor.orders.RecordedFrames.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The execution messages (TWS-WIRE.md §5.13): recorded real frames, round trips at 176..200, routing, truncation. */
class ExecutionCodecTest {

    private static final Contract AAPL_NMS = new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "IEX", "", "USD",
            "AAPL", "NMS");
    private final ExecutionCodec codec = new ExecutionCodec();

    static IntStream versions() {
        return IntStream.rangeClosed(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    @Test
    void liveExecDetailsAt200DecodesAsAnUnsolicitedFill() {
        Addressed addressed = decode(200, payload(RecordedFrames.EXEC_DETAILS_200));
        assertEquals(RouteKey.kind(IncomingMessageId.EXEC_DETAILS), addressed.key());
        assertEquals(new OrderMessage.ExecutionReceived(-1, new Execution(1, AAPL_NMS, "sanitized-native-exec-001",
                "20260413 15:27:04 US/Eastern", "DU9000001", "IEX", "BOT", BigDecimal.ONE, 257.95, 900001L, 94, 0,
                BigDecimal.ONE, 257.95, "", 2)), addressed.event());
    }

    /** Recorded at sv 173 (no pendingPriceRevision, no submitter): the layout of 176, the first version we accept. */
    @Test
    void recordedExecDetailsAt173DecodesAt176WithTheTwoSpaceTime() {
        Addressed addressed = decode(176, payload(RecordedFrames.EXEC_DETAILS_173));
        Execution execution = ((OrderMessage.ExecutionReceived) addressed.event()).execution();
        assertEquals("20250415  19:38:31", execution.time());
        assertEquals("0000e0d5.67fe667b.01", execution.execIdPrefix());
        assertEquals(new BigDecimal("100"), execution.shares());
        assertEquals(201.94, execution.price());
        assertEquals(600745656L, execution.permId());
        assertEquals(100, execution.clientId());
        assertEquals(2, execution.lastLiquidity());
    }

    @Test
    void liveCommissionReportAndExecDetailsEndDecode() {
        Addressed commission = decode(200, payload(RecordedFrames.COMMISSION_REPORT));
        assertEquals(RouteKey.kind(IncomingMessageId.COMMISSION_REPORT), commission.key());
        assertEquals(new OrderMessage.CommissionReceived(new CommissionReport("sanitized-commission-exec-001", 1.0003,
                "USD", OptionalDouble.of(-68.051912))), commission.event());
        Addressed end = decode(200, payload(RecordedFrames.EXEC_DETAILS_END));
        assertEquals(RouteKey.request(3), end.key());
        assertEquals(new OrderMessage.ExecutionsEnd(3), end.event());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void simulatorFramesDecodeToTheSameRecords(int serverVersion) {
        Random random = new Random(11_059L + serverVersion);
        for (int i = 0; i < 100; i++) {
            Contract contract = OrderStateCodecTest.withoutPrimaryExchange(OrderRequestCodecTest.randomContract(random));
            Execution execution = new Execution(random.nextInt(10_000), contract, "0000e0d5.67fe667b.01." + i,
                    random.nextBoolean() ? "20250415  19:38:31" : "20260413 15:27:04 US/Eastern", "DU9000001",
                    "ISLAND", random.nextBoolean() ? "BOT" : "SLD", new BigDecimal(1 + random.nextInt(500)),
                    (1 + random.nextInt(100_000)) / 100.0, random.nextLong() & Long.MAX_VALUE, random.nextInt(100), 0,
                    new BigDecimal(1 + random.nextInt(500)), (1 + random.nextInt(100_000)) / 100.0, "ref",
                    1 + random.nextInt(3));
            int requestId = random.nextBoolean() ? ExecutionCodec.UNSOLICITED : random.nextInt(10_000);
            Addressed addressed = decode(serverVersion, payloadOf(ExecutionCodec.execDetails(serverVersion, requestId,
                    execution)));
            assertEquals(new OrderMessage.ExecutionReceived(requestId, execution), addressed.event());
            assertEquals(requestId == ExecutionCodec.UNSOLICITED ? RouteKey.kind(IncomingMessageId.EXEC_DETAILS)
                    : RouteKey.request(requestId), addressed.key());
            CommissionReport report = new CommissionReport(execution.execId(), random.nextInt(500) / 100.0, "USD",
                    random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(random.nextInt(9999) / 7.0));
            assertEquals(new OrderMessage.CommissionReceived(report),
                    decode(serverVersion, payloadOf(ExecutionCodec.commissionReport(report))).event());
        }
        assertEquals(new OrderMessage.ExecutionsEnd(42),
                decode(serverVersion, payloadOf(ExecutionCodec.execDetailsEnd(42))).event());
    }

    @Test
    void everyTruncationIsAWireFormatException() {
        List<Object[]> frames = List.of(new Object[] {200, RecordedFrames.EXEC_DETAILS_200},
                new Object[] {176, RecordedFrames.EXEC_DETAILS_173}, new Object[] {200, RecordedFrames.COMMISSION_REPORT},
                new Object[] {200, RecordedFrames.EXEC_DETAILS_END});
        for (Object[] frame : frames) {
            byte[] whole = payload((String) frame[1]);
            int serverVersion = (Integer) frame[0];
            for (int kept = 1; kept < fields(whole).length; kept++) {
                byte[] cut = truncated(whole, kept);
                assertThrows(WireFormatException.class, () -> decode(serverVersion, cut), "kept " + kept);
            }
        }
    }

    private Addressed decode(int serverVersion, byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        IncomingMessageId id = IncomingMessageId.fromCode(reader.readInt()).orElseThrow();
        Addressed addressed = codec.decode(serverVersion, id, reader);
        assertFalse(reader.hasMore(), "every field read");
        return addressed;
    }
}
