package io.github.twssupervisor.orders;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.subscription.DomainContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Orders of one client ({@code client.orders()}): at most once across every reconnect. An order is sent only while
 * READY (otherwise it fails at once with {@link OrderException.Reason#NOT_CONNECTED}) and never re-sent by the library;
 * after a lost connection the order book reconciles with TWS and reports what became of each order. Safe from any
 * thread.
 *
 * <pre>{@code
 * OrderHandle order = client.orders().place(Contract.stock("AAPL"), Order.limit(OrderAction.BUY, 100, 150.00))
 *         .toCompletableFuture().join();
 * order.events().runForeach(System.out::println, system);
 * }</pre>
 */
public final class OrdersFacade {

    /** How long a command waits for the order book's word (not for TWS's, which comes as events). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** How far the live stream of every order's events may fall behind before it fails. */
    private static final int ALL_EVENTS_BUFFER = 65_536;

    private final DomainContext kernel;
    private final Duration queryTimeout;

    /**
     * @param kernel       the client's kernel services
     * @param queryTimeout how long openOrders(), completedOrders() and executions() may take
     */
    public OrdersFacade(DomainContext kernel, Duration queryTimeout) {
        this.kernel = kernel;
        this.queryTimeout = queryTimeout;
    }

    /**
     * Places an order with the next order id.
     *
     * @param contract what to trade
     * @param order    the order (validated when it was built)
     * @return the order's handle once its frame is on its way to TWS; fails with {@link OrderException} when nothing
     *     was sent (not READY, order-id state unavailable)
     */
    public CompletionStage<OrderHandle> place(Contract contract, Order order) {
        Objects.requireNonNull(contract, "contract must not be null");
        Objects.requireNonNull(order, "order must not be null");
        return kernel.<List<Integer>>ask(OrdersDomain.RESIDENT, replyTo -> new OrderBook.Place(contract,
                List.of(order), false, replyTo), COMMAND_TIMEOUT).thenApply(ids -> handle(ids.get(0)));
    }

    /**
     * Places a bracket: parent, take-profit and stop-loss with consecutive ids, transmitted together.
     *
     * @param contract what to trade
     * @param bracket  the three orders
     * @return their handles: parent, take-profit, stop-loss
     */
    public CompletionStage<List<OrderHandle>> bracket(Contract contract, Bracket bracket) {
        Objects.requireNonNull(contract, "contract must not be null");
        Objects.requireNonNull(bracket, "bracket must not be null");
        return kernel.<List<Integer>>ask(OrdersDomain.RESIDENT, replyTo -> new OrderBook.Place(contract,
                List.of(bracket.parent(), bracket.takeProfit(), bracket.stopLoss()), true, replyTo), COMMAND_TIMEOUT)
                .thenApply(ids -> ids.stream().map(this::handle).toList());
    }

    /**
     * Changes a working order (placeOrder with its id). Refused with {@link OrderException.Reason#RECONCILIATION_PENDING}
     * while the order's fate after a lost connection is unknown.
     *
     * @param orderId the order
     * @param order   its new terms
     * @return done once the change is written to TWS; TWS's answer comes as the order's events
     */
    public CompletionStage<Done> modify(int orderId, Order order) {
        Objects.requireNonNull(order, "order must not be null");
        return kernel.ask(OrdersDomain.RESIDENT, replyTo -> new OrderBook.Modify(orderId, order, replyTo),
                COMMAND_TIMEOUT);
    }

    /**
     * @param orderId the order
     * @return done once cancelOrder is written to TWS; the Cancelled status comes as the order's events. Refused for an
     *     unknown or finished order, and while reconciliation is pending
     */
    public CompletionStage<Done> cancel(int orderId) {
        return kernel.ask(OrdersDomain.RESIDENT, replyTo -> new OrderBook.Cancel(orderId, replyTo), COMMAND_TIMEOUT);
    }

    /** @return done once reqGlobalCancel (every open order of every client, and TWS's own) is written to TWS */
    public CompletionStage<Done> cancelAll() {
        return kernel.ask(OrdersDomain.RESIDENT, OrderBook.CancelAll::new, COMMAND_TIMEOUT);
    }

    /** @return this client id's open orders as TWS lists them now; a failure is never an empty list */
    public CompletionStage<List<OpenOrder>> openOrders() {
        return kernel.ask(OrdersDomain.RESIDENT, OrderBook.QueryOpenOrders::new, queryTimeout.plus(COMMAND_TIMEOUT));
    }

    /** @return the day's completed API orders as TWS lists them now */
    public CompletionStage<List<CompletedOrder>> completedOrders() {
        return kernel.ask(OrdersDomain.RESIDENT, OrderBook.QueryCompletedOrders::new,
                queryTimeout.plus(COMMAND_TIMEOUT));
    }

    /**
     * @param filter which executions ({@link ExecutionFilter#all()} for every one TWS keeps)
     * @return the executions; TWS keeps the current day's (IB Gateway) or since midnight by default
     */
    public CompletionStage<List<Execution>> executions(ExecutionFilter filter) {
        Objects.requireNonNull(filter, "filter must not be null");
        return kernel.request(new ExecutionsSpec(filter), queryTimeout);
    }

    /**
     * @param orderId an order this client tracks (placed by this process, or adopted after a restart)
     * @return its handle; its events replay what is known and end with {@link OrderEvent.Closed} (at once, with a
     *     failure, for an order that is unknown or no longer tracked)
     */
    public OrderHandle handle(int orderId) {
        return new OrderHandle(orderId, kernel);
    }

    /**
     * @return the live events of every order of this client id, adoptions and fills of untracked orders included; fails
     *     if the consumer falls {@value #ALL_EVENTS_BUFFER} events behind
     */
    public Source<OrderEvent, NotUsed> events() {
        return OrderHandle.watching(kernel, 0, ALL_EVENTS_BUFFER);
    }

    /** @param subscriber gets the live events of every order of this client id; stopping it unsubscribes */
    public void subscribe(ActorRef<OrderEvent> subscriber) {
        kernel.tell(OrdersDomain.RESIDENT, new OrderBook.WatchAll(subscriber));
    }
}
