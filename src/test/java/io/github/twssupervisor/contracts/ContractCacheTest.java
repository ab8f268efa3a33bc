package io.github.twssupervisor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ContractsSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract cache against probes, with ManualTime: TWS is asked once per contract while the answer is fresh, lookups
 * during a question wait for it, the answer expires after its TTL, error 200 is a typed not-found and is not cached.
 */
class ContractCacheTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Contract AAPL = Contract.stock("AAPL");

    private final TestProbe<Pacer.Command> pacer = testKit.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = testKit.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private ActorRef<RequestEvent> cache;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stop() {
        if (cache != null) {
            testKit.stop(cache);
        }
    }

    private void start() {
        ContractsSettings settings = TwsSettings.defaults().contracts().withCacheTtl(TTL);
        cache = testKit.spawn(ContractCache.create(settings, new SubscriptionPorts(pacer.ref(), dispatcher.ref(),
                supervisor.ref(), new RequestIds(), testKit.<Retirement>createTestProbe().ref())));
    }

    private TestProbe<StatusReply<List<ContractDetails>>> lookup(Contract contract) {
        TestProbe<StatusReply<List<ContractDetails>>> reply = testKit.createTestProbe();
        cache.tell(new ContractCache.Lookup(contract, reply.ref()));
        return reply;
    }

    /** The one-shot request the cache started: READY, on the pacer; returns its owner and request id. */
    private Dispatcher.RegisterOwner asked() {
        List<ConnectionSupervisor.Command> seen = supervisor.fishForMessage(Duration.ofSeconds(3), "Subscribe",
                m -> m instanceof ConnectionSupervisor.Subscribe ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore()); // a finished request's Unsubscribe comes first
        ActorRef<ConnectionEvent> connection = ((ConnectionSupervisor.Subscribe) seen.get(seen.size() - 1))
                .subscriber();
        connection.tell(new ConnectionEvent.StateChanged(ConnectionState.READY, ConnectionState.HANDSHAKING,
                Optional.empty(), 1, Optional.empty(), Optional.of(new Ready(176, "t", 1, List.of("DU1"), 1)), true,
                Instant.now()));
        List<Dispatcher.Command> routed = dispatcher.fishForMessage(Duration.ofSeconds(3), "RegisterOwner",
                m -> m instanceof Dispatcher.RegisterOwner ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore()); // and its UnregisterOwner
        Dispatcher.RegisterOwner owner = (Dispatcher.RegisterOwner) routed.get(routed.size() - 1);
        OutboundRequest request = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), 1));
        return owner;
    }

    private static void answer(Dispatcher.RegisterOwner owner, ContractDetails... rows) {
        for (ContractDetails row : rows) {
            owner.owner().tell(new ContractDetailsEvent.Row(row));
        }
        owner.owner().tell(new ContractDetailsEvent.End());
    }

    static ContractDetails details(int conId, String symbol, String exchange) {
        Contract contract = new Contract(conId, symbol, SecType.STK, "", 0, "", "", exchange, "NASDAQ", "USD", symbol,
                "NMS");
        return new ContractDetails(contract, "NMS", 0.01, "LMT,MKT", "SMART", 1, 0, symbol + " INC", "", "", "", "",
                "US/Eastern", "", "", "", 0, Map.of(), 1, "", "", "", "", "", "", "COMMON", Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    @Test
    void twsIsAskedOncePerContractWhileItsAnswerIsFreshAndAgainAfterTheTtl() {
        start();
        TestProbe<StatusReply<List<ContractDetails>>> first = lookup(AAPL);
        Dispatcher.RegisterOwner owner = asked();
        TestProbe<StatusReply<List<ContractDetails>>> during = lookup(AAPL); // waits for the same answer
        answer(owner, details(265598, "AAPL", "SMART"));
        assertEquals(265598, first.receiveMessage().getValue().get(0).contract().conId());
        assertEquals(265598, during.receiveMessage().getValue().get(0).contract().conId());

        assertEquals(1, lookup(AAPL).receiveMessage().getValue().size()); // from the cache
        pacer.expectNoMessage(Duration.ofMillis(200));

        manualTime.timePasses(TTL.plusSeconds(1));
        lookup(AAPL);
        asked(); // expired: asked again
    }

    @Test
    void error200IsANotFoundAndIsNotCached() {
        start();
        TestProbe<StatusReply<List<ContractDetails>>> reply = lookup(Contract.stock("ZZZZ"));
        Dispatcher.RegisterOwner owner = asked();
        int reqId = ((RouteKey.RequestId) owner.key()).id();
        owner.owner().tell(new RequestError(new SessionCodec.TwsError(reqId, TwsErrorCode.NO_SECURITY_DEFINITION,
                "No security definition has been found for the request", "", OptionalLong.empty())));
        ContractNotFoundException notFound = assertInstanceOf(ContractNotFoundException.class,
                reply.receiveMessage().getError());
        assertTrue(notFound.getMessage().contains("ZZZZ"), notFound.getMessage());
        lookup(Contract.stock("ZZZZ"));
        asked(); // asked again: a failure is not an answer
    }

    @Test
    void anAmbiguousAnswerListsEveryCandidate() {
        AmbiguousContractException ambiguous = new AmbiguousContractException(Contract.stock("MSFT"), List.of(
                details(272093, "MSFT", "SMART"), details(38709539, "MSFT", "EBS")));
        assertEquals(2, ambiguous.candidates().size());
        assertTrue(ambiguous.getMessage().contains("conId 272093") && ambiguous.getMessage().contains("conId 38709539"),
                ambiguous.getMessage());
    }
}
