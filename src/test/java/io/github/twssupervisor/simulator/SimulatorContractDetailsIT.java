package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractDetails;
import io.github.twssupervisor.contracts.ContractDetailsCodec;
import io.github.twssupervisor.contracts.ContractDetailsEvent;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reqContractDetails against the simulator over loopback, with a plain socket client at server versions 176, 193 and
 * 200: a known stock, an unknown symbol, the ambiguous MSFT request, and the golden request bytes of both clients.
 */
@ExtendWith(LogCapturing.class)
class SimulatorContractDetailsIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(700);
    private static final String ROW = String.valueOf(IncomingMessageId.CONTRACT_DETAILS.code());
    private static final String END = String.valueOf(IncomingMessageId.CONTRACT_DETAILS_END.code());
    private static final String ERROR = String.valueOf(IncomingMessageId.ERROR.code());
    private static TwsSimulator simulator;

    /** What the simulator answered to one request. */
    private record Answer(List<ContractDetails> rows, boolean ended, SessionCodec.TwsError error) {
    }

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        simulator.stop().toCompletableFuture().join();
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void aKnownStockIsOneRowThenTheEnd(int sv) {
        try (PlainTwsClient client = connect(sv)) {
            Answer answer = ask(client, sv, 11, Contract.stock("AAPL"));
            assertEquals(1, answer.rows().size(), answer.toString());
            ContractDetails aapl = answer.rows().get(0);
            assertEquals(new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "SMART", "NASDAQ", "USD", "AAPL",
                    "NMS"), aapl.contract());
            assertEquals("APPLE INC", aapl.longName());
            assertEquals("US/Eastern", aapl.timeZoneId());
            assertEquals(0.01, aapl.minTick());
            assertEquals("US0378331005", aapl.secIdList().get("ISIN"));
            assertFalse(aapl.tradingHours().isEmpty());
            assertEquals(true, answer.ended());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void anUnknownSymbolIsError200ForTheRequest(int sv) {
        try (PlainTwsClient client = connect(sv)) {
            Answer answer = ask(client, sv, 12, Contract.stock("ZZZZ"));
            assertEquals(List.of(), answer.rows());
            assertEquals(12, answer.error().id());
            assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, answer.error().code());
            assertEquals("No security definition has been found for the request", answer.error().message());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193, 200})
    void msftWithoutCurrencyOrListingIsAmbiguousAndGetsBothListings(int sv) {
        try (PlainTwsClient client = connect(sv)) {
            Answer ambiguous = ask(client, sv, 13, Contract.stock("MSFT", "SMART", ""));
            assertEquals(List.of(272093, 38708990), ambiguous.rows().stream().map(d -> d.contract().conId()).toList());
            assertEquals(List.of("NASDAQ:USD", "IBIS:EUR"), ambiguous.rows().stream()
                    .map(d -> d.contract().primaryExchange() + ":" + d.contract().currency()).toList());
            assertEquals(true, ambiguous.ended());

            Answer usd = ask(client, sv, 14, Contract.stock("MSFT", "SMART", "USD"));
            assertEquals(List.of(272093), usd.rows().stream().map(d -> d.contract().conId()).toList());
            Answer byConId = ask(client, sv, 15, new Contract(38708990, "", SecType.STK, "", 0, "", "", "", "", "", "",
                    ""));
            assertEquals(List.of("EUR"), byConId.rows().stream().map(d -> d.contract().currency()).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193})
    void theGoldenRequestsOfBothClientsAreAnswered(int sv) {
        List<byte[]> requests = new ArrayList<>(List.of(Golden.named(Golden.stoqeyClientFrames(sv),
                "REQ_CONTRACT_DATA").frame()));
        if (sv == 176) {
            requests.add(Golden.named(Golden.officialClientFrames(), "REQ_CONTRACT_DATA").frame());
        }
        try (PlainTwsClient client = connect(sv)) {
            for (byte[] request : requests) {
                client.send(request);
                Answer answer = answer(client, sv, 5001);
                assertEquals(List.of(265598), answer.rows().stream().map(d -> d.contract().conId()).toList());
                assertEquals(true, answer.ended());
            }
        }
    }

    private static PlainTwsClient connect(int sv) {
        PlainTwsClient client = PlainTwsClient.started(simulator.address(), new VersionRange(sv, sv, ""),
                CLIENT_IDS.incrementAndGet());
        client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        return client;
    }

    private static Answer ask(PlainTwsClient client, int sv, int reqId, Contract contract) {
        client.send(ContractDetailsCodec.reqContractDetails(sv, reqId, contract));
        return answer(client, sv, reqId);
    }

    /** Reads (skipping the start-up notices) up to the end or the error of {@code reqId}, decoding every row fully. */
    private static Answer answer(PlainTwsClient client, int sv, int reqId) {
        ContractDetailsCodec codec = new ContractDetailsCodec();
        List<ContractDetails> rows = new ArrayList<>();
        while (true) {
            List<String> fields = client.readFields();
            FieldReader reader = readerAfterId(fields);
            if (fields.get(0).equals(ROW) || fields.get(0).equals(END)) {
                boolean row = fields.get(0).equals(ROW);
                Addressed addressed = codec.decode(sv, row ? IncomingMessageId.CONTRACT_DETAILS
                        : IncomingMessageId.CONTRACT_DETAILS_END, reader);
                assertFalse(reader.hasMore(), "every field read: " + fields);
                assertEquals(RouteKey.request(reqId), addressed.key());
                if (!row) {
                    return new Answer(rows, true, null);
                }
                rows.add(assertInstanceOf(ContractDetailsEvent.Row.class, addressed.event()).details());
            } else if (fields.get(0).equals(ERROR)) {
                SessionCodec.TwsError error = SessionCodec.decodeError(sv, reader);
                if (error.id() == reqId) {
                    return new Answer(rows, false, error);
                }
            }
        }
    }

    private static FieldReader readerAfterId(List<String> fields) {
        byte[] frame = FieldWriter.frameOf(fields);
        return new FieldReader(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length - WireLimits.LENGTH_PREFIX_BYTES)
                .skipping(1);
    }
}
