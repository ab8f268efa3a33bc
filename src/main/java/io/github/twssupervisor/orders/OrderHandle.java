package io.github.twssupervisor.orders;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSource;
import io.github.twssupervisor.subscription.DomainContext;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One order of this client: its id, TWS's first word on it, and its events. Every {@link #events()} replays the
 * order's events so far, then follows it live, and completes after {@link OrderEvent.Closed}. Safe from any thread.
 */
public final class OrderHandle {

    /** Events an order's stream holds for a slow consumer; past it the stream fails rather than drop a fill. */
    static final int BUFFER = 4096;

    private final int orderId;
    private final DomainContext kernel;
    /** Asked for on the first {@link #ack()} only: a handle nobody asks costs no watcher. */
    private final java.util.concurrent.atomic.AtomicReference<CompletionStage<OrderAck>> ack =
            new java.util.concurrent.atomic.AtomicReference<>();

    OrderHandle(int orderId, DomainContext kernel) {
        this.orderId = orderId;
        this.kernel = kernel;
    }

    /** @return the order id */
    public int orderId() {
        return orderId;
    }

    /**
     * @return TWS's first word on the order; fails with {@link OrderException} if the order never reached TWS or TWS
     *     refused it (duplicate id, rejection). After a lost connection it waits for reconciliation, which may find
     *     the order {@link Reconciliation#NOT_FOUND_AT_TWS} (then it fails with that reason)
     */
    public CompletionStage<OrderAck> ack() {
        return ack.updateAndGet(known -> known != null ? known : events()
                .filter(e -> e instanceof OrderEvent.Acknowledged || e instanceof OrderEvent.Closed)
                .runWith(Sink.head(), kernel.system()).thenApply(OrderHandle::toAck));
    }

    /** @return the order's last event, once it is terminal (commissions in) or failed */
    public CompletionStage<OrderEvent.Closed> closed() {
        return events().filter(e -> e instanceof OrderEvent.Closed).map(e -> (OrderEvent.Closed) e)
                .runWith(Sink.head(), kernel.system());
    }

    /**
     * @return the order's events so far, then live, completing after {@link OrderEvent.Closed}; fails if the consumer
     *     falls {@value #BUFFER} events behind
     */
    public Source<OrderEvent, NotUsed> events() {
        return watching(kernel, orderId, BUFFER);
    }

    /** @param subscriber gets the order's events so far, then the live ones; stopping it ends the subscription */
    public void subscribe(ActorRef<OrderEvent> subscriber) {
        kernel.tell(OrdersDomain.RESIDENT, new OrderBook.Watch(orderId, subscriber));
    }

    @Override
    public String toString() {
        return "OrderHandle[" + orderId + "]";
    }

    /** A stream of one order's events (orderId &gt; 0) or of every order's (orderId 0). */
    static Source<OrderEvent, NotUsed> watching(DomainContext kernel, int orderId, int buffer) {
        Source<OrderEvent, ActorRef<OrderEvent>> source = ActorSource.actorRef(e -> false, e -> Optional.empty(),
                buffer, OverflowStrategy.fail());
        Source<OrderEvent, NotUsed> started = source.mapMaterializedValue(ref -> {
            kernel.tell(OrdersDomain.RESIDENT, orderId > 0 ? new OrderBook.Watch(orderId, ref)
                    : new OrderBook.WatchAll(ref));
            return NotUsed.getInstance();
        });
        return orderId > 0 ? started.takeWhile(e -> !(e instanceof OrderEvent.Closed), true) : started;
    }

    private static OrderAck toAck(OrderEvent event) {
        if (event instanceof OrderEvent.Acknowledged acknowledged) {
            return acknowledged.ack();
        }
        OrderEvent.Closed closed = (OrderEvent.Closed) event;
        if (closed.failure().isPresent()) {
            throw closed.failure().get();
        }
        return new OrderAck(closed.orderId(), closed.status(), 0); // finished before this handle watched it
    }

    /** @return a handle's system, for callers composing on it */
    ActorSystem<?> system() {
        return kernel.system();
    }
}
