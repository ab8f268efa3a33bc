package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.ExecutionCodec;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.Order;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's order desk: it owns the {@link SimulatedOrderBook} of the run, above the connections, so a client's
 * orders outlive its sessions. The {@link SimulatorServer} attaches each registered session; the desk announces the
 * client's nextValidId to it ({@link SimulatorSession.Registered}), takes its order requests ({@link OrderRequests})
 * and sends it the frames for its client id while it is attached. Events for a client that is not connected are not
 * sent, as at TWS. While some order works, a timer runs matching rounds at the simulator's tick rate.
 *
 * <pre>
 * drop-after-order   armed per connected client; the next Place of that client detaches it, drops its connection,
 *                    then (accepted) places the order, whose events nobody gets, or (lost) forgets it
 * next-id-back N     armed for the next Attach of the target's client id (or of any): its nextValidId is N lower
 * </pre>
 */
public final class OrderDesk extends AbstractBehavior<OrderDesk.Command> {

    /** How often an orderStatus is sent twice (TWS repeats them now and then). */
    static final double DUPLICATE_STATUS_CHANCE = 0.1;

    /** Messages of the desk. */
    public sealed interface Command permits Attach, Place, Cancel, GlobalCancel, OpenOrders, CompletedOrders,
            Executions, Ids, Arm, GetBook, Detached, Round {
    }

    /** A registered session: answered with {@link SimulatorSession.Registered}. */
    record Attach(ClientInfo client, ActorRef<SimulatorSession.Command> session) implements Command {
    }

    /** placeOrder, its contract resolved. */
    record Place(int clientId, int orderId, Contract contract, Instrument instrument, Order order) implements Command {
    }

    /** cancelOrder. */
    record Cancel(int clientId, int orderId) implements Command {
    }

    /** reqGlobalCancel. */
    record GlobalCancel(int clientId) implements Command {
    }

    /** reqOpenOrders ({@code all} false) or reqAllOpenOrders. */
    record OpenOrders(int clientId, boolean all) implements Command {
    }

    /** reqCompletedOrders. */
    record CompletedOrders(int clientId, boolean apiOnly) implements Command {
    }

    /** reqExecutions. */
    record Executions(int clientId, int requestId, ExecutionFilter filter) implements Command {
    }

    /** reqIds. */
    record Ids(int clientId) implements Command {
    }

    /** A drop-after-order or next-id-back fault: {@code replyTo} is told how many clients it was armed for. */
    record Arm(FaultCommand command, ActorRef<Integer> replyTo) implements Command {
    }

    /** Asks for a snapshot of the book. */
    record GetBook(ActorRef<OrderBookSnapshot> replyTo) implements Command {
    }

    private record Detached(int clientId, ActorRef<SimulatorSession.Command> session) implements Command {
    }

    private enum Round implements Command {
        INSTANCE
    }

    /** A connected client: where its frames go, in which version. */
    private record Client(ActorRef<SimulatorSession.Command> session, int serverVersion) {
    }

    /** An armed next-id-back. */
    private record IdBack(Target target, int by) {
    }

    private final TimerScheduler<Command> timers;
    private final Duration roundInterval;
    private final SimulatedOrderBook book;
    private final ActorRef<AccountDesk.Command> accounts;
    private final Map<Integer, Client> clients = new HashMap<>();
    private final Map<Integer, Fault.DropAfterOrder> armedDrops = new HashMap<>();
    private final List<IdBack> armedIdBacks = new ArrayList<>();

    private OrderDesk(ActorContext<Command> context, TimerScheduler<Command> timers, SimulatedOrderBook book,
                      Duration roundInterval, ActorRef<AccountDesk.Command> accounts) {
        super(context);
        this.accounts = accounts;
        this.timers = timers;
        this.book = book;
        this.roundInterval = roundInterval;
    }

    /**
     * @param settings the simulator's settings: seed, first order id, accounts, zone, tick rate
     * @param metrics  the shared counters
     * @param accounts told every fill, to book it
     * @return the behaviour
     */
    static Behavior<Command> create(SimulatorSettings settings, SimulatorMetrics metrics,
                                    ActorRef<AccountDesk.Command> accounts) {
        return create(new SimulatedOrderBook(new WalkQuotes(settings.seed()), settings, DUPLICATE_STATUS_CHANCE,
                Clock.system(settings.timeZone()), metrics), settings.tickInterval(), accounts);
    }

    /**
     * @param book          the book to own
     * @param roundInterval the time between two matching rounds
     * @return the behaviour, booking fills nowhere
     */
    static Behavior<Command> create(SimulatedOrderBook book, Duration roundInterval) {
        return Behaviors.setup(ctx -> create(book, roundInterval, ctx.getSystem().ignoreRef()));
    }

    /**
     * @param book          the book to own
     * @param roundInterval the time between two matching rounds
     * @param accounts      told every fill, to book it
     * @return the behaviour
     */
    static Behavior<Command> create(SimulatedOrderBook book, Duration roundInterval,
                                    ActorRef<AccountDesk.Command> accounts) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new OrderDesk(ctx, timers, book, roundInterval,
                accounts)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Attach.class, this::onAttach)
                .onMessage(Detached.class, this::onDetached)
                .onMessage(Place.class, this::onPlace)
                .onMessage(Cancel.class, m -> sent(book.cancel(m.clientId(), m.orderId())))
                .onMessage(GlobalCancel.class, m -> sent(book.cancelAll()))
                .onMessage(OpenOrders.class, m -> answered(m.clientId(), book.openOrders(m.clientId(), m.all())))
                .onMessage(CompletedOrders.class, m -> answered(m.clientId(),
                        book.completedOrders(m.clientId(), m.apiOnly())))
                .onMessage(Executions.class, m -> answered(m.clientId(),
                        book.executions(m.clientId(), m.requestId(), m.filter())))
                .onMessage(Ids.class, m -> answered(m.clientId(),
                        List.of(new OrderEvent.NextId(book.nextValidId(m.clientId())))))
                .onMessage(Round.class, m -> sent(book.onRound()))
                .onMessage(Arm.class, this::onArm)
                .onMessage(GetBook.class, this::onGetBook)
                .build();
    }

    private Behavior<Command> onAttach(Attach m) {
        int clientId = m.client().clientId();
        clients.put(clientId, new Client(m.session(), m.client().serverVersion()));
        getContext().watchWith(m.session(), new Detached(clientId, m.session()));
        int nextId = book.nextValidId(clientId);
        for (int i = 0; i < armedIdBacks.size(); i++) {
            if (armedIdBacks.get(i).target().includes(clientId)) {
                int back = armedIdBacks.remove(i).by();
                getContext().getLog().info("Client {}: nextValidId {} set back by {}", clientId, nextId, back);
                nextId = Math.max(1, nextId - back);
                break;
            }
        }
        m.session().tell(new SimulatorSession.Registered(nextId, getContext().getSelf()));
        return this;
    }

    private Behavior<Command> onDetached(Detached m) {
        Client client = clients.get(m.clientId());
        if (client != null && client.session().equals(m.session())) {
            clients.remove(m.clientId());
            armedDrops.remove(m.clientId());
        }
        return this;
    }

    private Behavior<Command> onPlace(Place m) {
        Fault.DropAfterOrder drop = armedDrops.remove(m.clientId());
        if (drop != null) {
            Client client = clients.remove(m.clientId());
            getContext().getLog().info("Client {}: dropping the connection after placeOrder {} ({})", m.clientId(),
                    m.orderId(), drop.lost() ? "order lost" : "order accepted");
            client.session().tell(SimulatorSession.Drop.INSTANCE);
            if (drop.lost()) {
                return this;
            }
        }
        return sent(book.place(m.clientId(), m.orderId(), m.contract(), m.instrument(), m.order()));
    }

    private Behavior<Command> onArm(Arm m) {
        Fault fault = m.command().fault();
        Target target = m.command().target();
        if (fault instanceof Fault.NextIdBack back) {
            armedIdBacks.add(new IdBack(target, back.by()));
            m.replyTo().tell(0);
            return this;
        }
        int armed = 0;
        for (int clientId : clients.keySet()) {
            if (target.includes(clientId)) {
                armedDrops.put(clientId, (Fault.DropAfterOrder) fault);
                armed++;
            }
        }
        m.replyTo().tell(armed);
        return this;
    }

    private Behavior<Command> onGetBook(GetBook m) {
        m.replyTo().tell(book.snapshot());
        return this;
    }

    /** Sends each connected client its events, then runs the matching rounds exactly while some order works. */
    private Behavior<Command> sent(List<SimulatedOrderBook.Out> events) {
        for (SimulatedOrderBook.Out event : events) {
            tell(event.clientId(), event.event());
            if (event.event() instanceof OrderEvent.Fill fill && fill.requestId() == ExecutionCodec.UNSOLICITED) {
                InstrumentUniverse.byConId(fill.execution().contract().conId()).ifPresent(instrument ->
                        accounts.tell(new AccountDesk.Filled(fill.execution(), instrument)));
            }
        }
        boolean needed = book.hasWorkingOrders();
        if (needed && !timers.isTimerActive(Round.INSTANCE)) {
            timers.startTimerWithFixedDelay(Round.INSTANCE, roundInterval);
        } else if (!needed && timers.isTimerActive(Round.INSTANCE)) {
            timers.cancel(Round.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> answered(int clientId, List<OrderEvent> answer) {
        answer.forEach(event -> tell(clientId, event));
        return this;
    }

    private void tell(int clientId, OrderEvent event) {
        Client client = clients.get(clientId);
        if (client != null) {
            client.session().tell(new SimulatorSession.SendFrame(OrderEventFrames.encode(client.serverVersion(),
                    event)));
        }
    }
}
