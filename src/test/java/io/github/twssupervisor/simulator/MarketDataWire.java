package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Shared helpers of the simulator's market data tests: a ready client, requests, and reading frames by request id. */
final class MarketDataWire {

    static final VersionRange OUR_RANGE = new VersionRange(ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED,
            "");
    static final int SERVER_VERSION = ServerVersion.MAX_SUPPORTED;
    /** Fast ticks keep the tests short; the default of 4 a second is TWS-like. */
    static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0)
            .withTicksPerSecond(20);

    static final String TICK_PRICE = code(IncomingMessageId.TICK_PRICE);
    static final String TICK_SIZE = code(IncomingMessageId.TICK_SIZE);
    static final String TICK_REQ_PARAMS = code(IncomingMessageId.TICK_REQ_PARAMS);
    static final String MARKET_DATA_TYPE = code(IncomingMessageId.MARKET_DATA_TYPE);
    static final String TICK_SNAPSHOT_END = code(IncomingMessageId.TICK_SNAPSHOT_END);
    static final String ERROR = code(IncomingMessageId.ERROR);
    static final String CURRENT_TIME = code(IncomingMessageId.CURRENT_TIME);
    /** Messages whose request id is their third field (after id and version). */
    private static final Set<String> VERSIONED_TICKS = Set.of(TICK_PRICE, TICK_SIZE, code(IncomingMessageId.TICK_GENERIC),
            code(IncomingMessageId.TICK_STRING), MARKET_DATA_TYPE, TICK_SNAPSHOT_END);

    private MarketDataWire() {
    }

    static String code(IncomingMessageId id) {
        return String.valueOf(id.code());
    }

    /**
     * @return a client past the start-up sequence (accounts, id, three farm notices), at server version 200
     */
    static PlainTwsClient ready(InetSocketAddress address, int clientId) {
        PlainTwsClient client = PlainTwsClient.started(address, OUR_RANGE, clientId);
        client.readUntil(IncomingMessageId.NEXT_VALID_ID.code());
        for (int i = 0; i < 3; i++) {
            assertEquals(ERROR, client.readFields().get(0));
        }
        return client;
    }

    static void subscribe(PlainTwsClient client, int reqId, Contract contract) {
        client.send(MarketDataCodec.reqMktData(SERVER_VERSION, reqId, contract, "", false, false));
    }

    static void snapshot(PlainTwsClient client, int reqId, Contract contract) {
        client.send(MarketDataCodec.reqMktData(SERVER_VERSION, reqId, contract, "", true, false));
    }

    /** @return the request id a market data or error frame refers to, or null for other messages */
    static Integer reqIdOf(List<String> fields) {
        String id = fields.get(0);
        if (VERSIONED_TICKS.contains(id)) {
            return Integer.parseInt(fields.get(2));
        }
        if (id.equals(TICK_REQ_PARAMS) || id.equals(ERROR)) {
            return Integer.parseInt(fields.get(1)); // errors at server version 200 have no version field
        }
        return null;
    }

    static boolean isTickFor(List<String> fields, int reqId) {
        return (fields.get(0).equals(TICK_PRICE) || fields.get(0).equals(TICK_SIZE))
                && Integer.parseInt(fields.get(2)) == reqId;
    }

    /** @return the next frame that refers to {@code reqId}, skipping others (ticks of other requests, notices) */
    static List<String> nextFor(PlainTwsClient client, int reqId) {
        return readUntil(client, f -> Integer.valueOf(reqId).equals(reqIdOf(f)));
    }

    /** @return the next frame that matches */
    static List<String> readUntil(PlainTwsClient client, Predicate<List<String>> wanted) {
        while (true) {
            List<String> fields = client.readFields();
            if (wanted.test(fields)) {
                return fields;
            }
        }
    }

    /**
     * Sends reqCurrentTime and reads up to its answer.
     *
     * @return every frame that came before the answer
     */
    static List<List<String>> framesUntilCurrentTime(PlainTwsClient client) {
        client.send(SessionCodec.reqCurrentTime());
        List<List<String>> before = new ArrayList<>();
        while (true) {
            List<String> fields = client.readFields();
            if (fields.get(0).equals(CURRENT_TIME)) {
                return before;
            }
            before.add(fields);
        }
    }

    /** @return the error frame's code */
    static int errorCode(List<String> error) {
        assertEquals(ERROR, error.get(0), error.toString());
        return Integer.parseInt(error.get(2));
    }

    /**
     * @param price   a price as sent
     * @param minTick the grid
     * @return the price in whole ticks
     * @throws ArithmeticException if it is not on the grid
     */
    static long ticks(String price, String minTick) {
        return new BigDecimal(price).divide(new BigDecimal(minTick)).longValueExact();
    }
}
