package io.github.twssupervisor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.RequestError;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RequestIds;
import io.github.twssupervisor.subscription.Retirement;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.TwsRequestException;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The symbol search resident against probes for the pacer, dispatcher and supervisor, with ManualTime: one search at
 * a time, at least {@link SymbolSearch#INTERVAL} from an answer (or failure) to the next request, waiting searches in
 * order and bounded; and the facade's pattern rules.
 */
class SymbolSearchTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime MANUAL_TIME = ManualTime.get(TEST_KIT.system());
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(200);

    private final TestProbe<Pacer.Command> pacer = TEST_KIT.createTestProbe(Pacer.Command.class);
    private final TestProbe<Dispatcher.Command> dispatcher = TEST_KIT.createTestProbe(Dispatcher.Command.class);
    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            TEST_KIT.createTestProbe(ConnectionSupervisor.Command.class);
    private ActorRef<RequestEvent> search;
    /** The request id of the last request {@link #sent} saw. */
    private int lastRequestId;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        search = TEST_KIT.spawn(SymbolSearch.create(new SubscriptionPorts(pacer.ref(), dispatcher.ref(),
                supervisor.ref(), new RequestIds(), TEST_KIT.<Retirement>createTestProbe().ref()), TIMEOUT,
                SymbolSearch.INTERVAL));
    }

    @AfterEach
    void stop() {
        TEST_KIT.stop(search);
    }

    private TestProbe<StatusReply<List<ContractDescription>>> search(String pattern) {
        TestProbe<StatusReply<List<ContractDescription>>> reply = TEST_KIT.createTestProbe();
        search.tell(new SymbolSearch.Search(pattern, reply.ref()));
        return reply;
    }

    /** Expects reqMatchingSymbols for the pattern at the pacer, marks it sent; returns the request's owner. */
    private ActorRef<RequestEvent> sent(String pattern) {
        ActorRef<RequestEvent> owner = null;
        while (owner == null) {
            if (dispatcher.receiveMessage() instanceof Dispatcher.RegisterOwner register) {
                owner = register.owner();
            }
        }
        OutboundRequest request = pacer.expectMessageClass(Pacer.Enqueue.class).request();
        byte[] frame = request.encoder().apply(200);
        List<String> fields = Frames.fields(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length));
        assertEquals(List.of("81", String.valueOf(request.requestId()), pattern), fields);
        request.replyTo().tell(new OutboundRequest.Sent(request.requestId(), 1));
        lastRequestId = (int) request.requestId();
        return owner;
    }

    private static List<ContractDescription> found(String symbol) {
        return List.of(new ContractDescription(new Contract(1, symbol, SecType.STK, "", 0, "", "", "", "NASDAQ",
                "USD", "", ""), List.of("OPT"), symbol + " INC", ""));
    }

    @Test
    void searchesGoOutOneAtATimeAndASecondApartFromTheLastAnswer() {
        TestProbe<StatusReply<List<ContractDescription>>> first = search("AA");
        ActorRef<RequestEvent> owner = sent("AA");
        TestProbe<StatusReply<List<ContractDescription>>> second = search("MS");
        TestProbe<StatusReply<List<ContractDescription>>> third = search("SP");
        pacer.expectNoMessage(QUIET); // the first is not answered yet

        owner.tell(new SymbolSamplesEvent(found("AAPL")));
        assertEquals(found("AAPL"), first.receiveMessage().getValue());
        MANUAL_TIME.expectNoMessageFor(SymbolSearch.INTERVAL.minusMillis(1), pacer);
        MANUAL_TIME.timePasses(Duration.ofMillis(1));
        owner = sent("MS");

        owner.tell(new SymbolSamplesEvent(List.of()));
        assertEquals(List.of(), second.receiveMessage().getValue(), "no match is an empty answer");
        MANUAL_TIME.expectNoMessageFor(SymbolSearch.INTERVAL.minusMillis(1), pacer);
        MANUAL_TIME.timePasses(Duration.ofMillis(1));
        sent("SP");
        third.expectNoMessage(QUIET);
    }

    @Test
    void aFailedSearchFailsItsCallerAndStillRestsBeforeTheNext() {
        TestProbe<StatusReply<List<ContractDescription>>> first = search("IB");
        ActorRef<RequestEvent> owner = sent("IB");
        TestProbe<StatusReply<List<ContractDescription>>> second = search("IBM");
        owner.tell(new RequestError(new SessionCodec.TwsError(lastRequestId, 321, "Error validating request",
                "", OptionalLong.empty())));
        TwsRequestException error = assertInstanceOf(TwsRequestException.class, first.receiveMessage().getError());
        assertEquals(321, error.code());
        MANUAL_TIME.expectNoMessageFor(SymbolSearch.INTERVAL.minusMillis(1), pacer);
        MANUAL_TIME.timePasses(Duration.ofMillis(1));
        sent("IBM");

        MANUAL_TIME.timePasses(TIMEOUT);
        assertInstanceOf(TimeoutException.class, second.receiveMessage().getError());
    }

    @Test
    void beyondSixteenWaitingASearchIsRefusedAtOnce() {
        search("A");
        sent("A");
        List<TestProbe<StatusReply<List<ContractDescription>>>> waiting = new ArrayList<>();
        for (int i = 0; i < SymbolSearch.MAX_WAITING; i++) {
            waiting.add(search("W" + i));
        }
        StatusReply<List<ContractDescription>> refused = search("ONE MORE").receiveMessage();
        IllegalStateException error = assertInstanceOf(IllegalStateException.class, refused.getError());
        assertTrue(error.getMessage().contains("16 searches already wait"), error.getMessage());
        waiting.forEach(w -> w.expectNoMessage(Duration.ZERO));
    }

    @Test
    void thePatternRulesAreNamed() {
        assertEquals(Optional.empty(), ContractsFacade.invalidPattern("AAPL"));
        assertEquals(Optional.empty(), ContractsFacade.invalidPattern("S&P 500"));
        assertEquals(Optional.of("search pattern must not be blank"), ContractsFacade.invalidPattern(null));
        assertEquals(Optional.of("search pattern must not be blank"), ContractsFacade.invalidPattern("  "));
        assertEquals(Optional.of("search pattern must be at most 64 characters, was 65"),
                ContractsFacade.invalidPattern("A".repeat(ContractsFacade.MAX_PATTERN_LENGTH + 1)));
        String accented = ContractsFacade.invalidPattern("Nestl\u00e9").orElseThrow();
        assertTrue(accented.startsWith("search pattern must be printable ASCII") && accented.contains("U+00E9"),
                accented);
        assertTrue(ContractsFacade.invalidPattern("A\tB").orElseThrow().contains("U+0009"));
    }
}
