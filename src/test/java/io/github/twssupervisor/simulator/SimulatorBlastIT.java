package io.github.twssupervisor.simulator;

import static io.github.twssupervisor.simulator.MarketDataWire.SETTINGS;
import static io.github.twssupervisor.simulator.MarketDataWire.TICK_PRICE;
import static io.github.twssupervisor.simulator.MarketDataWire.isTickFor;
import static io.github.twssupervisor.simulator.MarketDataWire.readUntil;
import static io.github.twssupervisor.simulator.MarketDataWire.ready;
import static io.github.twssupervisor.simulator.MarketDataWire.subscribe;
import static io.github.twssupervisor.simulator.MarketDataWire.ticks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blast mode: N LAST ticks per subscription, as fast as the socket takes them, never overflowing the outbox. */
@ExtendWith(LogCapturing.class)
class SimulatorBlastIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final String LAST = String.valueOf(TickType.LAST.code());

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static TwsSimulator start(SimulatorSettings settings) {
        return TwsSimulator.start(TEST_KIT.system(), settings).toCompletableFuture().join();
    }

    private static boolean isLast(List<String> f, int reqId) {
        return f.get(0).equals(TICK_PRICE) && isTickFor(f, reqId) && f.get(3).equals(LAST);
    }

    /**
     * Reads until every request has shown a run of {@code perId} LAST ticks each one tick above the one before: the
     * blast, which starts one tick above the last regular trade (so the run may include that trade too).
     */
    private static void readBlast(PlainTwsClient client, int[] reqIds, int perId) {
        Map<Integer, Long> previous = new HashMap<>();
        Map<Integer, Integer> run = new HashMap<>();
        int complete = 0;
        while (complete < reqIds.length) {
            List<String> f = client.readFields();
            if (!f.get(0).equals(TICK_PRICE) || !f.get(3).equals(LAST)) {
                continue;
            }
            int reqId = Integer.parseInt(f.get(2));
            long price = ticks(f.get(4), "0.01");
            Long before = previous.put(reqId, price);
            int length = before != null && price == before + 1 ? run.getOrDefault(reqId, 1) + 1 : 1;
            run.put(reqId, length);
            if (length == perId) {
                complete++;
            }
        }
    }

    @Test
    void aBlastStreamsTheTicksInIncreasingPriceOrderAndCountsThem() throws Exception {
        TwsSimulator simulator = start(SETTINGS);
        try (PlainTwsClient client = ready(simulator.address(), 1)) {
            subscribe(client, 1, Contract.stock("AAPL"));
            readUntil(client, f -> isLast(f, 1));
            CompletableFuture<Long> written = simulator.blast(10_000).toCompletableFuture();
            readBlast(client, new int[] {1}, 10_000);
            assertEquals(10_000L, written.get(10, TimeUnit.SECONDS));
            readUntil(client, f -> isTickFor(f, 1)); // regular ticks come back
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aBlastFarLargerThanTheOutboundBufferIsBackPressuredNotDropped() throws Exception {
        TwsSimulator simulator = start(SETTINGS.withOutboundBuffer(100));
        try (PlainTwsClient client = ready(simulator.address(), 1)) {
            int[] ids = {1, 2, 3};
            subscribe(client, 1, Contract.stock("AAPL"));
            subscribe(client, 2, Contract.stock("MSFT"));
            subscribe(client, 3, Contract.stock("SPY"));
            for (int id : ids) {
                readUntil(client, f -> isLast(f, id));
            }
            CompletableFuture<Long> written = simulator.blast(20_000).toCompletableFuture();
            readBlast(client, ids, 20_000);
            assertEquals(60_000L, written.get(10, TimeUnit.SECONDS));
            assertEquals(1, simulator.stats().toCompletableFuture().join().openConnections(), "still connected");
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void aBlastWithoutSubscriptionsWritesNothing() {
        TwsSimulator simulator = start(SETTINGS);
        try (PlainTwsClient client = ready(simulator.address(), 1)) {
            assertEquals(0L, simulator.blast(1_000).toCompletableFuture().join());
            assertTrue(MarketDataWire.framesUntilCurrentTime(client).isEmpty());
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }
}
