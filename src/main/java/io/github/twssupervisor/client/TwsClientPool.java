package io.github.twssupervisor.client;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.PoolSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections to one TWS by purpose ({@code tws.pool}): each purpose (orders, market data, history, ...) is its own
 * supervised {@link TwsClient}, with its own client id and its own pacing budget, so that a burst of one purpose's
 * requests never delays another's, and a purpose refused or lost reconnects on its own while the others stay READY.
 * One lifecycle for all: they connect at creation, {@link #ready()} waits for all, {@link #close()} closes all.
 *
 * <pre>{@code
 * TwsClientPool pool = TwsClientPool.create(system, TwsSettings.from(config));
 * pool.ready().toCompletableFuture().join();                       // every purpose READY
 * pool.forPurpose("orders").orders().place(contract, order);
 * pool.forPurpose("history").history().bars(request);
 * pool.defaultClient().marketData().stream(contract, MarketDataOptions.defaults());
 * pool.health().thenAccept(h -> log.info("not ready: {}", h.notReady()));
 * pool.close();
 * }</pre>
 */
public final class TwsClientPool {

    /**
     * A connection event of one purpose.
     *
     * @param purpose the purpose
     * @param event   its connection's event
     */
    public record PurposeEvent(String purpose, ConnectionEvent event) {
    }

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final PoolSettings settings;
    private final Map<String, TwsClient> clients;
    private final ActorRef<PoolMonitor.Command> monitor;
    /** Each purpose's feed of events into the monitor; completes after the purpose's CLOSED. */
    private final List<CompletableFuture<Done>> monitoring = new ArrayList<>();

    private TwsClientPool(ActorSystem<?> system, TwsSettings all, PoolSettings settings) {
        this.system = system;
        this.settings = settings;
        Map<String, TwsClient> started = new LinkedHashMap<>();
        Map<String, Integer> clientIds = new LinkedHashMap<>();
        settings.purposes().forEach((purpose, connection) -> {
            started.put(purpose, TwsClient.create(system, all.withConnection(connection), purpose));
            clientIds.put(purpose, connection.clientId());
        });
        this.clients = Collections.unmodifiableMap(started);
        this.monitor = system.systemActorOf(PoolMonitor.create(PoolHealth.starting(clientIds, Instant.now())),
                "tws-pool-" + INSTANCES.incrementAndGet(), ClientGuardian.dispatcher(system));
        clients.forEach((purpose, client) -> monitoring.add(untilClosed(client)
                .runForeach(e -> monitor.tell(new PoolMonitor.Observed(purpose, e)), system).toCompletableFuture()));
    }

    /**
     * Starts every purpose's connection.
     *
     * @param system   the actor system
     * @param settings the settings; {@code settings.pool()} names the purposes
     * @return the pool, every purpose already connecting
     * @throws IllegalArgumentException if no pool is configured ({@code tws.pool.purposes} is empty)
     */
    public static TwsClientPool create(ActorSystem<?> system, TwsSettings settings) {
        PoolSettings pool = settings.pool().orElseThrow(() -> new IllegalArgumentException(
                "no client pool is configured: tws.pool.purposes is empty (see tws.pool in reference.conf)"));
        return new TwsClientPool(system, settings, pool);
    }

    /**
     * @param purpose a configured purpose
     * @return its client
     * @throws IllegalArgumentException naming the configured purposes, if it is not one of them
     */
    public TwsClient forPurpose(String purpose) {
        TwsClient client = clients.get(purpose);
        if (client == null) {
            throw new IllegalArgumentException("no purpose '" + purpose + "' in the client pool; configured: "
                    + clients.keySet());
        }
        return client;
    }

    /** @return the client of {@code tws.pool.default}, for requests that name no purpose */
    public TwsClient defaultClient() {
        return clients.get(settings.defaultPurpose());
    }

    /** @return the purpose of {@link #defaultClient()} */
    public String defaultPurpose() {
        return settings.defaultPurpose();
    }

    /** @return the configured purposes, by client id */
    public List<String> purposes() {
        return List.copyOf(clients.keySet());
    }

    /** @return the settings the pool was created with */
    public PoolSettings settings() {
        return settings;
    }

    /** @return each purpose's counters (messages in and out, reconnects, time connected), by client id */
    public Map<String, ConnectionMetrics> metrics() {
        Map<String, ConnectionMetrics> metrics = new LinkedHashMap<>();
        clients.forEach((purpose, client) -> metrics.put(purpose, client.metrics()));
        return Collections.unmodifiableMap(metrics);
    }

    /** @return each purpose's state and last failure; fails after the default purpose's {@code request-timeout} */
    public CompletionStage<PoolHealth> health() {
        return Stages.plain(AskPattern.ask(monitor, PoolMonitor.GetHealth::new, timeout(), system.scheduler()),
                system.executionContext());
    }

    /**
     * @return every purpose's Ready, by client id, once all are READY; fails as soon as one purpose is not READY
     *     within its own {@code request-timeout}, with an {@link IllegalStateException} naming it
     */
    public CompletionStage<Map<String, Ready>> ready() {
        Map<String, CompletableFuture<Ready>> each = new LinkedHashMap<>();
        clients.forEach((purpose, client) -> each.put(purpose, client.ready().toCompletableFuture()
                .handle((ready, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(new IllegalStateException("purpose " + purpose + " (client id "
                                + settings.connection(purpose).clientId() + ") is not READY: " + failure.getMessage(),
                                failure));
                    }
                    return ready;
                })));
        CompletableFuture<Map<String, Ready>> all = new CompletableFuture<>();
        each.values().forEach(ready -> ready.whenComplete((r, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure); // the first purpose to fail, without waiting for the others
            }
        }));
        CompletableFuture.allOf(each.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
            Map<String, Ready> readies = new LinkedHashMap<>();
            each.forEach((purpose, ready) -> readies.put(purpose, ready.join()));
            all.complete(Collections.unmodifiableMap(readies));
        });
        return all;
    }

    /**
     * @param purpose a configured purpose
     * @return its connection's Ready, now or when next READY
     * @throws IllegalArgumentException naming the configured purposes, if it is not one of them
     */
    public CompletionStage<Ready> ready(String purpose) {
        return forPurpose(purpose).ready();
    }

    /**
     * Every purpose's connection events, each with its purpose: every purpose's current state first, then every change
     * and notice. Completes once every purpose is CLOSED.
     *
     * @return a source; cancelling it unsubscribes
     */
    public Source<PurposeEvent, NotUsed> events() {
        return Source.from(List.copyOf(clients.entrySet())).flatMapMerge(clients.size(), entry ->
                untilClosed(entry.getValue()).map(e -> new PurposeEvent(entry.getKey(), e)));
    }

    /**
     * Closes every purpose's connection: no reconnect, nothing more sent.
     *
     * @return completes when every socket is gone and {@link #health()} shows every purpose CLOSED; fails if one
     *     purpose could not be closed (after all were tried)
     */
    public CompletionStage<Done> close() {
        List<CompletableFuture<Done>> closing = clients.values().stream()
                .map(client -> client.close().toCompletableFuture()).toList();
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .thenCompose(all -> CompletableFuture.allOf(monitoring.toArray(CompletableFuture[]::new)))
                .thenApply(all -> Done.getInstance());
    }

    /** @return the actor system the pool runs in */
    public ActorSystem<?> system() {
        return system;
    }

    private static Source<ConnectionEvent, NotUsed> untilClosed(TwsClient client) {
        return client.events().takeWhile(e -> !(e instanceof ConnectionEvent.StateChanged s
                && s.state() == ConnectionState.CLOSED), true);
    }

    private Duration timeout() {
        ConnectionSettings connection = settings.connection(settings.defaultPurpose());
        return connection.requestTimeout();
    }
}
