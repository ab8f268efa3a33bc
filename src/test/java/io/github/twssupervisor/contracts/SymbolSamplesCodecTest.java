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

import io.github.twssupervisor.contracts.SymbolSamplesCodec.MatchingSymbolsRequest;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reqMatchingSymbols / symbolSamples, with frames built by hand from the layout of the official clients (no recorded
 * capture of these messages exists in shared/golden):
 *
 * <ul>
 * <li>request {@code 81|reqId|pattern|}, no version field: official Python 10.46.01 {@code client.reqMatchingSymbols}
 *     ({@code make_field(reqId) + make_field(pattern)}); @stoqey/ib {@code encoder.reqMatchingSymbols}
 *     ({@code sendMsg(REQ_MATCHING_SYMBOLS, reqId, pattern)}) writes the same two fields; ib_async
 *     {@code send(81, reqId, pattern)} too.</li>
 * <li>answer: official Python {@code decoder.processSymbolSamplesMsg} and Java {@code EDecoder.processSymbolSamplesMsg}
 *     agree: reqId, count, then per contract conId, symbol, secType, primaryExchange, currency, a counted list of
 *     derivative secTypes, and description + issuerId only when {@code serverVersion >= MIN_SERVER_VER_BOND_ISSUERID}
 *     (176). Older copies of the official decoder (before BOND_ISSUERID) stop after the list. So every version this
 *     project speaks (176..200) has the two trailing fields.</li>
 * </ul>
 */
class SymbolSamplesCodecTest {

    /** Two matches at sv ≥ 176: a stock with three derivative kinds and a bond with an issuer id. */
    static final String TWO_AT_176 = "79|9001|2|265598|AAPL|STK|NASDAQ|USD|3|CFD|OPT|WAR|APPLE INC||"
            + "123456789|AAPL|BOND||USD|0|Apple Inc 3.85 05/04/43|e1234567|";
    /** The same matches before BOND_ISSUERID (below this project's range): no description, no issuer id. */
    static final String TWO_AT_175 = "79|9001|2|265598|AAPL|STK|NASDAQ|USD|3|CFD|OPT|WAR|"
            + "123456789|AAPL|BOND||USD|0|";

    private final SymbolSamplesCodec codec = new SymbolSamplesCodec();

    static IntStream versions() {
        return IntStream.rangeClosed(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    // ================================================================== request

    @Test
    void theRequestIsTheOfficialClientsTwoFieldsWithoutAVersion() {
        byte[] payload = payload("81|9001|IB|");
        byte[] expected = new byte[payload.length + 4];
        expected[3] = (byte) payload.length;
        System.arraycopy(payload, 0, expected, 4, payload.length);
        assertEquals(HexFormat.of().formatHex(expected),
                HexFormat.of().formatHex(SymbolSamplesCodec.reqMatchingSymbols(9001, "IB")));
    }

    @Test
    void theSimulatorReadsTheRequestAsEveryClientWritesIt() {
        // The official client, @stoqey/ib and ib_async all write these bytes; a pattern with spaces stays whole.
        for (String pattern : List.of("IB", "Interactive Brokers", "S&P 500")) {
            FieldReader reader = reader("81|77|" + pattern + "|");
            assertEquals(new MatchingSymbolsRequest(77, pattern), SymbolSamplesCodec.decodeReqMatchingSymbols(reader));
            assertFalse(reader.hasMore());
        }
        FieldReader ours = new FieldReader(payloadOf(SymbolSamplesCodec.reqMatchingSymbols(78, "msf"))).skipping(1);
        assertEquals(new MatchingSymbolsRequest(78, "msf"), SymbolSamplesCodec.decodeReqMatchingSymbols(ours));
        assertThrows(WireFormatException.class, () -> SymbolSamplesCodec.decodeReqMatchingSymbols(reader("81|x|IB|")));
    }

    @Test
    void aPatternTwsWouldRefuseIsNotEncoded() {
        assertThrows(IllegalArgumentException.class, () -> SymbolSamplesCodec.reqMatchingSymbols(1, "Nestl\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> SymbolSamplesCodec.reqMatchingSymbols(1, "A\0B"));
    }

    // ================================================================== answer

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void handBuiltAnswersDecodeToTheLastField(int sv) {
        FieldReader reader = reader(TWO_AT_176);
        Addressed addressed = codec.decode(sv, IncomingMessageId.SYMBOL_SAMPLES, reader);
        assertFalse(reader.hasMore(), "every field read at " + sv);
        assertEquals(new Addressed(9001, new SymbolSamplesEvent(List.of(aapl(), bond()))), addressed);
    }

    @Test
    void belowBondIssuerIdTheDescriptionsEndAfterTheDerivatives() {
        FieldReader reader = reader(TWO_AT_175);
        Addressed addressed = codec.decode(ServerVersion.BOND_ISSUERID - 1, IncomingMessageId.SYMBOL_SAMPLES, reader);
        assertFalse(reader.hasMore());
        assertEquals(new SymbolSamplesEvent(List.of(
                new ContractDescription(aapl().contract(), aapl().derivativeSecTypes(), "", ""),
                new ContractDescription(bond().contract(), List.of(), "", ""))), addressed.event());
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void noMatchIsAnEmptyAnswer(int sv) {
        assertEquals(new Addressed(9002, new SymbolSamplesEvent(List.of())),
                codec.decode(sv, IncomingMessageId.SYMBOL_SAMPLES, reader("79|9002|0|")));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void whatTheSimulatorWritesTheClientReadsAtEveryVersion(int sv) {
        for (List<ContractDescription> sent : List.<List<ContractDescription>>of(List.of(), List.of(aapl()),
                List.of(aapl(), bond()))) {
            byte[] frame = SymbolSamplesCodec.symbolSamples(sv, 42, sent);
            FieldReader reader = new FieldReader(payloadOf(frame)).skipping(1);
            Addressed addressed = codec.decode(sv, IncomingMessageId.SYMBOL_SAMPLES, reader);
            assertFalse(reader.hasMore(), "every field read at " + sv);
            assertEquals(new Addressed(42, new SymbolSamplesEvent(sent)), addressed, "sv " + sv);
            assertArrayEquals(frame, SymbolSamplesCodec.symbolSamples(sv, 42,
                    ((SymbolSamplesEvent) addressed.event()).descriptions()), "re-encoded at " + sv);
        }
        if (sv >= ServerVersion.BOND_ISSUERID) {
            assertArrayEquals(payload(TWO_AT_176), payloadOf(SymbolSamplesCodec.symbolSamples(sv, 9001,
                    List.of(aapl(), bond()))), "the hand-built frame is what the simulator writes");
        }
    }

    // ================================================================== malformed frames

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void aTruncatedFrameIsAFormatErrorAtEveryField(int sv) {
        byte[] whole = payload(TWO_AT_176);
        int fields = fieldCount(whole);
        for (int kept = 1; kept < fields; kept++) {
            byte[] cut = truncated(whole, kept);
            assertThrows(WireFormatException.class, () -> codec.decode(sv, IncomingMessageId.SYMBOL_SAMPLES,
                    new FieldReader(cut).skipping(1)), "kept " + kept + " of " + fields);
        }
    }

    @Test
    void countsTheFrameCannotHoldAreFormatErrors() {
        for (String bad : List.of(
                "79|9001|3|265598|AAPL|STK|NASDAQ|USD|0|APPLE INC||", // three contracts, the fields of one
                "79|9001|-1|",
                "79|9001|1|265598|AAPL|STK|NASDAQ|USD|9|CFD|OPT|APPLE INC||", // nine derivative kinds, two sent
                "79|9001|1|265598|AAPL|STK|NASDAQ|USD|-2|APPLE INC||",
                "79|9001|1|265598|AAPL|STK|NASDAQ|USD|1|CFD|")) { // the list eats the description's fields
            assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.SYMBOL_SAMPLES,
                    reader(bad)), bad);
        }
    }

    @Test
    void nonNumericFieldsAndUnknownSecTypesAreFormatErrors() {
        for (String bad : List.of(
                "79|x|0|",
                "79|9001|two|",
                "79|9001|1|AAPL|AAPL|STK|NASDAQ|USD|0|APPLE INC||",
                "79|9001|1|265598|AAPL|STK|NASDAQ|USD|three|APPLE INC||",
                "79|9001|1|265598|AAPL|XYZ|NASDAQ|USD|0|APPLE INC||",
                "79|9001|1|0||STK|NASDAQ|USD|0|APPLE INC||")) { // neither conId nor symbol
            assertThrows(WireFormatException.class, () -> codec.decode(200, IncomingMessageId.SYMBOL_SAMPLES,
                    reader(bad)), bad);
        }
    }

    @Test
    void throughTheRouterAMalformedFrameIsADecodeFailureNotAnException() {
        InboundRouter router = new InboundRouter(List.of(codec));
        for (String bad : List.of("79|9001|3|265598|AAPL|STK|NASDAQ|USD|0|APPLE INC||", "79|9001|two|",
                "79|9001|1|265598|AAPL|STK|NASDAQ|USD|9|CFD|", "79|")) {
            Routed.Failed failed = assertInstanceOf(Routed.Failed.class, router.route(200, payload(bad)), bad);
            assertEquals(IncomingMessageId.SYMBOL_SAMPLES.code(), failed.messageId());
            assertTrue(failed.error().startsWith(IncomingMessageId.SYMBOL_SAMPLES.toString()), failed.error());
        }
        Routed.ToOwner ok = assertInstanceOf(Routed.ToOwner.class, router.route(200, payload(TWO_AT_176)));
        assertEquals(new SymbolSamplesEvent(List.of(aapl(), bond())), ok.event());
    }

    // ================================================================== samples and helpers

    static ContractDescription aapl() {
        return new ContractDescription(new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "", "NASDAQ", "USD",
                "", ""), List.of("CFD", "OPT", "WAR"), "APPLE INC", "");
    }

    static ContractDescription bond() {
        return new ContractDescription(new Contract(123456789, "AAPL", SecType.BOND, "", 0, "", "", "", "", "USD", "",
                ""), List.of(), "Apple Inc 3.85 05/04/43", "e1234567");
    }

    private static FieldReader reader(String text) {
        return new FieldReader(payload(text)).skipping(1);
    }
}
