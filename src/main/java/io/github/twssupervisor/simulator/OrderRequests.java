package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.orders.OrderRequestCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The orders side of one client session: it reads the client's order requests and hands them to the
 * {@link OrderDesk}, which owns the order book of the run and answers through the session. Plain Java owned by the
 * session actor.
 *
 * <pre>
 * placeOrder        -> the desk, its contract resolved; an invalid order or contract -> 321, an unknown one -> 200
 *                      (both with the order id), without reaching the book
 * cancelOrder, reqGlobalCancel, reqOpenOrders, reqAllOpenOrders, reqCompletedOrders, reqExecutions, reqIds -> the desk
 * </pre>
 */
final class OrderRequests implements RequestHandler {

    private static final Set<OutgoingMessageId> REQUESTS = Set.copyOf(EnumSet.of(OutgoingMessageId.PLACE_ORDER,
            OutgoingMessageId.CANCEL_ORDER, OutgoingMessageId.REQ_GLOBAL_CANCEL, OutgoingMessageId.REQ_OPEN_ORDERS,
            OutgoingMessageId.REQ_ALL_OPEN_ORDERS, OutgoingMessageId.REQ_COMPLETED_ORDERS,
            OutgoingMessageId.REQ_EXECUTIONS, OutgoingMessageId.REQ_IDS));

    private final int clientId;
    private final int serverVersion;
    private final ActorRef<OrderDesk.Command> desk;
    private final Consumer<byte[]> out;

    /**
     * @param client the registered client
     * @param desk   the simulator's order desk
     * @param out    where the session's own answers (errors) go
     */
    OrderRequests(ClientInfo client, ActorRef<OrderDesk.Command> desk, Consumer<byte[]> out) {
        this.clientId = client.clientId();
        this.serverVersion = client.serverVersion();
        this.desk = desk;
        this.out = out;
    }

    @Override
    public Set<OutgoingMessageId> requests() {
        return REQUESTS;
    }

    @Override
    public void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        switch (id) {
            case PLACE_ORDER:
                onPlaceOrder(reader);
                break;
            case CANCEL_ORDER:
                desk.tell(new OrderDesk.Cancel(clientId, OrderRequestCodec.decodeCancelOrder(serverVersion, reader)));
                break;
            case REQ_GLOBAL_CANCEL:
                desk.tell(new OrderDesk.GlobalCancel(clientId));
                break;
            case REQ_OPEN_ORDERS:
            case REQ_ALL_OPEN_ORDERS:
                desk.tell(new OrderDesk.OpenOrders(clientId, id == OutgoingMessageId.REQ_ALL_OPEN_ORDERS));
                break;
            case REQ_COMPLETED_ORDERS:
                desk.tell(new OrderDesk.CompletedOrders(clientId, OrderRequestCodec.decodeReqCompletedOrders(reader)));
                break;
            case REQ_EXECUTIONS:
                OrderRequestCodec.ExecutionsRequest request = OrderRequestCodec.decodeReqExecutions(serverVersion,
                        reader);
                desk.tell(new OrderDesk.Executions(clientId, request.requestId(), request.filter()));
                break;
            default: // REQ_IDS: the next valid id is the book's
                SessionCodec.decodeReqIds(reader);
                desk.tell(new OrderDesk.Ids(clientId));
                break;
        }
    }

    private void onPlaceOrder(FieldReader reader) {
        OrderRequestCodec.PlaceOrderRequest request;
        try {
            request = OrderRequestCodec.decodePlaceOrder(serverVersion, reader);
        } catch (OrderRequestCodec.RejectedOrderException e) {
            error(e.orderId(), TwsErrorCode.CANNOT_VALIDATE_REQUEST, "Error validating request: " + e.getMessage());
            return;
        }
        Instrument instrument = InstrumentUniverse.resolve(request.contract()).orElse(null);
        if (instrument == null) {
            error(request.orderId(), TwsErrorCode.NO_SECURITY_DEFINITION, SimulatorErrors.NO_SECURITY_DEFINITION);
            return;
        }
        desk.tell(new OrderDesk.Place(clientId, request.orderId(), request.contract(), instrument, request.order()));
    }

    private void error(int orderId, int code, String message) {
        out.accept(SimulatorErrors.frame(serverVersion, orderId, code, message));
    }
}
