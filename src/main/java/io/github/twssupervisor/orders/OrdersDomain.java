package io.github.twssupervisor.orders;

import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import io.github.twssupervisor.config.OrdersSettings;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.subscription.Domain;
import io.github.twssupervisor.subscription.Resident;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Orders' registration with the client: the order-state and execution decoders, and the {@link OrderBook}, a resident
 * that owns every order message kind for as long as the client lives.
 *
 * @param settings the order settings
 * @param clientId the configured client id (its order-id state)
 */
public record OrdersDomain(OrdersSettings settings, int clientId) implements Domain {

    /** The order book's name among the client's residents. */
    public static final String RESIDENT = "orders";

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public List<DomainDecoder> decoders() {
        return List.of(new OrderStateCodec(), new ExecutionCodec());
    }

    @Override
    public List<Resident> residents() {
        return List.of(new Resident() {
            @Override
            public String name() {
                return RESIDENT;
            }

            @Override
            public Set<RouteKey> routes() {
                // execDetails with a request id go to their reqExecutions; the unsolicited ones (-1) come here.
                return Stream.of(IncomingMessageId.OPEN_ORDER, IncomingMessageId.ORDER_STATUS,
                        IncomingMessageId.OPEN_ORDER_END, IncomingMessageId.COMPLETED_ORDER,
                        IncomingMessageId.COMPLETED_ORDERS_END, IncomingMessageId.EXEC_DETAILS,
                        IncomingMessageId.COMMISSION_REPORT).map(RouteKey::kind).collect(Collectors.toSet());
            }

            @Override
            public Props props() {
                return DispatcherSelector.blocking(); // the order-id mark is fsynced before an id is used
            }

            @Override
            public Behavior<RequestEvent> create(SubscriptionPorts ports) {
                return OrderBook.create(settings, clientId, ports);
            }
        });
    }
}
