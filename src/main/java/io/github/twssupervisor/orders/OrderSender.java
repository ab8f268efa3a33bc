package io.github.twssupervisor.orders;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.pattern.StatusReply;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.connection.Pacer;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.SessionCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The order book's way out: every order frame goes through the pacer as an {@link OutboundRequest.Retention#ORDER}
 * (ahead of data, only on a READY socket, never on a later one), and the pacer's word on each comes back here. Plain
 * Java owned by the order book.
 */
final class OrderSender {

    /** The pacer's word on one of the book's frames. */
    record Outcome(OutboundRequest.Outcome outcome) implements OrderBook.Internal {
    }

    /** What a frame was for. */
    private record Pending(int orderId, boolean isPlacement, Optional<ActorRef<StatusReply<Done>>> replyTo,
                           Optional<Consumer<String>> notSent) {
    }

    private final SubscriptionPorts ports;
    private final ActorRef<OutboundRequest.Outcome> outcomes;
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextId;
    /** The newest socket a frame went to: a placement reported for an older one went to a socket already gone. */
    private long newestEpoch = -1;

    OrderSender(ActorContext<RequestEvent> context, SubscriptionPorts ports) {
        this.ports = ports;
        this.outcomes = context.messageAdapter(OutboundRequest.Outcome.class, Outcome::new);
    }

    void place(int orderId, Contract contract, Order order) {
        send(new Pending(orderId, true, Optional.empty(), Optional.empty()), "placeOrder " + orderId,
                OutboundRequest.Retention.ORDER, version -> OrderRequestCodec.placeOrder(version, orderId, contract,
                        order));
    }

    void modify(int orderId, Contract contract, Order order, ActorRef<StatusReply<Done>> replyTo) {
        send(new Pending(orderId, false, Optional.of(replyTo), Optional.empty()), "placeOrder " + orderId
                + " (modify)", OutboundRequest.Retention.ORDER, version -> OrderRequestCodec.placeOrder(version,
                orderId, contract, order));
    }

    void cancel(int orderId, ActorRef<StatusReply<Done>> replyTo) {
        send(new Pending(orderId, false, Optional.of(replyTo), Optional.empty()), "cancelOrder " + orderId,
                OutboundRequest.Retention.ORDER, version -> OrderRequestCodec.cancelOrder(version, orderId));
    }

    void cancelAll(ActorRef<StatusReply<Done>> replyTo) {
        send(new Pending(0, false, Optional.of(replyTo), Optional.empty()), "reqGlobalCancel",
                OutboundRequest.Retention.ORDER, OrderRequestCodec::reqGlobalCancel);
    }

    /** After error 103: TWS's answer (nextValidId) moves the next id up. */
    void requestIds() {
        send(new Pending(0, false, Optional.empty(), Optional.empty()), "reqIds",
                OutboundRequest.Retention.DROP_ON_DISCONNECT, version -> SessionCodec.reqIds(1));
    }

    /**
     * @param description the request, e.g. reqOpenOrders
     * @param frame       its frame
     * @param notSent     told why, if the pacer refused it
     */
    void query(String description, byte[] frame, Consumer<String> notSent) {
        send(new Pending(0, false, Optional.empty(), Optional.of(notSent)), description,
                OutboundRequest.Retention.DROP_ON_DISCONNECT, version -> frame);
    }

    /**
     * @param sent    told the order id of a placement that was written to a socket, and whether that socket was
     *                older than one written to since (so it is gone)
     * @param notSent told the order id of a placement that was not, and why
     */
    void onOutcome(Outcome m, BiConsumer<Integer, Boolean> sent, BiConsumer<Integer, OrderException> notSent) {
        Pending what = pending.remove(m.outcome().requestId());
        if (what == null) {
            return;
        }
        if (m.outcome() instanceof OutboundRequest.Rejected rejected) {
            OrderException failure = new OrderException(rejected.reason() == OutboundRequest.Reason.INVALID
                    ? OrderException.Reason.REJECTED : rejected.reason() == OutboundRequest.Reason.CLOSED
                    ? OrderException.Reason.CLOSED : OrderException.Reason.NOT_CONNECTED, what.orderId(), 0,
                    rejected.message());
            what.replyTo().ifPresent(r -> r.tell(StatusReply.error(failure)));
            what.notSent().ifPresent(n -> n.accept(rejected.message()));
            if (what.isPlacement()) {
                notSent.accept(what.orderId(), failure);
            }
        } else {
            long epoch = ((OutboundRequest.Sent) m.outcome()).epoch();
            boolean stale = epoch < newestEpoch;
            newestEpoch = Math.max(newestEpoch, epoch);
            what.replyTo().ifPresent(r -> r.tell(StatusReply.ack()));
            if (what.isPlacement()) {
                sent.accept(what.orderId(), stale);
            }
        }
    }

    private void send(Pending what, String description, OutboundRequest.Retention retention,
                      java.util.function.IntFunction<byte[]> encoder) {
        long id = nextId++;
        pending.put(id, what);
        ports.pacer().tell(new Pacer.Enqueue(new OutboundRequest(id, description, encoder, outcomes, retention)));
    }
}
