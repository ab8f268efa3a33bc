package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order desk against session probes, ManualTime driving its matching rounds: a client's orders outlive its
 * sessions, events while it is away are not sent, nextValidId comes from the book, and the two order faults.
 */
class OrderDeskTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime MANUAL_TIME = ManualTime.get(TEST_KIT.system());
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator();
    private static final Duration ROUND = Duration.ofMillis(50);
    private static final int SERVER_VERSION = ServerVersion.MAX_SUPPORTED;
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final Instrument AAPL_INSTRUMENT = InstrumentUniverse.resolve(AAPL).orElseThrow();
    private static final int CLIENT = 3;

    private final ScriptedQuotes quotes = new ScriptedQuotes();
    private final ActorRef<OrderDesk.Command> desk = TEST_KIT.spawn(OrderDesk.create(new SimulatedOrderBook(quotes,
            SETTINGS, 0, Clock.systemUTC(), new SimulatorMetrics()), ROUND));

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    /** A session stand-in that passes everything to a probe and can be stopped like a session. */
    private static Behavior<SimulatorSession.Command> forwardingTo(ActorRef<SimulatorSession.Command> probe) {
        return Behaviors.receive((ctx, m) -> {
            probe.tell(m);
            return Behaviors.same();
        });
    }

    private record Session(ActorRef<SimulatorSession.Command> ref, TestProbe<SimulatorSession.Command> probe) {
    }

    /** @return an attached session, its Registered read */
    private Session attach(int expectedNextId) {
        TestProbe<SimulatorSession.Command> probe = TEST_KIT.createTestProbe();
        ActorRef<SimulatorSession.Command> ref = TEST_KIT.spawn(forwardingTo(probe.ref()));
        desk.tell(new OrderDesk.Attach(new ClientInfo(CLIENT, "test", SERVER_VERSION, Instant.now()), ref));
        SimulatorSession.Registered registered = probe.expectMessageClass(SimulatorSession.Registered.class);
        assertEquals(expectedNextId, registered.nextOrderId());
        assertEquals(desk, registered.orders());
        return new Session(ref, probe);
    }

    /** @return the incoming message ids of the frames the session gets, until it has {@code last} */
    private static List<Integer> frames(TestProbe<SimulatorSession.Command> probe, IncomingMessageId last) {
        List<Integer> ids = new ArrayList<>();
        while (ids.isEmpty() || ids.get(ids.size() - 1) != last.code()) {
            byte[] frame = probe.expectMessageClass(SimulatorSession.SendFrame.class).frame();
            ids.add(Integer.parseInt(Frames.fields(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES,
                    frame.length)).get(0)));
        }
        return ids;
    }

    private static int code(IncomingMessageId id) {
        return id.code();
    }

    private void place(int orderId, Order order) {
        desk.tell(new OrderDesk.Place(CLIENT, orderId, AAPL, AAPL_INSTRUMENT, order));
    }

    private OrderBookSnapshot book() {
        TestProbe<OrderBookSnapshot> probe = TEST_KIT.createTestProbe();
        desk.tell(new OrderDesk.GetBook(probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void ordersOutliveTheSessionAndFillsWhileAwayAreNotSent() {
        Session first = attach(SETTINGS.nextOrderId());
        quotes.set(100.50, 100.52);
        place(7, Order.limit(OrderAction.BUY, 10, 100.00));
        assertEquals(List.of(code(IncomingMessageId.OPEN_ORDER), code(IncomingMessageId.ORDER_STATUS)),
                frames(first.probe(), IncomingMessageId.ORDER_STATUS));
        assertEquals(List.of(code(IncomingMessageId.ORDER_STATUS)), frames(first.probe(),
                IncomingMessageId.ORDER_STATUS), "PreSubmitted, then Submitted");
        TEST_KIT.stop(first.ref());
        first.probe().expectNoMessage(Duration.ofMillis(50));

        quotes.set(99.98, 100.00);
        MANUAL_TIME.timePasses(ROUND);
        assertEquals(OrderStatus.FILLED, book().orders(CLIENT).get(0).status(), "filled while the client was away");
        first.probe().expectNoMessage(Duration.ofMillis(50));

        Session second = attach(8);
        desk.tell(new OrderDesk.OpenOrders(CLIENT, false));
        assertEquals(List.of(code(IncomingMessageId.OPEN_ORDER_END)),
                frames(second.probe(), IncomingMessageId.OPEN_ORDER_END));
        desk.tell(new OrderDesk.Executions(CLIENT, 5, ExecutionFilter.all()));
        assertEquals(List.of(code(IncomingMessageId.EXEC_DETAILS), code(IncomingMessageId.COMMISSION_REPORT),
                code(IncomingMessageId.EXEC_DETAILS_END)),
                frames(second.probe(), IncomingMessageId.EXEC_DETAILS_END));
        desk.tell(new OrderDesk.Ids(CLIENT));
        assertEquals(List.of(code(IncomingMessageId.NEXT_VALID_ID)),
                frames(second.probe(), IncomingMessageId.NEXT_VALID_ID));
        TEST_KIT.stop(second.ref());
    }

    @Test
    void nextIdBackLowersTheNextHandshakesIdOnlyNeverBelowOne() {
        TestProbe<Integer> armed = TEST_KIT.createTestProbe();
        Session first = attach(SETTINGS.nextOrderId());
        place(20, Order.market(OrderAction.BUY, 1));
        frames(first.probe(), IncomingMessageId.COMMISSION_REPORT);
        TEST_KIT.stop(first.ref());
        desk.tell(new OrderDesk.Arm(FaultCommand.parse("next-id-back 5 " + CLIENT), armed.ref()));
        assertEquals(0, armed.receiveMessage());
        Session second = attach(16);
        TEST_KIT.stop(second.ref());
        Session third = attach(21);
        TEST_KIT.stop(third.ref());
        desk.tell(new OrderDesk.Arm(FaultCommand.parse("next-id-back 100"), armed.ref()));
        armed.receiveMessage();
        TEST_KIT.stop(attach(1).ref());
    }

    @Test
    void dropAfterOrderDropsTheSessionAndKeepsOrLosesTheOrder() {
        TestProbe<Integer> armed = TEST_KIT.createTestProbe();
        desk.tell(new OrderDesk.Arm(FaultCommand.parse("drop-after-order lost"), armed.ref()));
        assertEquals(0, armed.receiveMessage(), "nobody to arm");
        Session first = attach(SETTINGS.nextOrderId());
        desk.tell(new OrderDesk.Arm(FaultCommand.parse("drop-after-order lost"), armed.ref()));
        assertEquals(1, armed.receiveMessage());
        place(30, Order.market(OrderAction.BUY, 1));
        first.probe().expectMessage(SimulatorSession.Drop.INSTANCE);
        first.probe().expectNoMessage(Duration.ofMillis(50));
        assertTrue(book().orders(CLIENT).isEmpty(), "a lost order is not in the book");
        TEST_KIT.stop(first.ref());

        Session second = attach(SETTINGS.nextOrderId());
        desk.tell(new OrderDesk.Arm(FaultCommand.parse("drop-after-order accepted " + CLIENT), armed.ref()));
        assertEquals(1, armed.receiveMessage());
        place(31, Order.market(OrderAction.BUY, 1));
        second.probe().expectMessage(SimulatorSession.Drop.INSTANCE);
        second.probe().expectNoMessage(Duration.ofMillis(50));
        assertEquals(OrderStatus.FILLED, book().orders(CLIENT).get(0).status(), "accepted and filled, unseen");
        TEST_KIT.stop(second.ref());
        TEST_KIT.stop(attach(32).ref());
    }
}
