package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.ContractDetailsCodec;
import io.github.twssupervisor.contracts.ContractDetailsEvent;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalDataEvent;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import io.github.twssupervisor.testutil.LogCapturing;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator over loopback, driven by a plain-socket client that shares only the wire codecs with it. */
@ExtendWith(LogCapturing.class)
class SimulatorIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0);
    private static final VersionRange OUR_RANGE = new VersionRange(ServerVersion.MIN_SUPPORTED,
            ServerVersion.MAX_SUPPORTED, "");
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(100);
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

    private static InetSocketAddress address() {
        return simulator.address();
    }

    private static List<String> error(int serverVersion, int id, int code, String message) {
        return serverVersion >= ServerVersion.ERROR_TIME
                ? List.of(code(IncomingMessageId.ERROR), String.valueOf(id), String.valueOf(code), message, "")
                : List.of(code(IncomingMessageId.ERROR), "2", String.valueOf(id), String.valueOf(code), message, "");
    }

    private static String code(IncomingMessageId id) {
        return String.valueOf(id.code());
    }

    /** Drops the errorTime of an sv >= 194 error after checking it is a plausible epoch-millis value. */
    private static List<String> withoutErrorTime(int serverVersion, List<String> fields) {
        if (serverVersion < ServerVersion.ERROR_TIME) {
            return fields;
        }
        long millis = Long.parseLong(fields.get(fields.size() - 1));
        assertTrue(Math.abs(millis - System.currentTimeMillis()) < 60_000, "errorTime " + millis + " is not now");
        return fields.subList(0, fields.size() - 1);
    }

    @ParameterizedTest(name = "start-up sequence at server version {0}")
    @ValueSource(ints = {176, 193, 200})
    void startUpSequenceHasTheExactFramesOfTheNegotiatedVersion(int serverVersion) {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient client = PlainTwsClient.connect(address())) {
            client.send(Handshake.clientHello(new VersionRange(ServerVersion.MIN_SUPPORTED, serverVersion, "")));
            List<String> hello = client.readFields();
            assertEquals(2, hello.size());
            assertEquals(String.valueOf(serverVersion), hello.get(0));
            assertTrue(hello.get(1).matches("\\d{8} \\d{2}:\\d{2}:\\d{2} UTC"), hello.get(1));

            client.send(SessionCodec.startApi(clientId, ""));
            assertEquals(List.of(code(IncomingMessageId.MANAGED_ACCOUNTS), "1", String.join(",", SETTINGS.accounts())),
                    client.readFields());
            assertEquals(List.of(code(IncomingMessageId.NEXT_VALID_ID), "1", String.valueOf(SETTINGS.nextOrderId())),
                    client.readFields());
            assertEquals(error(serverVersion, -1, TwsErrorCode.MARKET_DATA_FARM_OK,
                    "Market data farm connection is OK:usfarm"), withoutErrorTime(serverVersion, client.readFields()));
            assertEquals(error(serverVersion, -1, TwsErrorCode.HMDS_FARM_OK, "HMDS data farm connection is OK:ushmds"),
                    withoutErrorTime(serverVersion, client.readFields()));
            assertEquals(error(serverVersion, -1, TwsErrorCode.SEC_DEF_FARM_OK,
                    "Sec-def data farm connection is OK:secdefil"), withoutErrorTime(serverVersion, client.readFields()));

            client.send(SessionCodec.reqCurrentTime());
            List<String> time = client.readFields();
            assertEquals(List.of(code(IncomingMessageId.CURRENT_TIME), "1"), time.subList(0, 2));
            assertTrue(Math.abs(Long.parseLong(time.get(2)) - Instant.now().getEpochSecond()) <= 5, time.toString());

            client.send(SessionCodec.reqIds(1));
            assertEquals(List.of(code(IncomingMessageId.NEXT_VALID_ID), "1", String.valueOf(SETTINGS.nextOrderId())),
                    client.readFields());
            client.send(SessionCodec.reqManagedAccts());
            assertEquals(List.of(code(IncomingMessageId.MANAGED_ACCOUNTS), "1", String.join(",", SETTINGS.accounts())),
                    client.readFields());
        }
    }

    @Test
    void answersWithTheSimulatorsMaximumWhenTheClientOffersMore() {
        TwsSimulator older = start(SETTINGS.withMaxVersion(187));
        try (PlainTwsClient client = PlainTwsClient.connect(older.address())) {
            client.send(Handshake.clientHello(OUR_RANGE));
            assertEquals("187", client.readFields().get(0));
        } finally {
            older.stop().toCompletableFuture().join();
        }
    }

    @Test
    void closesWithoutReplyWhenTheVersionRangesDoNotOverlap() {
        try (PlainTwsClient client = PlainTwsClient.connect(address())) {
            client.send(Handshake.clientHello(new VersionRange(100, ServerVersion.MIN_SUPPORTED - 1, "")));
            client.assertClosedWithoutFrame();
        }
        try (PlainTwsClient client = PlainTwsClient.connect(address())) {
            client.send(Handshake.clientHello(new VersionRange(SETTINGS.maxVersion() + 1, 300, "")));
            client.assertClosedWithoutFrame();
        }
    }

    @Test
    void acceptsTheHandshakesOfTheOfficialClientAndStoqey() {
        for (byte[] hello : List.of(Golden.officialClientHandshake(), Golden.stoqeyClientHandshake(176))) {
            try (PlainTwsClient client = PlainTwsClient.connect(address())) {
                client.send(hello);
                List<String> reply = client.readFields();
                int offeredMax = Integer.parseInt(new String(hello, 8, hello.length - 8).split("\\.\\.")[1]);
                assertEquals(String.valueOf(Math.min(offeredMax, SETTINGS.maxVersion())), reply.get(0));
            }
        }
    }

    @Test
    void secondConnectionWithAClientIdInUseGetsError326AndIsClosed() {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient first = PlainTwsClient.started(address(), OUR_RANGE, clientId)) {
            first.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            try (PlainTwsClient second = PlainTwsClient.started(address(), OUR_RANGE, clientId)) {
                List<String> error = second.readFields();
                assertEquals(List.of(code(IncomingMessageId.ERROR), "-1", String.valueOf(TwsErrorCode.CLIENT_ID_IN_USE)),
                        error.subList(0, 3));
                second.assertClosedWithoutFrame();
            }
            first.send(SessionCodec.reqCurrentTime());
            assertEquals(code(IncomingMessageId.CURRENT_TIME), first.readUntil(IncomingMessageId.CURRENT_TIME.code())
                    .get(0));
        }
    }

    @Test
    void aClientIdIsFreeAgainOnceItsConnectionCloses() {
        int clientId = CLIENT_IDS.incrementAndGet();
        try (PlainTwsClient first = PlainTwsClient.started(address(), OUR_RANGE, clientId)) {
            first.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        }
        TEST_KIT.createTestProbe().awaitAssert(() -> {
            try (PlainTwsClient again = PlainTwsClient.started(address(), OUR_RANGE, clientId)) {
                assertEquals(code(IncomingMessageId.MANAGED_ACCOUNTS), again.readFields().get(0));
            }
            return null;
        });
    }

    @Test
    void refusesClientsBeyondTheLimit() {
        TwsSimulator small = start(SETTINGS.withMaxClients(2));
        try (PlainTwsClient one = PlainTwsClient.started(small.address(), OUR_RANGE, 1);
             PlainTwsClient two = PlainTwsClient.started(small.address(), OUR_RANGE, 2)) {
            one.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            two.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            try (PlainTwsClient three = PlainTwsClient.started(small.address(), OUR_RANGE, 3)) {
                List<String> error = three.readFields();
                assertEquals(String.valueOf(TwsErrorCode.CONNECT_FAIL), error.get(2));
                assertTrue(error.get(3).contains("(2)"), error.get(3));
                three.assertClosedWithoutFrame();
            }
        } finally {
            small.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aRequestBeforeStartApiClosesTheConnection() {
        try (PlainTwsClient client = PlainTwsClient.connect(address())) {
            client.send(Handshake.clientHello(OUR_RANGE));
            client.readFields();
            LoggingTestKit.warn("before startApi").expect(TEST_KIT.system(), () -> {
                client.send(SessionCodec.reqCurrentTime());
                return null;
            });
            client.assertClosedWithoutFrame();
        }
    }

    @Test
    void aPreambleThatIsNotApiClosesTheConnectionWithAWarning() {
        try (PlainTwsClient client = PlainTwsClient.connect(address())) {
            LoggingTestKit.warn("is not API").expect(TEST_KIT.system(), () -> {
                client.send("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return null;
            });
            client.assertClosedWithoutFrame();
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnectionWithAWarning() {
        try (PlainTwsClient client = PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet())) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            byte[] header = new byte[WireLimits.LENGTH_PREFIX_BYTES];
            Frames.writeLength(header, 0, WireLimits.MAX_FRAME_PAYLOAD + 1);
            LoggingTestKit.warn("protocol violation").expect(TEST_KIT.system(), () -> {
                client.send(header);
                return null;
            });
            drainUntilClosed(client);
        }
    }

    @Test
    void aClientThatResetsItsConnectionIsLoggedAsGoneNotAsAProtocolViolation() {
        PlainTwsClient client = PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet());
        client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        LoggingTestKit.info("ended by the client").expect(TEST_KIT.system(), () -> {
            client.reset();
            return null;
        });
        LoggingTestKit.warn("protocol violation").withOccurrences(0).expect(TEST_KIT.system(), () -> {
            PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet()).reset();
            return null;
        });
    }

    @Test
    void aZeroLengthFrameClosesTheConnection() {
        try (PlainTwsClient client = PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet())) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            LoggingTestKit.warn("zero-length frame").expect(TEST_KIT.system(), () -> {
                client.send(new byte[WireLimits.LENGTH_PREFIX_BYTES]);
                return null;
            });
            drainUntilClosed(client);
        }
    }

    @Test
    void anUnreadableFrameIsAnsweredWithError320AndTheConnectionStays() {
        try (PlainTwsClient client = PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet())) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            client.sendFields(List.of("forty-nine", "1"));
            assertEquals(String.valueOf(TwsErrorCode.CANNOT_READ_REQUEST), errorCodeOf(client));
            client.sendFields(List.of(String.valueOf(OutgoingMessageId.REQ_IDS.code()), "1", "many"));
            assertEquals(String.valueOf(TwsErrorCode.CANNOT_READ_REQUEST), errorCodeOf(client));
            assertCurrentTimeAnswered(client);
        }
    }

    @Test
    void anUnknownMessageIdIsAnsweredWithAnErrorNamingItAndTheConnectionStays() {
        try (PlainTwsClient client = PlainTwsClient.started(address(), OUR_RANGE, CLIENT_IDS.incrementAndGet())) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            skipStartUpNotices(client);
            client.sendFields(List.of("999", "1"));
            List<String> error = client.readUntil(IncomingMessageId.ERROR.code());
            assertTrue(error.get(3).contains("999"), error.toString());
            assertCurrentTimeAnswered(client);
        }
    }

    @ParameterizedTest(name = "every request of the golden script is answered, never dropped ({0})")
    @ValueSource(strings = {"official", "stoqey-176", "stoqey-193"})
    void everyGoldenRequestGetsAnAnswerAndTheConnectionStays(String capture) {
        List<Golden.Frame> frames = switch (capture) {
            case "official" -> Golden.officialClientFrames();
            case "stoqey-176" -> Golden.stoqeyClientFrames(176);
            default -> Golden.stoqeyClientFrames(193);
        };
        int version = capture.equals("stoqey-193") ? 193 : 176; // the captures' own: placeOrder's layout depends on it
        try (PlainTwsClient client = PlainTwsClient.started(address(), new VersionRange(version, version, ""),
                CLIENT_IDS.incrementAndGet())) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            skipStartUpNotices(client);
            for (Golden.Frame frame : frames.subList(1, frames.size())) {
                client.send(frame.frame());
                OutgoingMessageId id = OutgoingMessageId.fromCode(Integer.parseInt(frame.fields().get(0))).orElseThrow();
                if (id == OutgoingMessageId.REQ_MKT_DATA) {
                    // Market data now: tickReqParams is the first frame for the request (ticks of others may interleave).
                    int reqId = Integer.parseInt(frame.fields().get(2));
                    assertEquals(code(IncomingMessageId.TICK_REQ_PARAMS), MarketDataWire.nextFor(client, reqId).get(0),
                            frame.name());
                } else if (id == OutgoingMessageId.CANCEL_MKT_DATA) {
                    // A successful cancel has no answer at TWS either; an error would show up before currentTime.
                    assertTrue(MarketDataWire.framesUntilCurrentTime(client).stream()
                            .noneMatch(f -> f.get(0).equals(code(IncomingMessageId.ERROR))), frame.name());
                } else if (id == OutgoingMessageId.PLACE_ORDER) {
                    // Orders now: openOrder first, then its statuses up to Submitted (LMT 150 is below AAPL's quote).
                    assertEquals(code(IncomingMessageId.OPEN_ORDER), nextAnswer(client).get(0), frame.name());
                    MarketDataWire.readUntil(client, f -> f.get(0).equals(code(IncomingMessageId.ORDER_STATUS))
                            && f.get(2).equals("Submitted"));
                } else if (id == OutgoingMessageId.REQ_OPEN_ORDERS || id == OutgoingMessageId.REQ_EXECUTIONS) {
                    String end = code(id == OutgoingMessageId.REQ_OPEN_ORDERS ? IncomingMessageId.OPEN_ORDER_END
                            : IncomingMessageId.EXEC_DETAILS_END);
                    assertTrue(MarketDataWire.readUntil(client, f -> f.get(0).equals(end)
                            || f.get(0).equals(code(IncomingMessageId.ERROR))).get(0).equals(end), frame.name());
                } else if (id == OutgoingMessageId.REQ_CONTRACT_DETAILS) {
                    // Contract details now: AAPL's one row, decoded to the last field, then the end.
                    List<String> row = nextAnswer(client);
                    assertEquals(code(IncomingMessageId.CONTRACT_DETAILS), row.get(0), frame.name());
                    DomainDecoder.Addressed details = decodedFully(new ContractDetailsCodec(), version, row);
                    assertEquals(RouteKey.request(5001), details.key());
                    assertEquals(265598, ((ContractDetailsEvent.Row) details.event()).details().contract().conId());
                    assertEquals(List.of(code(IncomingMessageId.CONTRACT_DETAILS_END), "1", "5001"), nextAnswer(client));
                } else if (id == OutgoingMessageId.REQ_ACCOUNT_SUMMARY) {
                    // Account summary now: a row per account and asked tag, each decoded to its last field, then the end.
                    List<List<String>> rows = rowsUntil(client, IncomingMessageId.ACCOUNT_SUMMARY,
                            IncomingMessageId.ACCOUNT_SUMMARY_END);
                    assertFalse(rows.isEmpty(), frame.name());
                    for (List<String> row : rows) {
                        DomainDecoder.Addressed decoded = decodedFully(new AccountSummaryCodec(), version, row);
                        assertEquals(RouteKey.request(9001), decoded.key());
                        String tag = ((AccountSummaryEvent.Row) decoded.event()).tag();
                        assertTrue(tag.equals("NetLiquidation") || tag.equals("TotalCashValue"), tag);
                    }
                } else if (id == OutgoingMessageId.REQ_POSITIONS) {
                    // Positions now: one per holding (none before any fill of the run), each decoded, then the end.
                    for (List<String> row : rowsUntil(client, IncomingMessageId.POSITION, IncomingMessageId.POSITION_END)) {
                        DomainDecoder.Addressed decoded = decodedFully(new PositionCodec(), version, row);
                        assertEquals(RouteKey.kind(IncomingMessageId.POSITION), decoded.key());
                    }
                } else if (id == OutgoingMessageId.REQ_HISTORICAL_DATA) {
                    // Historical data now: AAPL's 24 hour bars with the range, which at 176 and 193 is the end.
                    List<String> bars = nextAnswer(client);
                    assertEquals(code(IncomingMessageId.HISTORICAL_DATA), bars.get(0), frame.name());
                    DomainDecoder.Addressed data = decodedFully(new HistoricalDataCodec(), version, bars);
                    assertEquals(RouteKey.request(4001), data.key());
                    HistoricalDataEvent.Bars decoded = (HistoricalDataEvent.Bars) data.event();
                    assertEquals(24, decoded.bars().size());
                    assertTrue(decoded.isEnd());
                } else {
                    List<String> answer = nextAnswer(client);
                    if (id == OutgoingMessageId.REQ_CURRENT_TIME) {
                        assertEquals(code(IncomingMessageId.CURRENT_TIME), answer.get(0));
                    } else {
                        // Not implemented yet: an error that names the message, never a silent drop.
                        assertEquals(code(IncomingMessageId.ERROR), answer.get(0), frame.name());
                        byte[] error = FieldWriter.frameOf(answer);
                        SessionCodec.TwsError decoded = SessionCodec.decodeError(version, new FieldReader(error,
                                WireLimits.LENGTH_PREFIX_BYTES, error.length - WireLimits.LENGTH_PREFIX_BYTES)
                                .skipping(1));
                        assertEquals(TwsErrorCode.CANNOT_VALIDATE_REQUEST, decoded.code(), frame.name());
                        assertTrue(decoded.message().contains(id.apiName()), decoded.message());
                    }
                }
            }
            assertCurrentTimeAnswered(client);
        }
    }

    /**
     * @return the next frame that is not a tick of a running market data request, nor a later account summary or
     *     position of the script's still running subscriptions (values move with the marks, positions with fills)
     */
    private static List<String> nextAnswer(PlainTwsClient client) {
        return MarketDataWire.readUntil(client, f -> !(f.get(0).equals(code(IncomingMessageId.TICK_PRICE))
                || f.get(0).equals(code(IncomingMessageId.TICK_SIZE))
                || f.get(0).equals(code(IncomingMessageId.ACCOUNT_SUMMARY))
                || f.get(0).equals(code(IncomingMessageId.POSITION))));
    }

    /** @return the frames of kind {@code row} up to the {@code end} frame, ticks and other streams skipped */
    private static List<List<String>> rowsUntil(PlainTwsClient client, IncomingMessageId row, IncomingMessageId end) {
        List<List<String>> rows = new java.util.ArrayList<>();
        while (true) {
            List<String> f = MarketDataWire.readUntil(client, x -> x.get(0).equals(code(row))
                    || x.get(0).equals(code(end)) || x.get(0).equals(code(IncomingMessageId.ERROR)));
            assertEquals(List.of(code(row), code(end)).contains(f.get(0)), true, "not an error: " + f);
            if (f.get(0).equals(code(end))) {
                return rows;
            }
            rows.add(f);
        }
    }

    /** Decodes a frame's fields with a domain decoder and checks that it read every field. */
    private static DomainDecoder.Addressed decodedFully(DomainDecoder decoder, int version, List<String> fields) {
        byte[] bytes = FieldWriter.frameOf(fields);
        FieldReader reader = new FieldReader(bytes, WireLimits.LENGTH_PREFIX_BYTES,
                bytes.length - WireLimits.LENGTH_PREFIX_BYTES).skipping(1);
        DomainDecoder.Addressed decoded = decoder.decode(version,
                IncomingMessageId.fromCode(Integer.parseInt(fields.get(0))).orElseThrow(), reader);
        assertFalse(reader.hasMore(), "every field read of " + fields);
        return decoded;
    }

    @Test
    void statsCountConnectionsClientsAndMessages() {
        TwsSimulator counted = start(SETTINGS);
        try (PlainTwsClient client = PlainTwsClient.started(counted.address(), OUR_RANGE, 5)) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            skipStartUpNotices(client);
            assertCurrentTimeAnswered(client);
            SimulatorStats stats = counted.stats().toCompletableFuture().join();
            assertEquals(1, stats.connectionsAccepted());
            assertEquals(1, stats.openConnections());
            assertEquals(List.of(5), List.copyOf(stats.clientsById().keySet()));
            // in: version frame, startApi, reqCurrentTime; out: hello, accounts, id, 3 notices, currentTime
            assertEquals(3, stats.messagesIn());
            assertEquals(7, stats.messagesOut());
            assertEquals(List.of(5), counted.clients().toCompletableFuture().join().stream()
                    .map(ClientInfo::clientId).toList());
        } finally {
            counted.stop().toCompletableFuture().join();
        }
    }

    @Test
    void stopClosesEveryConnectionAndFreesThePort() {
        TwsSimulator stopped = start(SETTINGS);
        InetSocketAddress bound = stopped.address();
        try (PlainTwsClient client = PlainTwsClient.started(bound, OUR_RANGE, 9)) {
            client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
            stopped.stop().toCompletableFuture().join();
            drainUntilClosed(client);
        }
        TwsSimulator again = start(SETTINGS.withAddress(bound.getHostString(), bound.getPort()));
        assertEquals(bound.getPort(), again.address().getPort());
        again.stop().toCompletableFuture().join();
    }

    private static void skipStartUpNotices(PlainTwsClient client) {
        for (int i = 0; i < 3; i++) {
            assertEquals(code(IncomingMessageId.ERROR), client.readFields().get(0));
        }
    }

    private static String errorCodeOf(PlainTwsClient client) {
        List<String> error = client.readUntil(IncomingMessageId.ERROR.code());
        while (error.get(2).startsWith("21")) {
            error = client.readUntil(IncomingMessageId.ERROR.code());
        }
        return error.get(2);
    }

    private static void assertCurrentTimeAnswered(PlainTwsClient client) {
        client.send(SessionCodec.reqCurrentTime());
        assertEquals(code(IncomingMessageId.CURRENT_TIME), client.readUntil(IncomingMessageId.CURRENT_TIME.code())
                .get(0));
    }

    /** Reads (and ignores) frames already in flight until the simulator closes the socket. */
    private static void drainUntilClosed(PlainTwsClient client) {
        while (true) {
            try {
                client.readFields();
            } catch (AssertionError closed) {
                if (closed.getMessage().startsWith("connection closed")) {
                    return;
                }
                throw closed;
            } catch (java.io.UncheckedIOException reset) {
                return;
            }
        }
    }
}
