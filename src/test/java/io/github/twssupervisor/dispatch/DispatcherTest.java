package io.github.twssupervisor.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.TwsSessionEvent;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder and the dispatcher together, as a socket's stream and actor use them: decoding, routing, delivery,
 * and the epoch filter that keeps a dead socket's events out.
 */
class DispatcherTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int VERSION = ServerVersion.MAX_SUPPORTED;
    private static final int ORDER_ID = 1001;

    private final TestProbe<RawEvent> raw = testKit.createTestProbe(RawEvent.class);

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    /** A message no domain decodes (id 999): it goes to raw subscribers. */
    private final byte[] unknown = payloadOf(FieldWriter.frameOf(List.of("999", "x")));

    /** The decoder of the dispatcher made by {@link #attachedTo}: what the socket's stream decodes with. */
    private FrameDecoder decoder;

    private ActorRef<Dispatcher.Command> attachedTo(long epoch, List<DomainDecoder> decoders) {
        ActorRef<Dispatcher.Command> dispatcher = testKit.spawn(Dispatcher.create());
        decoder = new FrameDecoder(new InboundRouter(decoders), dispatcher);
        dispatcher.tell(new Dispatcher.SubscribeRaw(raw.ref()));
        accept(epoch, List.of()); // the dispatcher learns the epoch from the socket's first delivery
        return dispatcher;
    }

    /**
     * What the socket made of a batch: its session events (for the handshake or the supervisor), and the probe the
     * dispatcher acknowledges its part to, if it had one.
     */
    private record HandOff(List<SessionEvent> session, Optional<TestProbe<Done>> taken) {
        void expectTaken() {
            taken.orElseThrow(() -> new AssertionError("nothing was handed to the dispatcher"))
                    .expectMessage(Done.getInstance());
        }
    }

    /** Decodes a batch as the stream does and hands the dispatcher its part as the socket does. */
    private HandOff accept(long epoch, List<byte[]> payloads) {
        List<SessionEvent> session = new ArrayList<>();
        Optional<List<Dispatcher.Delivery>> forDispatcher = decoder.decode(VERSION, payloads, session);
        if (payloads.isEmpty()) {
            decoder.deliver(epoch, List.of(), testKit.createTestProbe(Done.class).ref());
        }
        Optional<TestProbe<Done>> taken = forDispatcher.map(events -> {
            TestProbe<Done> probe = testKit.createTestProbe(Done.class);
            decoder.deliver(epoch, events, probe.ref());
            return probe;
        });
        return new HandOff(session, taken);
    }

    @Test
    void sessionEventsGoBackToTheSocketAndNothingToTheDispatcher() {
        long epoch = 4;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        HandOff handOff = accept(epoch, List.of(payloadOf(SessionCodec.nextValidId(ORDER_ID))));
        assertEquals(List.of(new TwsSessionEvent.NextValidId(ORDER_ID)), handOff.session());
        assertTrue(handOff.taken().isEmpty(), "nothing for the dispatcher");
        raw.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void eventsOfAnOlderEpochThanTheNewestSeenAreDroppedAndANewerOneBecomesCurrent() {
        long epoch = 4;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        accept(epoch - 1, List.of(unknown)).expectTaken();
        raw.expectNoMessage();

        accept(epoch + 1, List.of(unknown)).expectTaken();
        raw.expectMessage(new RawEvent(999, Frames.fields(unknown)));
        accept(epoch, List.of(unknown)).expectTaken();
        raw.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void aBatchOfSessionEventsAndFailuresNeedsNoDispatcher() {
        long epoch = 5;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        testKit.stop(dispatcher); // nothing here may need it
        int currentTime = IncomingMessageId.CURRENT_TIME.code();
        HandOff handOff = accept(epoch, List.of(
                payloadOf(SessionCodec.nextValidId(ORDER_ID)),
                payloadOf(FieldWriter.frameOf(List.of(String.valueOf(currentTime), "1", "soon")))));
        assertEquals(List.of(new TwsSessionEvent.NextValidId(ORDER_ID)), handOff.session());
        assertTrue(handOff.taken().isEmpty(), "nothing for the dispatcher");
    }

    @Test
    void otherMessagesGoToRawSubscribersUntilTheyUnsubscribe() {
        long epoch = 1;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        List<String> tick = List.of(String.valueOf(IncomingMessageId.TICK_PRICE.code()), "6", "1001", "1", "150.25",
                "100", "0");
        byte[] payload = payloadOf(FieldWriter.frameOf(tick));
        accept(epoch, List.of(payload));
        raw.expectMessage(new RawEvent(IncomingMessageId.TICK_PRICE.code(), tick));

        dispatcher.tell(new Dispatcher.UnsubscribeRaw(raw.ref()));
        accept(epoch, List.of(payload));
        raw.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void anUndecodableFrameIsAWarningNamingTheMessageAndTheDispatcherCarriesOn() {
        long epoch = 1;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        int currentTime = IncomingMessageId.CURRENT_TIME.code();
        LoggingTestKit.warn("Cannot decode message " + currentTime).expect(testKit.system(), () -> {
            accept(epoch, List.of(payloadOf(FieldWriter.frameOf(
                    List.of(String.valueOf(currentTime), "1", "soon")))));
            return null;
        });
        assertEquals(List.of(new TwsSessionEvent.NextValidId(ORDER_ID)),
                accept(epoch, List.of(payloadOf(SessionCodec.nextValidId(ORDER_ID)))).session());
        testKit.stop(dispatcher);
    }

    @Test
    void aStoppedRawSubscriberIsForgotten() {
        long epoch = 1;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        TestProbe<RawEvent> other = testKit.createTestProbe(RawEvent.class);
        dispatcher.tell(new Dispatcher.SubscribeRaw(other.ref()));
        raw.stop();
        accept(epoch, List.of(unknown));
        other.expectMessage(new RawEvent(999, Frames.fields(unknown)));
        testKit.stop(dispatcher);
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
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of(new MarketDataCodec()));
        TestProbe<RequestEvent> first = testKit.createTestProbe(RequestEvent.class);
        TestProbe<RequestEvent> second = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(11, first.ref()));
        dispatcher.tell(new Dispatcher.RegisterOwner(12, second.ref()));

        // 99 is nobody's: its tick between two of 11's goes nowhere, and is not taken for 11's.
        HandOff handOff = accept(epoch, List.of(lastPrice(11, 1.5),
                lastPrice(12, 9.25), lastPrice(11, 1.75), lastPrice(99, 5.0), payloadOf(SessionCodec.error(VERSION,
                        SessionCodec.TwsError.of(11, 10167, "delayed", 0))), lastPrice(11, 2.0), lastPrice(12, 9.5)));

        RequestEvents batch = first.expectMessageClass(RequestEvents.class);
        assertEquals(List.of(priceEvent(1.5), priceEvent(1.75)), batch.events().subList(0, 2));
        assertEquals(10167, assertInstanceOf(RequestError.class, batch.events().get(2)).error().code());
        assertEquals(priceEvent(2.0), batch.events().get(3));
        assertTrue(batch.withErrors());
        assertEquals(new RequestEvents(List.of(priceEvent(9.25), priceEvent(9.5)), false),
                second.expectMessageClass(RequestEvents.class), "no error among them, and it says so");
        handOff.expectTaken();
        first.expectNoMessage();

        // One event for an owner comes as itself, not wrapped.
        accept(epoch, List.of(lastPrice(12, 9.75)));
        second.expectMessage(priceEvent(9.75));
    }

    @Test
    void anErrorForAnIdNobodyOwnsGoesToRawSubscribersInFrameOrderAndItsTicksAreDropped() {
        long epoch = 9;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of(new MarketDataCodec()));
        byte[] orderError = payloadOf(SessionCodec.error(VERSION, SessionCodec.TwsError.of(ORDER_ID, 202,
                "order cancelled", 0)));
        byte[] later = payloadOf(FieldWriter.frameOf(List.of("998", "y")));

        // ORDER_ID's tick and error form one run; the raw messages around it keep their places.
        HandOff handOff = accept(epoch, List.of(unknown, lastPrice(ORDER_ID, 1.0),
                orderError, later));

        raw.expectMessage(new RawEvent(999, Frames.fields(unknown)));
        raw.expectMessage(new RawEvent(IncomingMessageId.ERROR.code(), Frames.fields(orderError)));
        raw.expectMessage(new RawEvent(998, Frames.fields(later)));
        raw.expectNoMessage();
        handOff.expectTaken();
        testKit.stop(dispatcher);
    }

    @Test
    void aBatchMarkedWithoutErrorsThatHoldsOneIsRefusedWhereAssertionsAreOn() {
        RequestError error = new RequestError(SessionCodec.TwsError.of(11, 10167, "delayed", 0));
        assertThrows(AssertionError.class, () -> new RequestEvents(List.of(priceEvent(1.0), error), false));
        assertTrue(new RequestEvents(List.of(priceEvent(1.0), error)).withErrors());
        assertFalse(new RequestEvents(List.of(priceEvent(1.0), priceEvent(2.0))).withErrors());
    }

    @Test
    void aBatchOfAnotherEpochIsDroppedButStillAcknowledgedSoTheDeadSocketIsNotLeftWaiting() {
        long epoch = 8;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of(new MarketDataCodec()));
        TestProbe<RequestEvent> owner = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(21, owner.ref()));

        HandOff handOff = accept(epoch - 1, List.of(lastPrice(21, 3.0),
                lastPrice(21, 3.5)));

        handOff.expectTaken();
        owner.expectNoMessage();
    }

    @Test
    void anErrorForAnIdNoRequestOwnsGoesToTheOwnerOfTheOrderWithThatId() {
        long epoch = 11;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        TestProbe<RequestEvent> order = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(RouteKey.order(ORDER_ID), order.ref()));

        accept(epoch, List.of(payloadOf(SessionCodec.error(VERSION,
                SessionCodec.TwsError.of(ORDER_ID, 202, "order cancelled", 0))))).expectTaken();

        assertEquals(202, assertInstanceOf(RequestError.class, order.receiveMessage()).error().code());
        raw.expectNoMessage();
        testKit.stop(dispatcher);
    }

    @Test
    void aRequestOwnerComesBeforeAnOrderOwnerOfTheSameId() {
        long epoch = 12;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of());
        TestProbe<RequestEvent> order = testKit.createTestProbe(RequestEvent.class);
        TestProbe<RequestEvent> request = testKit.createTestProbe(RequestEvent.class);
        dispatcher.tell(new Dispatcher.RegisterOwner(RouteKey.order(ORDER_ID), order.ref()));
        dispatcher.tell(new Dispatcher.RegisterOwner(ORDER_ID, request.ref()));

        accept(epoch, List.of(payloadOf(SessionCodec.error(VERSION,
                SessionCodec.TwsError.of(ORDER_ID, 200, "no security definition", 0))))).expectTaken();

        assertEquals(200, assertInstanceOf(RequestError.class, request.receiveMessage()).error().code());
        order.expectNoMessage();
        testKit.stop(dispatcher);
    }

    /** Decodes position (IN 61) by message kind: it carries no id. */
    private static final DomainDecoder POSITIONS = new DomainDecoder() {
        @Override
        public java.util.Set<IncomingMessageId> messages() {
            return java.util.Set.of(IncomingMessageId.POSITION);
        }

        @Override
        public Addressed decode(int serverVersion, IncomingMessageId id, io.github.twssupervisor.wire.FieldReader
                reader) {
            return new Addressed(RouteKey.kind(id), new RequestError(SessionCodec.TwsError.of(0, 0,
                    reader.readString(), 0)));
        }
    };

    @Test
    void aMessageKindOwnerGetsItsEventsUntilUnregistered() {
        long epoch = 13;
        ActorRef<Dispatcher.Command> dispatcher = attachedTo(epoch, List.of(POSITIONS));
        TestProbe<RequestEvent> positions = testKit.createTestProbe(RequestEvent.class);
        RouteKey key = RouteKey.kind(IncomingMessageId.POSITION);
        dispatcher.tell(new Dispatcher.RegisterOwner(key, positions.ref()));
        byte[] position = payloadOf(FieldWriter.frameOf(List.of("61", "DU1")));

        accept(epoch, List.of(position)).expectTaken();
        assertEquals("DU1", assertInstanceOf(RequestError.class, positions.receiveMessage()).error().message());

        dispatcher.tell(new Dispatcher.UnregisterOwner(key));
        accept(epoch, List.of(position)).expectTaken();
        positions.expectNoMessage();
        testKit.stop(dispatcher);
    }
}
