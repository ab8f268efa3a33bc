package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderHandle;
import io.github.twssupervisor.simulator.ClientInfo;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A pool of three purposes on one simulator: distinct client ids, one lifecycle, health per purpose. */
@ExtendWith(LogCapturing.class)
class ClientPoolIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ClientPoolIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final int ORDERS = 51;
    private static final int MARKET_DATA = 52;
    private static final int HISTORY = 53;

    @TempDir
    Path stateDir;

    private final List<TwsClientPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(p -> join(p.close()));
        pools.clear();
    }

    private TwsClientPool pool(TwsSimulator simulator) {
        TwsSettings settings = TwsSettings.from(ConfigFactory.parseString("""
                tws.connection { port = %d, backoff { min = 50ms, max = 400ms } }
                tws.orders.state-dir = "%s"
                tws.pool {
                  default = market-data
                  purposes {
                    orders { client-id = %d }
                    market-data { client-id = %d }
                    history { client-id = %d, pacing.messages-per-second = 40 }
                  }
                }
                """.formatted(simulator.address().getPort(), stateDir.toString().replace("\\", "/"), ORDERS,
                MARKET_DATA, HISTORY)).withFallback(ConfigFactory.load()).resolve());
        TwsClientPool pool = TwsClientPool.create(TEST_KIT.system(), settings);
        pools.add(pool);
        return pool;
    }

    private static TestProbe<TwsClientPool.PurposeEvent> follow(TwsClientPool pool) {
        TestProbe<TwsClientPool.PurposeEvent> events = TEST_KIT.createTestProbe();
        pool.events().runForeach(events.ref()::tell, TEST_KIT.system());
        return events;
    }

    private static ConnectionEvent.StateChanged await(TestProbe<TwsClientPool.PurposeEvent> events, String purpose,
                                                      ConnectionState state) {
        List<TwsClientPool.PurposeEvent> seen = events.fishForMessage(AWAIT, purpose + " " + state, e ->
                e.purpose().equals(purpose) && e.event() instanceof ConnectionEvent.StateChanged s
                        && s.state() == state ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return (ConnectionEvent.StateChanged) seen.get(seen.size() - 1).event();
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** @return the pool's health once it shows every purpose READY: its view of the events may come a moment later */
    private static PoolHealth allReady(TwsClientPool pool) {
        return TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            PoolHealth health = join(pool.health());
            assertTrue(health.allReady(), health.toString());
            return health;
        });
    }

    private static List<Integer> connectedIds(TwsSimulator simulator) {
        return join(simulator.clients()).stream().map(ClientInfo::clientId).sorted().toList();
    }

    @Test
    void aPurposeWhoseIdIsInUseRetriesAloneWhileTheOthersStayReadyThenRecovers() {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient occupier = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), HISTORY));
        join(occupier.ready(AWAIT));

        TwsClientPool pool = pool(simulator);
        assertEquals(List.of("orders", "market-data", "history"), pool.purposes());
        assertEquals(pool.forPurpose("market-data"), pool.defaultClient());
        TestProbe<TwsClientPool.PurposeEvent> events = follow(pool);
        ConnectionEvent.StateChanged refused = await(events, "history", ConnectionState.RECONNECTING);
        assertEquals(FailureReason.Kind.CLIENT_ID_IN_USE, refused.reason().orElseThrow().kind(), refused.toString());
        join(pool.ready("orders"));
        join(pool.ready("market-data"));
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            PoolHealth health = join(pool.health());
            assertEquals(List.of("history"), health.notReady(), health.toString());
            assertEquals(FailureReason.Kind.CLIENT_ID_IN_USE,
                    health.of("history").lastFailure().orElseThrow().kind());
            assertTrue(health.of("orders").lastFailure().isEmpty(), health.toString());
            return null;
        });
        assertEquals(List.of(ORDERS, MARKET_DATA, HISTORY), connectedIds(simulator)); // HISTORY: the occupier's

        join(occupier.close());
        Map<String, Ready> readies = join(pool.ready());
        assertEquals(List.of(ORDERS, MARKET_DATA, HISTORY),
                readies.values().stream().map(Ready::clientId).toList());
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            PoolHealth health = join(pool.health());
            assertTrue(health.allReady(), health.toString());
            assertEquals(FailureReason.Kind.CLIENT_ID_IN_USE,
                    health.of("history").lastFailure().orElseThrow().kind(), "the last failure is kept");
            return null;
        });
        assertEquals(List.of(ORDERS, MARKET_DATA, HISTORY), connectedIds(simulator));
        assertTrue(pool.metrics().get("history").reconnects() >= 1);
        assertEquals(0, pool.metrics().get("orders").reconnects());
        assertEquals(0, pool.metrics().get("market-data").reconnects());

        CompletionStage<Done> allEvents = pool.events().runForeach(e -> { }, TEST_KIT.system());
        join(pool.close());
        PoolHealth closed = join(pool.health());
        pool.purposes().forEach(p -> {
            assertEquals(ConnectionState.CLOSED, closed.of(p).state(), closed.toString());
            assertEquals(ConnectionState.CLOSED, pool.forPurpose(p).state());
        });
        join(allEvents); // the pool's event stream ends once every purpose is CLOSED
        TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(List.of(), connectedIds(simulator));
            return null;
        });
    }

    @Test
    void aPurposeRefusedAfterADropRecoversWhileTheOthersKeepTheirConnections() {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClientPool pool = pool(simulator);
        join(pool.ready());
        PoolHealth before = allReady(pool);
        TestProbe<TwsClientPool.PurposeEvent> events = follow(pool);

        join(simulator.rejectClientId(Target.client(MARKET_DATA)));
        assertEquals(1, join(simulator.drop(Target.client(MARKET_DATA))));
        events.fishForMessage(AWAIT, "market-data refused", e -> e.purpose().equals("market-data")
                && e.event() instanceof ConnectionEvent.StateChanged s && s.reason().isPresent()
                && s.reason().get().kind() == FailureReason.Kind.CLIENT_ID_IN_USE
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        await(events, "market-data", ConnectionState.READY);

        PoolHealth after = allReady(pool);
        assertEquals(FailureReason.Kind.CLIENT_ID_IN_USE, after.of("market-data").lastFailure().orElseThrow().kind());
        for (String untouched : List.of("orders", "history")) {
            assertEquals(before.of(untouched).since(), after.of(untouched).since(), untouched + " changed state");
            assertEquals(0, pool.metrics().get(untouched).reconnects(), untouched);
        }
        assertTrue(pool.metrics().get("market-data").reconnects() >= 1);
        assertEquals(List.of(ORDERS, MARKET_DATA, HISTORY), connectedIds(simulator));
    }

    @Test
    void eachPurposeKeepsTheOrderIdsOfItsOwnClientId() {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClientPool pool = pool(simulator);
        join(pool.ready());
        Contract aapl = Contract.stock("AAPL");
        OrderHandle fromOrders = join(pool.forPurpose("orders").orders().place(aapl,
                Order.limit(OrderAction.BUY, 1, 1.0)));
        OrderHandle fromHistory = join(pool.forPurpose("history").orders().place(aapl,
                Order.limit(OrderAction.BUY, 1, 1.0)));
        join(fromOrders.ack());
        join(fromHistory.ack());
        assertEquals(1, join(simulator.orderBook()).orders(ORDERS).size());
        assertEquals(1, join(simulator.orderBook()).orders(HISTORY).size());
        for (int id : List.of(ORDERS, HISTORY)) {
            assertTrue(Files.exists(stateDir.resolve("client-" + id + ".order-ids")), "client " + id);
        }
        for (int id : List.of(ORDERS, MARKET_DATA, HISTORY)) {
            assertTrue(Files.exists(stateDir.resolve("client-" + id + ".lock")), "client " + id);
        }
    }
}
