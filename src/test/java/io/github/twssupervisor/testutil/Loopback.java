package io.github.twssupervisor.testutil;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.simulator.TwsSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the client integration tests, as a JUnit 5 extension: the class's actor test kit, simulators on
 * loopback (port 0) and clients, every client and simulator closed after each test and the kit shut down after the
 * class. Register it once per class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Loopback LOOPBACK = new Loopback(MyIT.class);
 * </pre>
 */
public final class Loopback implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    /** The library's defaults. */
    public static final TwsSettings DEFAULTS = TwsSettings.defaults();
    /** Short reconnect delays keep failure tests quick; the schedule itself is unit-tested. */
    public static final ConnectionSettings.Backoff FAST_BACKOFF = new ConnectionSettings.Backoff(
            Duration.ofMillis(50), Duration.ofMillis(400), 0.2, Duration.ofSeconds(30));

    private final ActorTestKit testKit;
    private final List<TwsClient> clients = new ArrayList<>();
    private final List<TwsSimulator> simulators = new ArrayList<>();

    /**
     * @param testClass names the actor system (and so the test's log lines and threads)
     */
    public Loopback(Class<?> testClass) {
        this.testKit = ActorTestKit.create(testClass.getSimpleName());
    }

    /** @return the class's kit, for probes and actors of its own */
    public ActorTestKit kit() {
        return testKit;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
        testKit.shutdownTestKit();
    }

    /**
     * @param port 0 for a free port, or a port to bind again
     * @return a started simulator with the default settings
     */
    public TwsSimulator simulator(int port) {
        return simulator(DEFAULTS.simulator().withAddress("127.0.0.1", port));
    }

    /**
     * @param settings the simulator's settings (its address among them)
     * @return a started simulator
     */
    public TwsSimulator simulator(SimulatorSettings settings) {
        TwsSimulator simulator = TwsSimulator.start(testKit.system(), settings).toCompletableFuture().join();
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
        return client(DEFAULTS.withConnection(settings));
    }

    /**
     * @param settings all of the client's settings
     * @return a started client
     */
    public TwsClient client(TwsSettings settings) {
        TwsClient client = TwsClient.create(testKit.system(), settings);
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
