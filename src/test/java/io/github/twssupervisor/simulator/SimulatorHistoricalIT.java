package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalDataEvent;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reqHistoricalData against the simulator over loopback, with a plain socket client at server versions 176 (bars with
 * the range) and 200 (bars, then historicalDataEnd): known and unknown contracts, a bad bar size, TWS's pacing, and
 * bars that depend on the seed only.
 */
@ExtendWith(LogCapturing.class)
class SimulatorHistoricalIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(800);
    private static final String END_TIME = "20261120 16:00:00 US/Eastern";
    private static final HistoricalRequest AAPL_DAY = new HistoricalRequest(Contract.stock("AAPL"), END_TIME, "1 D",
            "1 hour", "TRADES", true, 1, false);
    private static TwsSimulator simulator;

    /** What the simulator answered to one request: the bars, the end event, or an error. */
    private record Answer(List<Bar> bars, HistoricalDataEvent end, SessionCodec.TwsError error) {
    }

    @BeforeAll
    static void start() {
        simulator = start(SETTINGS);
    }

    @AfterAll
    static void stop() {
        simulator.stop().toCompletableFuture().join();
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void aKnownStockGetsItsBarsThenTheEnd(int sv) {
        try (PlainTwsClient client = connect(simulator, sv)) {
            Answer answer = ask(client, sv, 21, AAPL_DAY);
            assertNull(answer.error());
            assertEquals(24, answer.bars().size(), "one day of hour bars round the clock");
            assertEquals("20261119 16:00:00 US/Eastern", answer.bars().get(0).time());
            assertEquals("20261120 15:00:00 US/Eastern", answer.bars().get(23).time());
            for (Bar b : answer.bars()) {
                assertTrue(b.low() <= Math.min(b.open(), b.close()) && b.high() >= Math.max(b.open(), b.close()), b
                        .toString());
                assertTrue(b.volume().signum() >= 0 && b.count() >= 0, b.toString());
            }
            HistoricalDataEvent end = answer.end();
            assertTrue(end.isEnd());
            assertEquals(sv < 196 ? HistoricalDataEvent.Bars.class : HistoricalDataEvent.End.class, end.getClass());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void anUnknownContractIsError200AndABadBarSizeError321(int sv) {
        try (PlainTwsClient client = connect(simulator, sv)) {
            Answer unknown = ask(client, sv, 22, new HistoricalRequest(Contract.stock("ZZZZ"), "", "1 D", "1 hour",
                    "TRADES", true, 1, false));
            assertEquals(22, unknown.error().id());
            assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, unknown.error().code());
            client.sendFields(List.of(String.valueOf(OutgoingMessageId.REQ_HISTORICAL_DATA.code()), "23", "0", "AAPL",
                    "STK", "", "0.0", "", "", "SMART", "", "USD", "", "", "0", "", "1 hours", "1 D", "1", "TRADES", "1",
                    "0", ""));
            SessionCodec.TwsError bad = answer(client, sv, 23).error();
            assertEquals(TwsErrorCode.CANNOT_VALIDATE_REQUEST, bad.code());
            assertTrue(bad.message().contains("barSize '1 hours' must be one of"), bad.message());
        }
    }

    @Test
    void anIdenticalRequestWithin15SecondsIsAPacingViolation() {
        try (PlainTwsClient client = connect(simulator, 200)) {
            assertNull(ask(client, 200, 31, AAPL_DAY).error());
            SessionCodec.TwsError error = ask(client, 200, 32, AAPL_DAY).error();
            assertEquals(32, error.id());
            assertEquals(TwsErrorCode.HISTORICAL_DATA_SERVICE, error.code());
            assertEquals("Historical Market Data Service error message:Historical data request pacing violation",
                    error.message());
            assertTrue(simulator.stats().toCompletableFuture().join().historicalPacingViolations() >= 1);
            HistoricalRequest other = new HistoricalRequest(Contract.stock("AAPL"), END_TIME, "2 D", "1 hour",
                    "TRADES", true, 1, false);
            assertNull(ask(client, 200, 33, other).error(), "a different request goes");
        }
    }

    @Test
    void theSameSeedGivesTheSameBarsOnTwoSimulators() {
        TwsSimulator twin = start(SETTINGS.withSeed(SETTINGS.seed()));
        TwsSimulator other = start(SETTINGS.withSeed(SETTINGS.seed() + 1));
        try (PlainTwsClient a = connect(simulator, 200); PlainTwsClient b = connect(twin, 200);
             PlainTwsClient c = connect(other, 200)) {
            List<Bar> first = ask(a, 200, 41, AAPL_DAY).bars();
            assertEquals(first, ask(b, 200, 41, AAPL_DAY).bars());
            assertFalse(first.equals(ask(c, 200, 41, AAPL_DAY).bars()), "another seed, other bars");
        } finally {
            twin.stop().toCompletableFuture().join();
            other.stop().toCompletableFuture().join();
        }
    }

    private static TwsSimulator start(SimulatorSettings settings) {
        return TwsSimulator.start(TEST_KIT.system(), settings).toCompletableFuture().join();
    }

    private static PlainTwsClient connect(TwsSimulator target, int sv) {
        PlainTwsClient client = PlainTwsClient.started(target.address(), new VersionRange(sv, sv, ""),
                CLIENT_IDS.incrementAndGet());
        client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        return client;
    }

    private static Answer ask(PlainTwsClient client, int sv, int reqId, HistoricalRequest request) {
        client.send(HistoricalDataCodec.reqHistoricalData(sv, reqId, request));
        return answer(client, sv, reqId);
    }

    /** Reads (skipping the start-up notices) up to the end or the error of {@code reqId}, decoding every frame fully. */
    static Answer answer(PlainTwsClient client, int sv, int reqId) {
        HistoricalDataCodec codec = new HistoricalDataCodec();
        List<Bar> bars = new ArrayList<>();
        while (true) {
            List<String> fields = client.readFields();
            byte[] frame = FieldWriter.frameOf(fields);
            FieldReader reader = new FieldReader(frame, WireLimits.LENGTH_PREFIX_BYTES,
                    frame.length - WireLimits.LENGTH_PREFIX_BYTES).skipping(1);
            int id = Integer.parseInt(fields.get(0));
            if (id == IncomingMessageId.HISTORICAL_DATA.code() || id == IncomingMessageId.HISTORICAL_DATA_END.code()) {
                Addressed addressed = codec.decode(sv, id == IncomingMessageId.HISTORICAL_DATA.code()
                        ? IncomingMessageId.HISTORICAL_DATA : IncomingMessageId.HISTORICAL_DATA_END, reader);
                assertFalse(reader.hasMore(), "every field read: " + fields);
                assertEquals(RouteKey.request(reqId), addressed.key());
                HistoricalDataEvent event = (HistoricalDataEvent) addressed.event();
                if (event instanceof HistoricalDataEvent.Bars b) {
                    bars.addAll(b.bars());
                }
                if (event.isEnd()) {
                    return new Answer(bars, event, null);
                }
            } else if (id == IncomingMessageId.ERROR.code()) {
                SessionCodec.TwsError error = SessionCodec.decodeError(sv, reader);
                if (error.id() == reqId) {
                    return new Answer(bars, null, error);
                }
            }
        }
    }
}
