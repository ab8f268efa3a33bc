package io.github.twssupervisor.orders;

import static io.github.twssupervisor.orders.RecordedFrames.fields;
import static io.github.twssupervisor.orders.RecordedFrames.payload;
import static io.github.twssupervisor.orders.RecordedFrames.payloadOf;
import static io.github.twssupervisor.orders.RecordedFrames.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.orders.OrderRequestCodec.ExecutionsRequest;
import io.github.twssupervisor.orders.OrderRequestCodec.PlaceOrderRequest;
import io.github.twssupervisor.orders.OrderRequestCodec.RejectedOrderException;
import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order requests (TWS-WIRE.md §5.11–§5.13): byte-identical to the official client's golden frames, the simulator's
 * decoders against both client spellings, and round trips of random orders at every server version 176..200.
 */
class OrderRequestCodecTest {

    private static final int OFFICIAL_SV = 176;
    private static final Contract SCRIPT_AAPL = Contract.stock("AAPL"); // the golden frame has no primaryExchange
    private static final Order SCRIPT_ORDER = Order.limit(OrderAction.BUY, 100, 150.00);
    private static final int ORDERS_PER_VERSION = 300;
    private static final int STRIKE_FIELD = 6;

    /** Field counts including the id, for a plain order (TWS-WIRE.md §5.11). */
    private static final Map<Integer, Integer> PLACE_ORDER_FIELDS = Map.ofEntries(Map.entry(176, 115),
            Map.entry(177, 114), Map.entry(183, 115), Map.entry(184, 116), Map.entry(187, 118), Map.entry(188, 118),
            Map.entry(189, 119), Map.entry(190, 117), Map.entry(191, 117), Map.entry(192, 118), Map.entry(198, 118),
            Map.entry(199, 119), Map.entry(200, 119));

    static IntStream versions() {
        return IntStream.rangeClosed(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED);
    }

    // ================================================================== golden: our requests = the official client's

    @Test
    void placeOrderIsByteIdenticalToTheOfficialClientAt176() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "PLACE_ORDER").frame();
        assertEquals(HexFormat.of().formatHex(golden),
                HexFormat.of().formatHex(OrderRequestCodec.placeOrder(OFFICIAL_SV, 1, SCRIPT_AAPL, SCRIPT_ORDER)));
    }

    @Test
    void reqOpenOrdersAndReqExecutionsAreByteIdenticalToTheOfficialClient() {
        assertEquals(HexFormat.of().formatHex(Golden.named(Golden.officialClientFrames(), "REQ_OPEN_ORDERS").frame()),
                HexFormat.of().formatHex(OrderRequestCodec.reqOpenOrders()));
        assertEquals(HexFormat.of().formatHex(Golden.named(Golden.officialClientFrames(), "REQ_EXECUTIONS").frame()),
                HexFormat.of().formatHex(OrderRequestCodec.reqExecutions(OFFICIAL_SV, 7001, ExecutionFilter.all())));
    }

    /**
     * Field for field but the strike: the spec's example comes from the official client 10.46.01, whose Contract
     * defaults strike to UNSET_DOUBLE and writes it empty ({@code make_field_handle_empty}); the golden frame at 176
     * (an older official source) writes {@code 0.0}, and byte identity with the golden frame decides. TWS accepts both
     * (TWS-WIRE.md §1.1).
     */
    @Test
    void placeOrderAt200MatchesTheSv200ExampleOfTheSpec() {
        String example = "3|11|0|AAPL|STK|||||SMART||USD|||||BUY|100|LMT|150.25||DAY||||0||1|0|0|0|0|0|0|0||0|||||||0||"
                + "-1|0|||0|||0|0||0||||||0|||||0|||||||||||0|||0|0|||0||0|0|0|0||1.7976931348623157e+308|"
                + "1.7976931348623157e+308|1.7976931348623157e+308|1.7976931348623157e+308|1.7976931348623157e+308|0|"
                + "|||1.7976931348623157e+308|||||0|0|0||2147483647|2147483647|0||||0|0|2147483647|0|";
        byte[] frame = OrderRequestCodec.placeOrder(200, 11, SCRIPT_AAPL, Order.limit(OrderAction.BUY, 100, 150.25));
        String[] ours = fields(payloadOf(frame));
        String[] spec = fields(payload(example));
        assertEquals(spec.length, ours.length);
        assertEquals("0.0", ours[STRIKE_FIELD]);
        ours[STRIKE_FIELD] = "";
        assertEquals(String.join("|", spec), String.join("|", ours));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void placeOrderHasTheFieldCountOfTheSpec(int serverVersion) {
        int expected = PLACE_ORDER_FIELDS.entrySet().stream().filter(e -> e.getKey() <= serverVersion)
                .max(Map.Entry.comparingByKey()).orElseThrow().getValue();
        byte[] frame = OrderRequestCodec.placeOrder(serverVersion, 1, SCRIPT_AAPL, SCRIPT_ORDER);
        assertEquals(expected, fields(payloadOf(frame)).length, "sv " + serverVersion);
    }

    @Test
    void cancelOrderHasItsThreeForms() {
        assertEquals("4|1|11||", text(payloadOf(OrderRequestCodec.cancelOrder(176, 11))));
        assertEquals("4|1|11||", text(payloadOf(OrderRequestCodec.cancelOrder(191, 11))));
        assertEquals("4|1|11||||2147483647|", text(payloadOf(OrderRequestCodec.cancelOrder(187, 11))));
        assertEquals("4|11|||2147483647|", text(payloadOf(OrderRequestCodec.cancelOrder(192, 11))));
    }

    /**
     * The official Python client 10.46.01 ({@code ibapi/client.py}, nautechsystems/nautilus_ibapi 0496bf2):
     * reqGlobalCancel writes VERSION=1 below MIN_SERVER_VER_CME_TAGGING_FIELDS (192) and from 192 on the
     * OrderCancel's extOperator ("") and manualOrderIndicator (UNSET_INTEGER) instead; reqCompletedOrders writes
     * {@code make_field(apiOnly)} with no version field (a bool is written as 0/1).
     */
    @Test
    void reqGlobalCancelAndReqCompletedOrdersAreWhatTheOfficialClientWrites() {
        assertEquals("58|1|", text(payloadOf(OrderRequestCodec.reqGlobalCancel(176))));
        assertEquals("58|1|", text(payloadOf(OrderRequestCodec.reqGlobalCancel(191))));
        assertEquals("58||2147483647|", text(payloadOf(OrderRequestCodec.reqGlobalCancel(192))));
        assertEquals("58||2147483647|", text(payloadOf(OrderRequestCodec.reqGlobalCancel(200))));
        assertEquals("99|1|", text(payloadOf(OrderRequestCodec.reqCompletedOrders(true))));
        assertEquals("99|0|", text(payloadOf(OrderRequestCodec.reqCompletedOrders(false))));
        assertEquals("16|1|", text(payloadOf(OrderRequestCodec.reqAllOpenOrders())));
        assertTrue(OrderRequestCodec.decodeReqCompletedOrders(reader(OrderRequestCodec.reqCompletedOrders(true))));
        assertFalse(OrderRequestCodec.decodeReqCompletedOrders(reader(OrderRequestCodec.reqCompletedOrders(false))));
    }

    @Test
    void reqExecutionsAt200AddsLastNDaysAndNoDates() {
        assertEquals("7|3|9005|0|||||||2147483647|0|",
                text(payloadOf(OrderRequestCodec.reqExecutions(200, 9005, ExecutionFilter.all()))));
        assertEquals("7|3|9005|0|||||||", text(payloadOf(OrderRequestCodec.reqExecutions(199, 9005,
                ExecutionFilter.all()))));
    }

    // ================================================================== simulator: both client spellings

    @ParameterizedTest
    @ValueSource(ints = {176, 193})
    void stoqeySpellingDecodesToTheSameOrderAsTheOfficialOne(int serverVersion) {
        byte[] stoqey = Golden.named(Golden.stoqeyClientFrames(serverVersion), "PLACE_ORDER").frame();
        byte[] official = serverVersion == OFFICIAL_SV
                ? Golden.named(Golden.officialClientFrames(), "PLACE_ORDER").frame()
                : OrderRequestCodec.placeOrder(serverVersion, 1, SCRIPT_AAPL, SCRIPT_ORDER);
        PlaceOrderRequest expected = new PlaceOrderRequest(1, SCRIPT_AAPL, SCRIPT_ORDER);
        assertEquals(expected, decodePlaceOrder(serverVersion, stoqey));
        assertEquals(expected, decodePlaceOrder(serverVersion, official));
        byte[] openOrders = Golden.named(Golden.stoqeyClientFrames(serverVersion), "REQ_OPEN_ORDERS").frame();
        assertEquals(HexFormat.of().formatHex(OrderRequestCodec.reqOpenOrders()), HexFormat.of().formatHex(openOrders));
    }

    @Test
    void officialReqExecutionsDecodesInTheSimulator() {
        byte[] golden = Golden.named(Golden.officialClientFrames(), "REQ_EXECUTIONS").frame();
        FieldReader reader = reader(golden);
        assertEquals(new ExecutionsRequest(7001, ExecutionFilter.all()),
                OrderRequestCodec.decodeReqExecutions(OFFICIAL_SV, reader));
        assertFalse(reader.hasMore());
    }

    // ================================================================== round trips at every version

    @ParameterizedTest
    @MethodSource("versions")
    void randomOrdersSurviveEncodeAndSimulatorDecode(int serverVersion) {
        Random random = new Random(20_260_500L + serverVersion);
        for (int i = 0; i < ORDERS_PER_VERSION; i++) {
            int orderId = random.nextInt(Integer.MAX_VALUE);
            Contract contract = randomContract(random);
            Order order = randomOrder(random);
            byte[] frame = OrderRequestCodec.placeOrder(serverVersion, orderId, contract, order);
            FieldReader reader = reader(frame);
            PlaceOrderRequest decoded = OrderRequestCodec.decodePlaceOrder(serverVersion, reader);
            assertEquals(new PlaceOrderRequest(orderId, contract, order), decoded, order.describe());
            assertFalse(reader.hasMore(), "every field read, sv " + serverVersion);
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void cancelOrderAndReqExecutionsSurviveTheSimulatorDecoder(int serverVersion) {
        assertEquals(4711, OrderRequestCodec.decodeCancelOrder(serverVersion,
                reader(OrderRequestCodec.cancelOrder(serverVersion, 4711))));
        ExecutionFilter filter = new ExecutionFilter(3, "DU1", "20260101-10:00:00", "AAPL", "STK", "SMART", "BUY");
        FieldReader reader = reader(OrderRequestCodec.reqExecutions(serverVersion, 12, filter));
        assertEquals(new ExecutionsRequest(12, filter), OrderRequestCodec.decodeReqExecutions(serverVersion, reader));
        assertFalse(reader.hasMore());
    }

    // ================================================================== bad input

    @Test
    void anOrderTypeTheLibraryDoesNotPlaceIsRejectedWithItsOrderId() {
        String relative = text(payloadOf(OrderRequestCodec.placeOrder(200, 77, SCRIPT_AAPL, SCRIPT_ORDER)))
                .replace("|LMT|150.0|", "|REL|150.0|");
        RejectedOrderException e = assertThrows(RejectedOrderException.class,
                () -> OrderRequestCodec.decodePlaceOrder(200, readerOfPayload(payload(relative))));
        assertEquals(77, e.orderId());
        String noLimit = relative.replace("|REL|150.0|", "|LMT||");
        assertThrows(RejectedOrderException.class,
                () -> OrderRequestCodec.decodePlaceOrder(200, readerOfPayload(payload(noLimit))));
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 187, 193, 200})
    void aTruncatedPlaceOrderIsAWireFormatException(int serverVersion) {
        byte[] whole = payloadOf(OrderRequestCodec.placeOrder(serverVersion, 5, SCRIPT_AAPL, SCRIPT_ORDER));
        int count = fields(whole).length;
        for (int kept = 1; kept < count; kept++) {
            byte[] cut = truncated(whole, kept);
            assertThrows(WireFormatException.class,
                    () -> OrderRequestCodec.decodePlaceOrder(serverVersion, readerOfPayload(cut)), "kept " + kept);
        }
    }

    @Test
    void comboOrdersAreRefusedBeforeAnythingIsSent() {
        Contract bag = new Contract(0, "AAPL", SecType.BAG, "", 0, "", "", "SMART", "", "USD", "", "");
        assertThrows(IllegalArgumentException.class, () -> OrderRequestCodec.placeOrder(200, 1, bag, SCRIPT_ORDER));
    }

    // ================================================================== helpers

    static Contract randomContract(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return Contract.stock(pick(random, "AAPL", "MSFT", "BRK B"));
            case 1:
                return Contract.stock("IBM").withPrimaryExchange("NYSE");
            case 2:
                return Contract.forex("EUR", "USD");
            case 3:
                return Contract.future("ES", "202612", "CME");
            default:
                return Contract.option("SPY", "20261218", 100 + random.nextInt(500) + 0.5 * random.nextInt(2),
                        pick(random, "C", "P"));
        }
    }

    static Order randomOrder(Random random) {
        OrderType type = OrderType.values()[random.nextInt(OrderType.values().length)];
        OptionalDouble limit = OptionalDouble.empty();
        OptionalDouble aux = OptionalDouble.empty();
        OptionalDouble percent = OptionalDouble.empty();
        if (type == OrderType.LMT || type == OrderType.STP_LMT || type == OrderType.LOC) {
            limit = OptionalDouble.of(price(random));
        }
        if (type == OrderType.STP || type == OrderType.STP_LMT) {
            aux = OptionalDouble.of(price(random));
        }
        if (type == OrderType.TRAIL) {
            if (random.nextBoolean()) {
                aux = OptionalDouble.of(price(random));
            } else {
                percent = OptionalDouble.of(0.25 * (1 + random.nextInt(40)));
            }
        }
        TimeInForce tif = TimeInForce.values()[random.nextInt(TimeInForce.values().length)];
        String goodTill = tif == TimeInForce.GTD ? pick(random, "20261231", "20261231 15:59:00 US/Eastern") : "";
        boolean oca = random.nextInt(4) == 0;
        BigDecimal quantity = random.nextInt(5) == 0 ? BigDecimal.valueOf(1 + random.nextInt(999), 2)
                : BigDecimal.valueOf(1 + random.nextInt(100_000));
        return new Order(random.nextBoolean() ? OrderAction.BUY : OrderAction.SELL, quantity.stripTrailingZeros(), type,
                limit, aux, percent, tif, goodTill, random.nextBoolean(), pick(random, "", "DU9000001"),
                pick(random, "", "ref-" + random.nextInt(1000)), oca ? "oca-" + random.nextInt(10) : "",
                oca ? 1 + random.nextInt(3) : 0, random.nextInt(3) == 0 ? random.nextInt(5000) : 0,
                random.nextInt(5) != 0);
    }

    private static double price(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return (1 + random.nextInt(1_000_000)) / 100.0;
            case 1:
                return (1 + random.nextInt(100_000)) / 10_000.0; // forex and penny prices
            case 2:
                return 12_345_678.25 + random.nextInt(1000); // Python and Java spell these differently
            default:
                return 1e-5 * (1 + random.nextInt(9)); // exponent form in both styles
        }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static PlaceOrderRequest decodePlaceOrder(int serverVersion, byte[] frame) {
        FieldReader reader = reader(frame);
        PlaceOrderRequest request = OrderRequestCodec.decodePlaceOrder(serverVersion, reader);
        assertFalse(reader.hasMore(), "every field read");
        return request;
    }

    /** @return a reader after the message id of a frame */
    private static FieldReader reader(byte[] frame) {
        return readerOfPayload(payloadOf(frame));
    }

    private static FieldReader readerOfPayload(byte[] payload) {
        FieldReader reader = new FieldReader(payload);
        int id = reader.readInt();
        assertTrue(OutgoingMessageId.fromCode(id).isPresent());
        return reader;
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.US_ASCII).replace('\0', '|');
    }
}
