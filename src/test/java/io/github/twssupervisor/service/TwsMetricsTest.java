package io.github.twssupervisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.StateTally;
import io.github.twssupervisor.orders.OrderAck;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.orders.OrderStatusReport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The meter binder: the meters {@link TwsMetrics} registers and what they read, the binder actor's orders by status
 * and subscription gauges, and {@link Health}'s answers; with a {@code SimpleMeterRegistry} and no TWS.
 */
class TwsMetricsTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ConfigFactory.load("application-test"));
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final FailureReason REFUSED = new FailureReason(FailureReason.Kind.CONNECT_REFUSED, "nobody");

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void readyOnlyInReadyUnlessDegradedCounts() {
        assertEquals(Optional.empty(), Health.notReady(ConnectionState.READY, Optional.empty(), false));
        assertTrue(Health.notReady(ConnectionState.DEGRADED, Optional.empty(), false).orElseThrow()
                .startsWith("DEGRADED"));
        assertEquals(Optional.empty(), Health.notReady(ConnectionState.DEGRADED, Optional.empty(), true));
        assertEquals(Optional.of("RECONNECTING: CONNECT_REFUSED: nobody"),
                Health.notReady(ConnectionState.RECONNECTING, Optional.of(REFUSED), true));
        assertEquals(Optional.of("CONNECTING (last failure CONNECT_REFUSED: nobody)"),
                Health.notReady(ConnectionState.CONNECTING, Optional.of(REFUSED), true));
        assertEquals(Optional.of("DISCONNECTED"), Health.notReady(ConnectionState.DISCONNECTED, Optional.empty(),
                false));
        assertTrue(Health.notReady(ConnectionState.CLOSED, Optional.of(REFUSED), true).isPresent());
    }

    @Test
    void ordersAreCountedByTheirLatestStatusUntilClosed() {
        Map<OrderStatus, AtomicLong> orders = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            orders.put(status, new AtomicLong());
        }
        TestProbe<ActorRef<OrderEvent>> subscribed = TEST_KIT.createTestProbe();
        ActorRef<MetricsBinder.Command> binder = TEST_KIT.spawn(MetricsBinder.create(new StateTally(),
                subscribed.ref()::tell, new SimpleMeterRegistry(), Tags.empty(), orders));
        ActorRef<OrderEvent> events = subscribed.receiveMessage();
        events.tell(new OrderEvent.Acknowledged(1, new OrderAck(1, OrderStatus.PRE_SUBMITTED, 11)));
        events.tell(new OrderEvent.Acknowledged(2, new OrderAck(2, OrderStatus.SUBMITTED, 12)));
        events.tell(new OrderEvent.StatusChanged(1, status(1, OrderStatus.SUBMITTED)));
        events.tell(new OrderEvent.Unknown(3));
        subscribed.awaitAssert(AWAIT, () -> {
            assertEquals(2, orders.get(OrderStatus.SUBMITTED).get());
            assertEquals(0, orders.get(OrderStatus.PRE_SUBMITTED).get());
            assertEquals(1, orders.get(OrderStatus.OTHER).get());
            return null;
        });
        events.tell(new OrderEvent.StatusChanged(2, status(2, OrderStatus.FILLED)));
        events.tell(new OrderEvent.Closed(2, OrderStatus.FILLED, BigDecimal.TEN, Optional.empty()));
        events.tell(new OrderEvent.Closed(99, OrderStatus.CANCELLED, BigDecimal.ZERO, Optional.empty()));
        subscribed.awaitAssert(AWAIT, () -> {
            assertEquals(1, orders.get(OrderStatus.SUBMITTED).get());
            assertEquals(0, orders.get(OrderStatus.FILLED).get());
            assertEquals(0, orders.get(OrderStatus.CANCELLED).get());
            return null;
        });
        TEST_KIT.stop(binder);
    }

    @Test
    void eachSubscriptionDomainAndStateGetsAGaugeOnceSeen() {
        StateTally tally = new StateTally();
        MeterRegistry registry = new SimpleMeterRegistry();
        TestProbe<ActorRef<OrderEvent>> subscribed = TEST_KIT.createTestProbe();
        ActorRef<MetricsBinder.Command> binder = TEST_KIT.spawn(MetricsBinder.create(tally, subscribed.ref()::tell,
                registry, Tags.of("connection", "data"), new EnumMap<>(OrderStatus.class)));
        StateTally.Entry aapl = tally.entry("marketdata");
        aapl.set("active");
        subscribed.awaitAssert(AWAIT, () -> {
            assertEquals(1.0, subscriptions(registry, "active").value());
            return null;
        });
        aapl.set("interrupted");
        subscribed.awaitAssert(AWAIT, () -> {
            assertEquals(0.0, subscriptions(registry, "active").value());
            assertEquals(1.0, subscriptions(registry, "interrupted").value());
            return null;
        });
        binder.tell(MetricsBinder.Stop.INSTANCE);
        subscribed.awaitAssert(AWAIT, () -> {
            assertNull(registry.find("tws.subscriptions").gauge());
            return null;
        });
    }

    @Test
    void aClientsMetersReadItsCountersAndCloseRemovesThem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TwsSettings defaults = TwsSettings.defaults();
        TwsClient client = TwsClient.create(TEST_KIT.system(), defaults.withConnection(defaults.connection()
                .withTarget("127.0.0.1", closedPort, 71).withBackoff(new ConnectionSettings.Backoff(
                        Duration.ofMillis(50), Duration.ofMillis(200), 0.2, Duration.ofSeconds(30)))));
        MeterRegistry registry = new SimpleMeterRegistry();
        TwsMetrics metrics = TwsMetrics.bindTo(client, registry, Tags.of("connection", "main"));
        try {
            for (String name : List.of("tws.connection.state", "tws.connection.reconnects", "tws.connection.ready",
                    "tws.messages.in", "tws.messages.out", "tws.pacer.queue", "tws.pacer.wait",
                    "tws.heartbeat.round.trip", "tws.heartbeat.round.trip.last", "tws.decode.failures",
                    "tws.events.dropped", "tws.orders")) {
                assertNotNull(registry.find(name).tag("connection", "main").meter(), name);
            }
            TEST_KIT.createTestProbe().awaitAssert(AWAIT, () -> {
                FunctionCounter refused = registry.get("tws.connection.reconnects").tag("reason", "CONNECT_REFUSED")
                        .functionCounter();
                assertTrue(refused.count() >= 2, "refused " + refused.count());
                assertEquals(client.metrics().reconnects(FailureReason.Kind.CONNECT_REFUSED), (long) refused.count());
                double states = registry.get("tws.connection.state").gauges().stream().mapToDouble(Gauge::value)
                        .sum();
                assertEquals(1.0, states);
                ConnectionState now = client.state();
                assertEquals(1.0, registry.get("tws.connection.state").tag("state", now.name()).gauge().value());
                return null;
            });
            assertEquals(0.0, registry.get("tws.connection.reconnects").tag("reason", "HEARTBEAT_TIMEOUT")
                    .functionCounter().count());
            assertEquals(0.0, registry.get("tws.connection.ready").functionCounter().count());
        } finally {
            metrics.close();
            client.close().toCompletableFuture().join();
        }
        assertNull(registry.find("tws.connection.state").meter());
        assertNull(registry.find("tws.orders").meter());
    }

    private static Gauge subscriptions(MeterRegistry registry, String state) {
        return registry.get("tws.subscriptions").tags("domain", "marketdata", "state", state, "connection", "data")
                .gauge();
    }

    private static OrderStatusReport status(int orderId, OrderStatus status) {
        return new OrderStatusReport(orderId, status, BigDecimal.ZERO, BigDecimal.TEN, 0, 10 + orderId, 0, 0, 1, "",
                0);
    }
}
