package io.github.twssupervisor.simulator;

import static io.github.twssupervisor.simulator.MarketDataWire.ERROR;
import static io.github.twssupervisor.simulator.MarketDataWire.MARKET_DATA_TYPE;
import static io.github.twssupervisor.simulator.MarketDataWire.SETTINGS;
import static io.github.twssupervisor.simulator.MarketDataWire.TICK_PRICE;
import static io.github.twssupervisor.simulator.MarketDataWire.TICK_REQ_PARAMS;
import static io.github.twssupervisor.simulator.MarketDataWire.TICK_SIZE;
import static io.github.twssupervisor.simulator.MarketDataWire.TICK_SNAPSHOT_END;
import static io.github.twssupervisor.simulator.MarketDataWire.errorCode;
import static io.github.twssupervisor.simulator.MarketDataWire.framesUntilCurrentTime;
import static io.github.twssupervisor.simulator.MarketDataWire.isTickFor;
import static io.github.twssupervisor.simulator.MarketDataWire.nextFor;
import static io.github.twssupervisor.simulator.MarketDataWire.readUntil;
import static io.github.twssupervisor.simulator.MarketDataWire.ready;
import static io.github.twssupervisor.simulator.MarketDataWire.reqIdOf;
import static io.github.twssupervisor.simulator.MarketDataWire.snapshot;
import static io.github.twssupervisor.simulator.MarketDataWire.subscribe;
import static io.github.twssupervisor.simulator.MarketDataWire.ticks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataType;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulated market over loopback: subscriptions, snapshots, errors, notices and determinism, on the wire. */
@ExtendWith(LogCapturing.class)
class SimulatorMarketDataIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(300);
    /** How long "no more ticks" is watched: many tick intervals at 20 ticks a second. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String STOCK_TICK = "0.01";
    private static TwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = start(SETTINGS);
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static TwsSimulator start(SimulatorSettings settings) {
        return TwsSimulator.start(TEST_KIT.system(), settings).toCompletableFuture().join();
    }

    private static PlainTwsClient client() {
        return ready(simulator.address(), CLIENT_IDS.incrementAndGet());
    }

    /** The quote a client has seen for one request, checked as every tick arrives. */
    private static final class Quote {
        private final int reqId;
        private final String minTick;
        Long bid;
        Long ask;
        Long last;
        long volume = -1;
        int ticks;

        Quote(int reqId, String minTick) {
            this.reqId = reqId;
            this.minTick = minTick;
        }

        void apply(List<String> f) {
            if (!isTickFor(f, reqId)) {
                return;
            }
            ticks++;
            int field = Integer.parseInt(f.get(3));
            if (f.get(0).equals(TICK_SIZE)) {
                assertEquals(TickType.VOLUME.code(), field, f.toString());
                long v = Long.parseLong(f.get(4));
                assertTrue(v >= volume, "volume went down: " + f);
                volume = v;
                return;
            }
            long price = ticks(f.get(4), minTick); // throws when off the grid
            assertTrue(price > 0, f.toString());
            if (field == TickType.BID.code() || field == TickType.ASK.code() || field == TickType.LAST.code()) {
                assertTrue(Long.parseLong(f.get(5)) > 0, "size must be positive: " + f);
            }
            if (field == TickType.BID.code()) {
                bid = price;
            } else if (field == TickType.ASK.code()) {
                ask = price;
            } else if (field == TickType.LAST.code()) {
                last = price;
            }
            if (bid != null && ask != null) {
                assertTrue(bid < ask, "bid " + bid + " >= ask " + ask + " after " + f);
            }
        }

        void assertLastWithinQuote() {
            assertTrue(bid <= last && last <= ask, "last " + last + " outside [" + bid + ", " + ask + "]");
        }
    }

    /** Reads the answer to a request up to its initial quote, checking the order TWS uses. */
    private static Quote readInitialQuote(PlainTwsClient client, int reqId, String minTick) {
        List<String> params = nextFor(client, reqId);
        assertEquals(List.of(TICK_REQ_PARAMS, String.valueOf(reqId), String.valueOf(Double.parseDouble(minTick)),
                "9c0001", "3"), params, "tickReqParams comes first");
        assertEquals(List.of(MARKET_DATA_TYPE, "1", String.valueOf(reqId),
                String.valueOf(MarketDataType.REALTIME.code())), nextFor(client, reqId));
        Quote quote = new Quote(reqId, minTick);
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<String> tick = nextFor(client, reqId);
            quote.apply(tick);
            fields.add(Integer.parseInt(tick.get(3)));
        }
        assertEquals(List.of(TickType.BID.code(), TickType.ASK.code(), TickType.LAST.code(), TickType.VOLUME.code(),
                TickType.HIGH.code(), TickType.LOW.code(), TickType.CLOSE.code(), TickType.OPEN.code()), fields);
        quote.assertLastWithinQuote();
        return quote;
    }

    /** Reads {@code updates} quote updates (each ends with a tick that leaves bid, ask and last consistent). */
    private static void readUpdates(PlainTwsClient client, Quote quote, int count) {
        int target = quote.ticks + count;
        while (quote.ticks < target) {
            quote.apply(client.readFields());
        }
    }

    @Test
    void aaplWithTheOfficialClientsFrameGetsTickReqParamsThenTheTypeThenPlausibleTicks() {
        Golden.Frame aapl = Golden.named(Golden.officialClientFrames(), "REQ_MKT_DATA");
        int reqId = Integer.parseInt(aapl.fields().get(2));
        try (PlainTwsClient client = client()) {
            client.send(aapl.frame());
            Quote quote = readInitialQuote(client, reqId, STOCK_TICK);
            readUpdates(client, quote, 60);
            assertTrue(quote.volume > 0);
        }
    }

    @ParameterizedTest(name = "@stoqey/ib reqMktData frames at server version {0}")
    @ValueSource(ints = {176, 193})
    void theStoqeyFramesForAaplAndEurUsdAreAcceptedTheSameWay(int capturedAt) {
        List<Golden.Frame> requests = Golden.stoqeyClientFrames(capturedAt).stream()
                .filter(f -> f.name().equals("REQ_MKT_DATA")).toList();
        assertEquals(2, requests.size());
        try (PlainTwsClient client = client()) {
            requests.forEach(f -> client.send(f.frame()));
            Quote aapl = readInitialQuote(client, Integer.parseInt(requests.get(0).fields().get(2)), STOCK_TICK);
            Quote eur = readInitialQuote(client, Integer.parseInt(requests.get(1).fields().get(2)), "0.00005");
            while (aapl.ticks < 30 || eur.ticks < 30) {
                List<String> f = client.readFields();
                aapl.apply(f);
                eur.apply(f);
            }
        }
    }

    @Test
    void eurUsdAndTheEsFutureResolveByNameAndByConId() {
        try (PlainTwsClient client = client()) {
            subscribe(client, 1, Contract.forex("EUR", "USD"));
            readUpdates(client, readInitialQuote(client, 1, "0.00005"), 20);
            subscribe(client, 2, Contract.future("ES", "202612", "CME"));
            readUpdates(client, readInitialQuote(client, 2, "0.25"), 20);
            subscribe(client, 3, new Contract(495512563, "", SecType.FUT, "", 0, "", "", "CME", "", "", "", ""));
            readInitialQuote(client, 3, "0.25");
            subscribe(client, 4, Contract.stock("MSFT", "NASDAQ", "USD"));
            readInitialQuote(client, 4, STOCK_TICK);
            subscribe(client, 5, Contract.stock("SPY").withPrimaryExchange("ARCA"));
            readInitialQuote(client, 5, STOCK_TICK);
        }
    }

    @Test
    void anUnknownContractGetsError200WithTheRequestId() {
        try (PlainTwsClient client = client()) {
            subscribe(client, 77, Contract.stock("ZZZZ"));
            List<String> error = nextFor(client, 77);
            assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, errorCode(error));
            assertEquals("No security definition has been found for the request", error.get(3));
            subscribe(client, 78, Contract.stock("AAPL", "SMART", "EUR"));
            assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, errorCode(nextFor(client, 78)));
            subscribe(client, 79, Contract.future("ES", "202703", "CME"));
            assertEquals(TwsErrorCode.NO_SECURITY_DEFINITION, errorCode(nextFor(client, 79)));
            assertTrue(framesUntilCurrentTime(client).stream().noneMatch(f -> reqIdOf(f) != null
                    && reqIdOf(f) >= 77), "nothing else for failed requests");
        }
    }

    @Test
    void cancelStopsTicksForThatIdAtOnceWhileAnotherKeepsTicking() {
        try (PlainTwsClient client = client()) {
            subscribe(client, 1, Contract.stock("AAPL"));
            subscribe(client, 2, Contract.stock("MSFT"));
            readUntil(client, f -> isTickFor(f, 1));
            readUntil(client, f -> isTickFor(f, 2));
            client.send(MarketDataCodec.cancelMktData(1));
            framesUntilCurrentTime(client); // ticks for 1 may come before the cancel is processed, none after
            long deadline = System.nanoTime() + QUIET.toNanos();
            int ticksForTwo = 0;
            while (System.nanoTime() < deadline) {
                List<String> f = client.readFields();
                assertFalse(isTickFor(f, 1), "tick after cancel: " + f);
                ticksForTwo += isTickFor(f, 2) ? 1 : 0;
            }
            assertTrue(ticksForTwo > 0, "the other subscription stopped too");
        }
    }

    @Test
    void aSnapshotEndsWithTickSnapshotEndAndNothingFollows() {
        try (PlainTwsClient client = client()) {
            snapshot(client, 9, Contract.stock("SPY"));
            readInitialQuote(client, 9, STOCK_TICK);
            assertEquals(List.of(TICK_SNAPSHOT_END, "1", "9"), nextFor(client, 9));
            TEST_KIT.createTestProbe().expectNoMessage(QUIET);
            assertTrue(framesUntilCurrentTime(client).isEmpty(), "nothing after the snapshot");
            client.send(MarketDataCodec.cancelMktData(9));
            assertEquals(TwsErrorCode.UNKNOWN_TICKER_ID, errorCode(nextFor(client, 9)), "a finished snapshot is no active request");
        }
    }

    @Test
    void aDuplicateIdGetsError102AndTheFirstRequestKeepsTicking() {
        try (PlainTwsClient client = client()) {
            subscribe(client, 5, Contract.stock("AAPL"));
            readInitialQuote(client, 5, STOCK_TICK);
            subscribe(client, 5, Contract.stock("MSFT"));
            List<String> error = readUntil(client, f -> f.get(0).equals(ERROR));
            assertEquals(List.of(ERROR, "5", String.valueOf(TwsErrorCode.DUPLICATE_TICKER_ID), "Duplicate ticker ID"), error.subList(0, 4));
            readUntil(client, f -> isTickFor(f, 5));
        }
    }

    @Test
    void cancellingAnUnknownIdGetsError300() {
        try (PlainTwsClient client = client()) {
            client.send(MarketDataCodec.cancelMktData(4242));
            List<String> error = nextFor(client, 4242);
            assertEquals(List.of(ERROR, "4242", String.valueOf(TwsErrorCode.UNKNOWN_TICKER_ID),
                    "Can't find EId with tickerId:4242"), error.subList(0, 4));
        }
    }

    @Test
    void delayedDataIsAnnouncedAndUsesTheDelayedTickTypes() {
        try (PlainTwsClient client = client()) {
            client.send(MarketDataCodec.reqMarketDataType(MarketDataType.DELAYED));
            subscribe(client, 3, Contract.stock("AAPL"));
            assertEquals(TICK_REQ_PARAMS, nextFor(client, 3).get(0));
            assertEquals(List.of(MARKET_DATA_TYPE, "1", "3", "3"), nextFor(client, 3));
            assertEquals(String.valueOf(TickType.DELAYED_BID.code()), nextFor(client, 3).get(3));
        }
    }

    @Test
    void notice1100StopsTicksAnd1102ResumesThemOnTheSameId() {
        TwsSimulator own = start(SETTINGS);
        try (PlainTwsClient client = ready(own.address(), 1)) {
            subscribe(client, 1, Contract.stock("AAPL"));
            readUntil(client, f -> isTickFor(f, 1));
            assertEquals(1, own.notice(TwsErrorCode.CONNECTIVITY_LOST).toCompletableFuture().join());
            readUntil(client, f -> isNotice(f, TwsErrorCode.CONNECTIVITY_LOST));
            TEST_KIT.createTestProbe().expectNoMessage(QUIET);
            assertTrue(framesUntilCurrentTime(client).isEmpty(), "no ticks after 1100");

            own.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT).toCompletableFuture().join();
            readUntil(client, f -> isNotice(f, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT));
            assertTrue(isTickFor(client.readFields(), 1), "ticks resume on the same id");
        } finally {
            own.stop().toCompletableFuture().join();
        }
    }

    @Test
    void notice1101DropsSubscriptionsUntilTheyAreRequestedAgain() {
        TwsSimulator own = start(SETTINGS);
        try (PlainTwsClient client = ready(own.address(), 1)) {
            subscribe(client, 1, Contract.stock("AAPL"));
            readUntil(client, f -> isTickFor(f, 1));
            own.notice(TwsErrorCode.CONNECTIVITY_LOST).toCompletableFuture().join();
            own.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST).toCompletableFuture().join();
            readUntil(client, f -> isNotice(f, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST));
            TEST_KIT.createTestProbe().expectNoMessage(QUIET);
            assertTrue(framesUntilCurrentTime(client).isEmpty(), "no ticks after 1101");
            assertEquals(0, own.stats().toCompletableFuture().join().activeSubscriptions());
            client.send(MarketDataCodec.cancelMktData(1));
            assertEquals(TwsErrorCode.UNKNOWN_TICKER_ID, errorCode(nextFor(client, 1)), "the subscription is gone");

            subscribe(client, 1, Contract.stock("AAPL"));
            readInitialQuote(client, 1, STOCK_TICK);
            readUntil(client, f -> isTickFor(f, 1));
            assertEquals(1, own.stats().toCompletableFuture().join().activeSubscriptions());
        } finally {
            own.stop().toCompletableFuture().join();
        }
    }

    @Test
    void statsCountActiveSubscriptions() {
        TwsSimulator own = start(SETTINGS);
        try (PlainTwsClient client = ready(own.address(), 1)) {
            subscribe(client, 1, Contract.stock("AAPL"));
            subscribe(client, 2, Contract.forex("EUR", "USD"));
            snapshot(client, 3, Contract.stock("SPY"));
            readUntil(client, f -> f.get(0).equals(TICK_SNAPSHOT_END));
            framesUntilCurrentTime(client);
            SimulatorStats stats = own.stats().toCompletableFuture().join();
            assertEquals(2, stats.activeSubscriptions());
            assertTrue(stats.toLine().startsWith("connections=1 open=1 clients=1 "), stats.toLine());
            assertTrue(stats.toLine().contains(" subscriptions=2 pacingViolations=0 "), stats.toLine());
            client.send(MarketDataCodec.cancelMktData(1));
            framesUntilCurrentTime(client);
            assertEquals(1, own.stats().toCompletableFuture().join().activeSubscriptions());
        }
        try {
            TEST_KIT.createTestProbe().awaitAssert(() -> {
                assertEquals(0, own.stats().toCompletableFuture().join().activeSubscriptions());
                return null;
            });
        } finally {
            own.stop().toCompletableFuture().join();
        }
    }

    @Test
    void tenThousandSubscriptionsOnOneSessionAllTick() {
        // Pacing is lifted so that the requests can go out in one write; the ticks still come from one timer.
        TwsSimulator own = start(SETTINGS.withTicksPerSecond(4).withMaxMessagesPerSecond(1_000_000));
        int count = 10_000;
        Contract[] contracts = {Contract.stock("AAPL"), Contract.stock("MSFT"), Contract.forex("EUR", "USD")};
        try (PlainTwsClient client = ready(own.address(), 1)) {
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int id = 1; id <= count; id++) {
                requests.writeBytes(MarketDataCodec.reqMktData(MarketDataWire.SERVER_VERSION, id,
                        contracts[id % contracts.length], "", false, false));
            }
            // Written on another thread while this one reads, as a real client does: the 100,000 frames of first
            // answers would overflow the outbound buffer of a client that only reads once it has written everything.
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> client.send(requests.toByteArray()));
            int[] ticks = new int[count + 1];
            int updated = 0;
            while (updated < count) {
                List<String> f = client.readFields();
                if (f.get(0).equals(TICK_PRICE) || f.get(0).equals(TICK_SIZE)) {
                    // 8 ticks of the first quote, then an update
                    if (++ticks[Integer.parseInt(f.get(2))] == 9) {
                        updated++;
                    }
                }
            }
            sent.join();
            assertEquals(count, own.stats().toCompletableFuture().join().activeSubscriptions());
        } finally {
            own.stop().toCompletableFuture().join();
        }
    }

    @Test
    void twoSimulatorsWithTheSameSeedSendTheSameTicksForTheSameRequests() {
        SimulatorSettings fast = SETTINGS.withTicksPerSecond(50);
        List<List<String>> first = firstFrames(fast.withSeed(7), 150);
        List<List<String>> second = firstFrames(fast.withSeed(7), 150);
        assertEquals(first, second);
        assertNotEquals(first, firstFrames(fast.withSeed(8), 150), "another seed, another market");
    }

    private static List<List<String>> firstFrames(SimulatorSettings settings, int count) {
        TwsSimulator own = start(settings);
        try (PlainTwsClient client = ready(own.address(), 11)) {
            client.send(Golden.named(Golden.officialClientFrames(), "REQ_MKT_DATA").frame());
            List<List<String>> frames = new ArrayList<>();
            while (frames.size() < count) {
                frames.add(client.readFields());
            }
            return frames;
        } finally {
            own.stop().toCompletableFuture().join();
        }
    }

    private static boolean isNotice(List<String> fields, int code) {
        return fields.get(0).equals(ERROR) && fields.get(1).equals("-1") && fields.get(2).equals(String.valueOf(code));
    }
}
