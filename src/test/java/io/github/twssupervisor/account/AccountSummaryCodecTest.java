package io.github.twssupervisor.account;

import static io.github.twssupervisor.account.AccountFrames.decodeAll;
import static io.github.twssupervisor.account.AccountFrames.failure;
import static io.github.twssupervisor.account.AccountFrames.reader;
import static io.github.twssupervisor.account.AccountFrames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.account.AccountSummaryCodec.SummaryRequest;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Account summary (TWS-WIRE.md §5.7): the request byte-identical to the official client's golden frame and to the §9
 * item 13 recording, both clients' spellings read by the simulator, §9 items 14 and 15 (live) decoded with their values,
 * the golden server frames in our encoder's layout, malformed and longer frames.
 */
class AccountSummaryCodecTest {

    @Test
    void theRequestIsTheOfficialClientsByteForByte() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "REQ_ACCOUNT_SUMMARY").frame();
        assertEquals(HexFormat.of().formatHex(golden), HexFormat.of().formatHex(
                AccountSummaryCodec.reqAccountSummary(9001, "All", "NetLiquidation,TotalCashValue")));
    }

    @Test
    void theRequestAndCancelAreTheRecordedOnes() {
        assertEquals("62|1|9000|All|NetLiquidation,TotalCashValue,GrossPositionValue|", text(AccountSummaryCodec
                .reqAccountSummary(9000, AccountSummaryCodec.ALL, "NetLiquidation,TotalCashValue,GrossPositionValue")));
        assertEquals("63|1|9000|", text(AccountSummaryCodec.cancelAccountSummary(9000)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"official-176", "stoqey-176", "stoqey-193"})
    void theSimulatorReadsEveryClientsRequest(String capture) {
        List<Golden.Frame> frames = capture.startsWith("official") ? Golden.officialClientFrames()
                : Golden.stoqeyClientFrames(capture.endsWith("193") ? 193 : 176);
        FieldReader r = new FieldReader(AccountFrames.payloadOf(Golden.named(frames, "REQ_ACCOUNT_SUMMARY").frame()))
                .skipping(1);
        assertEquals(new SummaryRequest(9001, "All", "NetLiquidation,TotalCashValue"),
                AccountSummaryCodec.decodeReqAccountSummary(r));
        assertEquals(9001, AccountSummaryCodec.decodeCancelAccountSummary(reader("63|1|9001|")));
    }

    @Test
    void theRecordedRowsDecodeWithTheirValues() {
        assertEquals(new Addressed(9000, new AccountSummaryEvent.Row("ACCOUNT_ID", "NetLiquidation", "246447.83",
                "USD")), decodeAll(173, "63|1|9000|ACCOUNT_ID|NetLiquidation|246447.83|USD|"));
        assertEquals(new Addressed(1001, new AccountSummaryEvent.Row("DU9000001", "BuyingPower", "300000.00",
                "EUR")), decodeAll(200, "63|1|1001|DU9000001|BuyingPower|300000.00|EUR|"));
        assertEquals(new Addressed(RouteKey.request(1001), new AccountSummaryEvent.End()),
                decodeAll(200, "64|1|1001|"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {176, 193})
    void theGoldenServerFramesAreWhatOurEncoderWrites(int sv) {
        List<Golden.Frame> frames = Golden.stoqeyServerFrames(sv);
        for (Golden.Frame golden : frames) {
            String id = golden.fields().get(0);
            if (id.equals("63") || id.equals("64")) {
                Addressed decoded = decodeAll(sv, AccountFrames.payloadOf(golden.frame()));
                byte[] ours = decoded.event() instanceof AccountSummaryEvent.Row row
                        ? AccountSummaryCodec.accountSummary(9001, row) : AccountSummaryCodec.accountSummaryEnd(9001);
                assertEquals(text(golden.frame()), text(ours));
            }
        }
    }

    @Test
    void roundTripsThroughTheSimulatorsEncoder() {
        AccountSummaryEvent.Row row = new AccountSummaryEvent.Row("DU123456", "AccountType", "INDIVIDUAL", "");
        assertEquals(new Addressed(7, row), decodeAll(200, AccountFrames.payloadOf(
                AccountSummaryCodec.accountSummary(7, row))));
    }

    @Test
    void malformedFramesAreDecodeFailuresAndExtraFieldsAreIgnored() {
        AccountFrames.everyTruncationFails(176, AccountSummaryCodec.accountSummary(5,
                new AccountSummaryEvent.Row("DU1", "NetLiquidation", "1.00", "USD")));
        failure(176, "63|1|abc|DU1|NetLiquidation|1.00|USD|");
        failure(176, "64|1|x|"); // an empty id reads as 0, like every int field
        assertEquals(new AccountSummaryEvent.Row("DU1", "SomeNewTag", "x", "USD"), AccountFrames.ROUTER.route(176,
                AccountFrames.payload("63|1|5|DU1|SomeNewTag|x|USD|extra|")) instanceof
                io.github.twssupervisor.dispatch.Routed.ToOwner owner ? owner.event() : null);
    }
}
