package io.github.twssupervisor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * reqHeadTimestamp / headTimestamp / cancelHeadTimestamp. There is no recorded frame of them in {@code golden/}: the
 * expected layout is the official Python client's {@code EClient.reqHeadTimeStamp} (contract fields as in its
 * reqHistoricalData, then includeExpired, useRTH, whatToShow, formatDate; no version field) and
 * {@code cancelHeadTimeStamp} ({@code 90|reqId|}); the contract's spelling is checked against the recorded
 * reqHistoricalData of the same client, so the two cannot drift apart.
 */
class HeadTimestampCodecTest {

    private static final HeadTimestampRequest AAPL_TRADES = new HeadTimestampRequest(Contract.stock("AAPL"), "TRADES",
            true);
    private final HeadTimestampCodec codec = new HeadTimestampCodec();

    @Test
    void theRequestIsTheOfficialClientsLayoutWithTheContractAsItsRecordedHistoricalRequestWritesIt() {
        List<String> recorded = Golden.named(Golden.officialClientFrames(), "REQ_HISTORICAL_DATA").fields();
        // 20|reqId|conId..tradingClass|includeExpired|... : the 12 contract fields and includeExpired are fields 2..14
        String contract = String.join("|", recorded.subList(2, 15)) + "|";
        assertEquals("87|4002|" + contract + "1|TRADES|2|", text(HeadTimestampCodec.reqHeadTimestamp(4002,
                AAPL_TRADES)));
        assertEquals("87|4002|0|AAPL|STK||0.0|||SMART||USD|||0|1|TRADES|2|", text(HeadTimestampCodec.reqHeadTimestamp(
                4002, AAPL_TRADES)));
        assertEquals("87|7|0|AAPL|STK||0.0|||SMART||USD|||0|0|MIDPOINT|2|", text(HeadTimestampCodec.reqHeadTimestamp(
                7, new HeadTimestampRequest(Contract.stock("AAPL"), "MIDPOINT", false))));
        assertEquals("90|4002|", text(HeadTimestampCodec.cancelHeadTimestamp(4002)));
    }

    @Test
    void theAnswerDecodesInBothFormatsToItsRequestId() {
        Addressed epoch = codec.decode(200, IncomingMessageId.HEAD_TIMESTAMP, reader("88|4002|394043400|"));
        assertEquals(RouteKey.request(4002), epoch.key());
        assertEquals(new HeadTimestamp(Instant.parse("1982-06-27T16:30:00Z")), epoch.event());
        Addressed text = codec.decode(176, IncomingMessageId.HEAD_TIMESTAMP, reader("88|9|19820627-14:30:00|"));
        assertEquals(new HeadTimestamp(Instant.parse("1982-06-27T14:30:00Z")), text.event());
    }

    @Test
    void theSimulatorReadsTheRequestAndItsAnswerRoundTripsInBothFormats() {
        FieldReader reader = readerOf(HeadTimestampCodec.reqHeadTimestamp(4002, AAPL_TRADES));
        HeadTimestampCodec.HeadTimestampQuery query = HeadTimestampCodec.decodeReqHeadTimestamp(reader);
        assertFalse(reader.hasMore(), "every field read");
        assertEquals(new HeadTimestampCodec.HeadTimestampQuery(4002, AAPL_TRADES, 2), query);
        assertEquals(4002, HeadTimestampCodec.decodeCancelHeadTimestamp(readerOf(
                HeadTimestampCodec.cancelHeadTimestamp(4002))));
        Instant t = Instant.parse("2004-01-23T14:30:00Z");
        for (int format : new int[] {1, 2}) {
            Addressed back = codec.decode(200, IncomingMessageId.HEAD_TIMESTAMP, readerOf(
                    HeadTimestampCodec.headTimestamp(31, t, format)));
            assertEquals(new Addressed(31, new HeadTimestamp(t)), back);
        }
        assertEquals("88|31|20040123-14:30:00|", text(HeadTimestampCodec.headTimestamp(31, t, 1)));
        assertEquals("88|31|1074868200|", text(HeadTimestampCodec.headTimestamp(31, t, 2)));
    }

    @Test
    void aMalformedOrTruncatedAnswerIsADecodeFailureNotACrash() {
        WireFormatException bad = assertThrows(WireFormatException.class, () -> codec.decode(200,
                IncomingMessageId.HEAD_TIMESTAMP, reader("88|9|yesterday|")));
        assertEquals("field 2: head timestamp 'yesterday' is neither epoch seconds nor yyyyMMdd-HH:mm:ss",
                bad.getMessage());
        assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.HEAD_TIMESTAMP,
                reader("88|9|")));
        assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.HEAD_TIMESTAMP,
                reader("88|x|394043400|")));
    }

    @Test
    void aBadKindOfDataIsRefusedBeforeAnythingIsSentNamingTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeadTimestampRequest(Contract.stock("AAPL"), "LAST", true));
        assertEquals("whatToShow 'LAST' must be one of " + HistoricalRequest.WHAT_TO_SHOW, e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class,
                () -> HeadTimestampCodec.decodeReqHeadTimestamp(
                        reader("87|5|0|AAPL|STK||0.0|||SMART||USD|||0|1|LAST|2|"))));
    }

    private static String text(byte[] frame) {
        return new String(Arrays.copyOfRange(frame, 4, frame.length), StandardCharsets.US_ASCII).replace('\0', '|');
    }

    private static FieldReader readerOf(byte[] frame) {
        return new FieldReader(Arrays.copyOfRange(frame, 4, frame.length)).skipping(1);
    }

    private static FieldReader reader(String text) {
        return new FieldReader(text.replace('|', '\0').getBytes(StandardCharsets.UTF_8)).skipping(1);
    }
}
