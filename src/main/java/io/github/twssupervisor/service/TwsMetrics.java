package io.github.twssupervisor.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.orders.OrderStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Binds one {@link TwsClient}'s health to a Micrometer {@link MeterRegistry}: nothing is measured until an application
 * asks for it, and the client works the same without it.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;                                  // the application's own (Prometheus, JMX, ...)
 * TwsMetrics metrics = TwsMetrics.bindTo(client, registry);     // or with tags: Tags.of("gateway", "paper")
 * ...
 * metrics.close();                                              // removes its meters
 * }</pre>
 *
 * <p>Most meters read the client's lock-free counters ({@link TwsClient#metrics()}) when the registry is read, so the
 * client's actors never call Micrometer; the binding holds those counters until {@link #close()}. Orders by state
 * come from the order book's events, which a small actor of this binder ({@link MetricsBinder}) follows; it also
 * registers the gauge of each (domain, state) of subscriptions the first time that pair appears. The meters, with
 * their Prometheus names, are listed in the README ("Metrics").
 */
public final class TwsMetrics implements AutoCloseable {

    /** How often new (domain, state) pairs of subscriptions get their gauge. */
    static final Duration SUBSCRIPTION_SYNC = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    /** Held here: function counters and timers keep only a weak reference to what they read. */
    private final ConnectionMetrics counters;
    private final List<Meter> meters = new ArrayList<>();
    private final ActorRef<MetricsBinder.Command> binder;

    private TwsMetrics(TwsClient client, MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.counters = client.metrics();
        ConnectionMetrics m = counters;
        for (ConnectionState state : ConnectionState.values()) {
            meters.add(Gauge.builder("tws.connection.state", client, c -> c.state() == state ? 1 : 0)
                    .description("1 for the connection's current state, 0 for the others")
                    .tags(tags).strongReference(true).tag("state", state.name()).register(registry));
        }
        for (FailureReason.Kind kind : FailureReason.Kind.values()) {
            counter("tws.connection.reconnects", "connections lost (or attempts failed) and retried, by reason",
                    tags.and("reason", kind.name()), c -> c.reconnects(kind), m);
        }
        meters.add(FunctionCounter.builder("tws.connection.ready", m, c -> c.timeConnected().toNanos() / 1e9)
                .baseUnit("seconds").description("time spent READY or DEGRADED").tags(tags)
                .register(registry));
        counter("tws.messages.in", "frames received after the handshake", tags, ConnectionMetrics::messagesIn, m);
        counter("tws.messages.out", "requests sent through the pacer", tags, ConnectionMetrics::messagesOut, m);
        meters.add(Gauge.builder("tws.pacer.queue", m, ConnectionMetrics::pacerQueueDepth)
                .description("requests waiting in the pacer").tags(tags).strongReference(true)
                .register(registry));
        meters.add(FunctionTimer.builder("tws.pacer.wait", m, ConnectionMetrics::pacerWaits,
                        c -> c.pacerWaitTime().toNanos(), TimeUnit.NANOSECONDS)
                .description("time requests waited in the pacer before going out").tags(tags)
                .register(registry));
        meters.add(FunctionTimer.builder("tws.heartbeat.round.trip", m, ConnectionMetrics::heartbeatAnswers,
                        c -> c.heartbeatRoundTripTotal().toNanos(), TimeUnit.NANOSECONDS)
                .description("from a heartbeat probe on a quiet socket to the first frame after it")
                .tags(tags)
                .register(registry));
        meters.add(TimeGauge.builder("tws.heartbeat.round.trip.last", m, TimeUnit.NANOSECONDS,
                        c -> c.lastHeartbeatRoundTrip().toNanos())
                .description("the last heartbeat probe's round trip").tags(tags).strongReference(true)
                .register(registry));
        counter("tws.decode.failures", "frames that did not decode (logged, connection kept)", tags,
                ConnectionMetrics::decodeFailures, m);
        for (ConnectionMetrics.Dropped cause : ConnectionMetrics.Dropped.values()) {
            counter("tws.events.dropped", "decoded events that went to nobody, by cause",
                    tags.and("cause", cause.name()), c -> c.dropped(cause), m);
        }
        Map<OrderStatus, AtomicLong> orders = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            AtomicLong count = new AtomicLong();
            orders.put(status, count);
            meters.add(Gauge.builder("tws.orders", count, AtomicLong::get)
                    .description("orders followed since binding and not closed, by their latest status")
                    .tags(tags).strongReference(true).tag("state", status.name()).register(registry));
        }
        this.binder = client.system().systemActorOf(MetricsBinder.create(client, registry, tags, orders),
                client.ref().path().name() + "-metrics-" + UUID.randomUUID(),
                Props.empty());
    }

    /**
     * Binds a client's meters to a registry. Without a call to this, nothing is measured beyond the client's own
     * counters.
     *
     * @param client   the client
     * @param registry the application's registry (a {@code SimpleMeterRegistry} in tests)
     * @return the binding; {@link #close()} removes the meters
     */
    public static TwsMetrics bindTo(TwsClient client, MeterRegistry registry) {
        return bindTo(client, registry, Tags.empty());
    }

    /**
     * @param client   the client
     * @param registry the application's registry
     * @param tags     added to every meter: needed to tell apart several clients in one registry
     *                 ({@code Tags.of("connection", "orders")})
     * @return the binding; {@link #close()} removes the meters
     */
    public static TwsMetrics bindTo(TwsClient client, MeterRegistry registry, Iterable<Tag> tags) {
        return new TwsMetrics(client, registry, Tags.of(tags));
    }

    private void counter(String name, String description, Tags tags, ToDoubleFunction<ConnectionMetrics> count,
                         ConnectionMetrics m) {
        meters.add(FunctionCounter.builder(name, m, count).description(description).tags(tags)
                .register(registry));
    }

    /** Removes this binding's meters from the registry and stops following the client. */
    @Override
    public void close() {
        binder.tell(MetricsBinder.Stop.INSTANCE);
        meters.forEach(registry::remove);
        meters.clear();
    }
}
