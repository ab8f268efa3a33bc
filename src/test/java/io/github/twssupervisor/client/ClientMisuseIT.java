package io.github.twssupervisor.client;

import static io.github.twssupervisor.testutil.Signals.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** API misuse: each is refused with a clear error, and the client keeps working. */
@ExtendWith(LogCapturing.class)
class ClientMisuseIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ClientMisuseIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final Duration AWAIT = Duration.ofSeconds(15);

    private final Loopback loopback = LOOPBACK;

    @Test
    void nullAndInvalidArgumentsAreRefusedAndTheClientKeepsWorking() {
        TwsSimulator simulator = loopback.simulator(0);
        TwsClient client = loopback.client(Loopback.settings(simulator.address().getPort(), 51));
        client.ready().toCompletableFuture().join();

        NullPointerException noContract = assertThrows(NullPointerException.class,
                () -> client.marketData().stream(null, MarketDataOptions.defaults()));
        assertTrue(noContract.getMessage().contains("contract"), noContract.getMessage());
        assertThrows(NullPointerException.class, () -> client.marketData().stream(Contract.stock("AAPL"), null));
        assertThrows(NullPointerException.class, () -> client.marketData().subscribe(Contract.stock("AAPL"),
                MarketDataOptions.defaults(), null));
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> Contract.forex("EUR", "usd"));
        assertTrue(invalid.getMessage().startsWith("invalid contract"), invalid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MarketDataOptions.defaults().withGenericTicks("x,y"));
        CompletionException emptyRaw = assertThrows(CompletionException.class,
                () -> client.sendRaw(List.of()).toCompletableFuture().join());
        assertTrue(emptyRaw.getCause() instanceof IllegalArgumentException);
        assertThrows(CompletionException.class,
                () -> client.sendRaw(Arrays.asList("49", null)).toCompletableFuture().join());

        // Still fully usable.
        assertTrue(client.currentTime().toCompletableFuture().join().getEpochSecond() > 0);
        TestProbe<MarketDataEvent> ticks = TEST_KIT.createTestProbe();
        client.marketData().subscribe(Contract.stock("AAPL"), MarketDataOptions.defaults(), ticks.ref());
        ticks.expectMessageClass(MarketDataEvent.Params.class, AWAIT);
    }

    @Test
    void aClientRunsOnItsOwnDispatcherOrOnTheDefaultOneWhenTheConfigurationSaysNull() {
        TwsSimulator simulator = loopback.simulator(0);
        TwsClient client = loopback.client(Loopback.settings(simulator.address().getPort(), 53));
        client.ready().toCompletableFuture().join();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(
                TEST_KIT.system().name() + "-" + TwsClient.CLIENT_DISPATCHER)), "no thread of the client's dispatcher");

        // A system whose configuration sets the block to null still runs a client, on its default dispatcher.
        ActorSystem<Void> bare = ActorSystem.create(Behaviors.empty(), "without-client-dispatcher",
                ConfigFactory.parseString(TwsClient.CLIENT_DISPATCHER + " = null").withFallback(ConfigFactory.load()));
        try {
            TwsClient fallback = LoggingTestKit.info("No " + TwsClient.CLIENT_DISPATCHER).expect(bare,
                    () -> TwsClient.create(bare, Loopback.DEFAULTS.withConnection(
                            Loopback.settings(simulator.address().getPort(), 54))));
            assertTrue(fallback.currentTime().toCompletableFuture().join().getEpochSecond() > 0);
            fallback.close().toCompletableFuture().join();
        } finally {
            ActorTestKit.shutdown(bare);
        }
    }

    @Test
    void everythingAfterCloseIsRefusedOrEndedClearly() {
        TwsSimulator simulator = loopback.simulator(0);
        TwsClient client = loopback.client(Loopback.settings(simulator.address().getPort(), 52));
        client.ready().toCompletableFuture().join();
        client.close().toCompletableFuture().join();

        TestProbe<MarketDataEvent> late = TEST_KIT.createTestProbe();
        client.marketData().subscribe(Contract.stock("MSFT"), MarketDataOptions.defaults(), late.ref());
        Lifecycle.Ended ended = signal(late.receiveMessage(AWAIT), Lifecycle.Ended.class);
        assertEquals(0, ended.code());
        assertTrue(ended.message().contains("closed"), ended.message());

        CompletionException raw = assertThrows(CompletionException.class,
                () -> client.sendRaw(List.of("49", "1")).toCompletableFuture().join());
        assertTrue(raw.getCause().getMessage().contains("closed"), raw.getCause().getMessage());
        CompletionException time = assertThrows(CompletionException.class,
                () -> client.currentTime().toCompletableFuture().join());
        assertTrue(time.getCause().getMessage().contains("closed"), time.getCause().getMessage());
        CompletionException snapshot = assertThrows(CompletionException.class,
                () -> client.marketData().snapshot(Contract.stock("SPY")).toCompletableFuture().join());
        assertTrue(snapshot.getCause().getMessage().contains("closed"), snapshot.getCause().getMessage());
    }
}
