package io.github.twssupervisor.testutil;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulators and clients on loopback for one test, all closed by {@link #close()}: the fixture of the client
 * integration tests.
 */
public final class Loopback implements AutoCloseable {

    /** The library's defaults. */
    public static final TwsSettings DEFAULTS = TwsSettings.defaults();
    /** Short reconnect delays keep failure tests quick; the schedule itself is unit-tested. */
    public static final ConnectionSettings.Backoff FAST_BACKOFF = new ConnectionSettings.Backoff(
            Duration.ofMillis(50), Duration.ofMillis(400), 0.2, Duration.ofSeconds(30));

    private final ActorTestKit testKit;
    private final List<TwsClient> clients = new ArrayList<>();
    private final List<TwsSimulator> simulators = new ArrayList<>();

    /**
     * @param testKit the test class's kit
     */
    public Loopback(ActorTestKit testKit) {
        this.testKit = testKit;
    }

    /**
     * @param port 0 for a free port, or a port to bind again
     * @return a started simulator with the default settings
     */
    public TwsSimulator simulator(int port) {
        TwsSimulator simulator = TwsSimulator.start(testKit.system(), DEFAULTS.simulator()
                .withAddress("127.0.0.1", port)).toCompletableFuture().join();
        simulators.add(simulator);
        return simulator;
    }

    /**
     * @param port     the simulator's port
     * @param clientId the client id
     * @return connection settings for it, with fast backoff
     */
    public static ConnectionSettings settings(int port, int clientId) {
        return DEFAULTS.connection().withTarget("127.0.0.1", port, clientId).withBackoff(FAST_BACKOFF);
    }

    /**
     * @param settings the connection settings
     * @return a started client
     */
    public TwsClient client(ConnectionSettings settings) {
        TwsClient client = TwsClient.create(testKit.system(), DEFAULTS.withConnection(settings));
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(c -> c.close().toCompletableFuture().join());
        simulators.forEach(s -> s.stop().toCompletableFuture().join());
        clients.clear();
        simulators.clear();
    }
}
