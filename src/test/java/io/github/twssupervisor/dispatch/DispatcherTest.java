package io.github.twssupervisor.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionSupervisor;
import io.github.twssupervisor.connection.Inbound;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Delivery of routed frames, and the epoch filter that keeps a dead socket's frames out. */
class DispatcherTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int VERSION = ServerVersion.MAX_SUPPORTED;
    private static final int ORDER_ID = 1001;

    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final TestProbe<RawEvent> raw = testKit.createTestProbe(RawEvent.class);
    private final ConnectionMetrics metrics = new ConnectionMetrics();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    private ActorRef<Inbound> dispatcherAttachedTo(long epoch) {
        ActorRef<Inbound> dispatcher = testKit.spawn(Dispatcher.create(metrics));
        dispatcher.tell(new Dispatcher.ConnectTo(supervisor.ref()));
        dispatcher.tell(new Dispatcher.SubscribeRaw(raw.ref()));
        dispatcher.tell(new Inbound.Attached(epoch, VERSION));
        return dispatcher;
    }

    @Test
    void sessionEventsGoToTheSupervisorTaggedWithTheirEpoch() {
        long epoch = 4;
        ActorRef<Inbound> dispatcher = dispatcherAttachedTo(epoch);
        dispatcher.tell(new Inbound.Frame(epoch, payloadOf(SessionCodec.nextValidId(ORDER_ID))));
        supervisor.expectMessage(new ConnectionSupervisor.SessionEventReceived(epoch,
                new SessionEvent.NextValidId(ORDER_ID)));
        raw.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void framesOfAnOlderOrNewerEpochAreDropped() {
        long epoch = 4;
        ActorRef<Inbound> dispatcher = dispatcherAttachedTo(epoch);
        dispatcher.tell(new Inbound.Frame(epoch - 1, payloadOf(SessionCodec.nextValidId(ORDER_ID))));
        dispatcher.tell(new Inbound.Frame(epoch + 1, payloadOf(SessionCodec.currentTime(1L))));
        dispatcher.tell(new Inbound.Frame(epoch - 1, payloadOf(FieldWriter.frameOf(List.of("999", "x")))));
        supervisor.expectNoMessage();
        raw.expectNoMessage();
        assertEquals(0, metrics.messagesIn());

        dispatcher.tell(new Inbound.Attached(epoch + 1, VERSION));
        dispatcher.tell(new Inbound.Frame(epoch, payloadOf(SessionCodec.nextValidId(ORDER_ID))));
        dispatcher.tell(new Inbound.Frame(epoch + 1, payloadOf(SessionCodec.currentTime(1L))));
        supervisor.expectMessage(new ConnectionSupervisor.SessionEventReceived(epoch + 1,
                new SessionEvent.CurrentTime(1L)));
        supervisor.expectNoMessage();
        assertEquals(1, metrics.messagesIn());
        testKit.stop(dispatcher);
    }

    @Test
    void otherMessagesGoToRawSubscribersUntilTheyUnsubscribe() {
        long epoch = 1;
        ActorRef<Inbound> dispatcher = dispatcherAttachedTo(epoch);
        List<String> tick = List.of(String.valueOf(IncomingMessageId.TICK_PRICE.code()), "6", "1001", "1", "150.25",
                "100", "0");
        byte[] payload = payloadOf(FieldWriter.frameOf(tick));
        dispatcher.tell(new Inbound.Frame(epoch, payload));
        raw.expectMessage(new RawEvent(IncomingMessageId.TICK_PRICE.code(), tick));

        dispatcher.tell(new Dispatcher.UnsubscribeRaw(raw.ref()));
        dispatcher.tell(new Inbound.Frame(epoch, payload));
        raw.expectNoMessage();
        supervisor.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void anUndecodableFrameIsAWarningNamingTheMessageAndTheDispatcherCarriesOn() {
        long epoch = 1;
        ActorRef<Inbound> dispatcher = dispatcherAttachedTo(epoch);
        int currentTime = IncomingMessageId.CURRENT_TIME.code();
        LoggingTestKit.warn("Cannot decode message " + currentTime).expect(testKit.system(), () -> {
            dispatcher.tell(new Inbound.Frame(epoch, payloadOf(FieldWriter.frameOf(
                    List.of(String.valueOf(currentTime), "1", "soon")))));
            return null;
        });
        dispatcher.tell(new Inbound.Frame(epoch, payloadOf(SessionCodec.nextValidId(ORDER_ID))));
        supervisor.expectMessage(new ConnectionSupervisor.SessionEventReceived(epoch,
                new SessionEvent.NextValidId(ORDER_ID)));
        testKit.stop(dispatcher);
    }

    @Test
    void aStoppedRawSubscriberIsForgotten() {
        long epoch = 1;
        ActorRef<Inbound> dispatcher = dispatcherAttachedTo(epoch);
        TestProbe<RawEvent> other = testKit.createTestProbe(RawEvent.class);
        dispatcher.tell(new Dispatcher.SubscribeRaw(other.ref()));
        raw.stop();
        byte[] unknown = payloadOf(FieldWriter.frameOf(List.of("999", "x")));
        dispatcher.tell(new Inbound.Frame(epoch, unknown));
        other.expectMessage(new RawEvent(999, Frames.fields(unknown)));
        testKit.stop(dispatcher);
    }

    private ActorRef<Inbound> marketDataDispatcherAttachedTo(long epoch) {
        ActorRef<Inbound> dispatcher = testKit.spawn(Dispatcher.create(metrics, List.of(new MarketDataCodec())));
        dispatcher.tell(new Dispatcher.ConnectTo(supervisor.ref()));
        dispatcher.tell(new Inbound.Attached(epoch, VERSION));
        return dispatcher;
    }

    private static byte[] lastPrice(int reqId, double price) {
        return payloadOf(MarketDataCodec.tickPrice(reqId, TickType.LAST, price, BigDecimal.ONE, 0));
    }

    private static MarketDataEvent.Price priceEvent(double price) {
        return new MarketDataEvent.Price(TickType.LAST, price, Optional.of(BigDecimal.ONE), 0);
    }

    @Test
    void aBatchGoesToEachOwnerAsOneMessageInOrderAndIsAcknowledged() {
        long epoch = 7;
        ActorRef<Inbound> dispatcher = marketDataDispatcherAttachedTo(epoch);
        TestProbe<RequestEvent> first = testKit.createTestProbe(RequestEvent.class);
        TestProbe<RequestEvent> second = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(11, first.ref()));
        dispatcher.tell(new Dispatcher.RegisterOwner(12, second.ref()));
        TestProbe<Done> handled = testKit.createTestProbe(Done.class);

        dispatcher.tell(new Inbound.Frames(epoch, List.of(lastPrice(11, 1.5), lastPrice(12, 9.25),
                lastPrice(11, 1.75), payloadOf(SessionCodec.error(VERSION, SessionCodec.TwsError.of(11, 10167,
                        "delayed", 0))), lastPrice(11, 2.0)), handled.ref()));

        RequestEvents batch = first.expectMessageClass(RequestEvents.class);
        assertEquals(List.of(priceEvent(1.5), priceEvent(1.75)), batch.events().subList(0, 2));
        assertEquals(10167, assertInstanceOf(RequestError.class, batch.events().get(2)).error().code());
        assertEquals(priceEvent(2.0), batch.events().get(3));
        // One event for an owner comes as itself, not wrapped.
        second.expectMessage(priceEvent(9.25));
        handled.expectMessage(Done.getInstance());
        first.expectNoMessage();
    }

    @Test
    void aBatchOfAnotherEpochIsDroppedButStillAcknowledgedSoTheDeadSocketIsNotLeftWaiting() {
        long epoch = 8;
        ActorRef<Inbound> dispatcher = marketDataDispatcherAttachedTo(epoch);
        TestProbe<RequestEvent> owner = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(21, owner.ref()));
        TestProbe<Done> handled = testKit.createTestProbe(Done.class);

        dispatcher.tell(new Inbound.Frames(epoch - 1, List.of(lastPrice(21, 3.0), lastPrice(21, 3.5)),
                handled.ref()));

        handled.expectMessage(Done.getInstance());
        owner.expectNoMessage();
        assertEquals(0, metrics.messagesIn());
    }
}
