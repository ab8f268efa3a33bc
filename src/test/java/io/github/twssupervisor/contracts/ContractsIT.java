package io.github.twssupervisor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.Loopback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client.contracts() against the simulator: a contract qualified to its conId, a typed not-found, an ambiguous
 * request listing its candidates, a thousand qualifications of one symbol asking TWS once; symbol searches with their
 * matches, an empty answer, invalid patterns refused before TWS, and a burst of searches paced a second apart.
 */
class ContractsIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ContractsIT.class);
    private static final Duration AWAIT = Duration.ofSeconds(15);

    private TwsClient ready(int clientId) {
        TwsSimulator simulator = LOOPBACK.simulator(0);
        TwsClient client = LOOPBACK.client(Loopback.settings(simulator.address().getPort(), clientId));
        join(client.ready(AWAIT));
        return client;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(AWAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    @Test
    void aStockIsQualifiedToItsConIdAndItsDetailsComeWithIt() {
        TwsClient client = ready(51);
        Contract aapl = join(client.contracts().qualify(Contract.stock("AAPL")));
        assertEquals(265598, aapl.conId());
        assertEquals("AAPL", aapl.symbol());
        ContractDetails details = join(client.contracts().details(Contract.stock("AAPL"))).get(0);
        assertTrue(details.minTick() > 0, details.toString());
        assertTrue(!details.longName().isEmpty() && !details.timeZoneId().isEmpty(), details.toString());
    }

    @Test
    void anUnknownSymbolIsATypedNotFound() {
        TwsClient client = ready(52);
        CompletionException failure = assertThrows(CompletionException.class,
                () -> join(client.contracts().qualify(Contract.stock("ZZZZ"))));
        ContractNotFoundException notFound = assertInstanceOf(ContractNotFoundException.class, failure.getCause());
        assertTrue(notFound.getMessage().contains("ZZZZ"), notFound.getMessage());
    }

    @Test
    void aThousandQualificationsOfOneSymbolAskTwsOnce() {
        TwsClient client = ready(53);
        // The order book reconciles once at the first READY (three requests): counted messages start after it.
        LOOPBACK.kit().createTestProbe().awaitAssert(AWAIT, () -> {
            assertEquals(3, client.metrics().messagesOut());
            return null;
        });
        join(client.contracts().qualify(Contract.stock("MSFT", "SMART", "USD")));
        long sentBefore = client.metrics().messagesOut();
        List<CompletableFuture<Contract>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(client.contracts().qualify(Contract.stock("MSFT", "SMART", "USD")).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(AWAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS).join();
        assertTrue(all.stream().allMatch(f -> f.join().conId() == 272093));
        assertEquals(sentBefore, client.metrics().messagesOut(), "answered from the cache");
    }

    @Test
    void anAmbiguousStockListsItsCandidates() {
        TwsClient client = ready(54);
        CompletionException failure = assertThrows(CompletionException.class,
                () -> join(client.contracts().qualify(new Contract(0, "MSFT", SecType.STK, "", 0, "", "", "", "", "",
                        "", ""))));
        AmbiguousContractException ambiguous = assertInstanceOf(AmbiguousContractException.class,
                failure.getCause());
        assertEquals(List.of(272093, 38708990), ambiguous.candidates().stream().map(d -> d.contract().conId())
                .toList());
        assertTrue(ambiguous.getMessage().contains("give the exchange, the currency or the conId"),
                ambiguous.getMessage());
    }

    @Test
    void aSymbolSearchListsEveryListingWhoseSymbolStartsWithThePattern() {
        TwsClient client = ready(55);
        List<ContractDescription> msft = join(client.contracts().search("ms"));
        assertEquals(List.of(272093, 38708990), msft.stream().map(d -> d.contract().conId()).toList());
        ContractDescription nasdaq = msft.get(0);
        assertEquals(new Contract(272093, "MSFT", SecType.STK, "", 0, "", "", "", "NASDAQ", "USD", "", ""),
                nasdaq.contract());
        assertEquals(List.of("CFD", "OPT", "WAR"), nasdaq.derivativeSecTypes());
        assertEquals("MICROSOFT CORP", nasdaq.description(), "description: sv >= 176");
        assertEquals("EUR", msft.get(1).contract().currency());
        assertEquals(List.of(), join(client.contracts().search("ZZZZ")), "no match is an empty list");
    }

    @Test
    void anInvalidPatternFailsNamingTheRuleWithoutAskingTws() {
        TwsClient client = ready(56);
        for (String pattern : new String[] {"", "Nestl\u00e9", "X".repeat(65)}) {
            CompletionException failure = assertThrows(CompletionException.class,
                    () -> join(client.contracts().search(pattern)));
            IllegalArgumentException invalid = assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(invalid.getMessage().startsWith("search pattern must"), invalid.getMessage());
        }
    }

    @Test
    void searchesAskedAtOnceAreAnsweredInOrderASecondApart() {
        TwsClient client = ready(57);
        long start = System.nanoTime();
        List<CompletableFuture<List<ContractDescription>>> all = new ArrayList<>();
        for (String pattern : new String[] {"AAPL", "SPY", "ES"}) {
            all.add(client.contracts().search(pattern).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(AWAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(List.of(265598, 756733, 495512563), all.stream().map(f -> f.join().get(0).contract().conId())
                .toList());
        assertTrue(took.compareTo(SymbolSearch.INTERVAL.multipliedBy(2)) >= 0, "three searches took " + took);
    }
}
