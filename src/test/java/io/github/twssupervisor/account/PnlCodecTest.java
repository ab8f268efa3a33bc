package io.github.twssupervisor.account;

import static io.github.twssupervisor.account.AccountFrames.decodeAll;
import static io.github.twssupervisor.account.AccountFrames.failure;
import static io.github.twssupervisor.account.AccountFrames.reader;
import static io.github.twssupervisor.account.AccountFrames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.account.PnlCodec.PnlRequest;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.Routed;
import java.math.BigDecimal;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * reqPnL / reqPnLSingle and their answers, routed by request id. No capture holds them: the layouts are the official
 * Python client's ({@code client.py} reqPnL, cancelPnL, reqPnLSingle, cancelPnLSingle, no version field;
 * {@code decoder.py} processPnLMsg, processPnLSingleMsg with unrealized and realized P&amp;L present from sv 129/134),
 * read, not copied. TWS's unset max-double is NaN (the same rule as commissionReport's unset realized P&amp;L, an
 * empty OptionalDouble there: {@link PnlEvent#value(double)}).
 */
class PnlCodecTest {

    @Test
    void theRequestsAreTheOfficialClientsLayout() {
        assertEquals("92|7|DU1||", text(PnlCodec.reqPnL(7, "DU1", "")));
        assertEquals("93|7|", text(PnlCodec.cancelPnL(7)));
        assertEquals("94|8|DU1||265598|", text(PnlCodec.reqPnLSingle(8, "DU1", "", 265598)));
        assertEquals("95|8|", text(PnlCodec.cancelPnLSingle(8)));
    }

    @Test
    void theSimulatorReadsBothClientsSpellings() {
        assertEquals(new PnlRequest(7, "DU1", "", 0), PnlCodec.decodeReqPnL(reader("92|7|DU1||")));
        assertEquals(new PnlRequest(8, "DU1", "", 265598), PnlCodec.decodeReqPnLSingle(reader("94|8|DU1||265598|")));
        assertEquals(new PnlRequest(8, "DU1", "M", 0), PnlCodec.decodeReqPnLSingle(reader("94|8|DU1|M||")));
        assertEquals(8, PnlCodec.decodeCancel(reader("95|8|")));
    }

    @Test
    void theAnswersDecodeWithUnsetValuesAsNan() {
        assertEquals(new Addressed(7, new PnlEvent.Pnl(12.5, -3.25, 15.75)), decodeAll(200, "94|7|12.5|-3.25|15.75|"));
        PnlEvent.Pnl unset = assertInstanceOf(PnlEvent.Pnl.class,
                decodeAll(176, "94|7|1.7976931348623157E308|1.7976931348623157e+308||").event());
        assertTrue(Double.isNaN(unset.daily()) && Double.isNaN(unset.unrealized()) && Double.isNaN(unset.realized()));
        assertEquals(OptionalDouble.empty(), PnlEvent.value(unset.daily()));
        assertEquals(OptionalDouble.of(12.5), PnlEvent.value(12.5));
        assertEquals(new Addressed(8, new PnlEvent.Single(new BigDecimal("100"), 25.0, 20.0, 5.0, 15025.0)),
                decodeAll(200, "95|8|100|25.0|20.0|5.0|15025.0|"));
    }

    @Test
    void roundTripsThroughTheSimulatorsEncoderNanAsTheSentinel() {
        PnlEvent.Single s = new PnlEvent.Single(new BigDecimal("-5"), 1.5, Double.NaN, 0.0, 750.0);
        byte[] frame = PnlCodec.pnlSingle(3, s);
        assertEquals("95|3|-5|1.5|1.7976931348623157E308|0.0|750.0|", text(frame));
        PnlEvent.Single back = (PnlEvent.Single) decodeAll(200, AccountFrames.payloadOf(frame)).event();
        assertEquals(s.position(), back.position());
        assertTrue(Double.isNaN(back.unrealized()));
        assertEquals(new PnlEvent.Pnl(1, 2, 3), decodeAll(200, AccountFrames.payloadOf(PnlCodec.pnl(3,
                new PnlEvent.Pnl(1, 2, 3)))).event());
    }

    @Test
    void malformedFramesAreDecodeFailuresAndExtraFieldsAreIgnored() {
        AccountFrames.everyTruncationFails(200, PnlCodec.pnlSingle(3, new PnlEvent.Single(BigDecimal.ONE, 1, 2, 3, 4)));
        AccountFrames.everyTruncationFails(200, PnlCodec.pnl(3, new PnlEvent.Pnl(1, 2, 3)));
        failure(200, "94|x|1|2|3|");
        failure(200, "95|3|1|1|2|3|four|");
        assertEquals(new PnlEvent.Pnl(1, 2, 3), ((Routed.ToOwner) AccountFrames.ROUTER.route(200,
                AccountFrames.payload("94|3|1|2|3|4|"))).event());
    }
}
