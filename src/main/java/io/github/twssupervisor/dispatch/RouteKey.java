package io.github.twssupervisor.dispatch;

import io.github.twssupervisor.wire.IncomingMessageId;

/**
 * Who an inbound event belongs to, as the {@link Dispatcher}'s owner registry keys it. Most TWS messages carry a
 * request id; order messages carry an order id; some (positions, account values, managed accounts) carry neither and
 * belong to whoever registered for their message kind.
 */
public sealed interface RouteKey permits RouteKey.RequestId, RouteKey.OrderId, RouteKey.MessageKind {

    /**
     * @param id a request id
     * @return its key
     */
    static RouteKey request(int id) {
        return new RequestId(id);
    }

    /**
     * @param id an order id
     * @return its key
     */
    static RouteKey order(int id) {
        return new OrderId(id);
    }

    /**
     * @param message a message kind that carries no id
     * @return its key
     */
    static RouteKey kind(IncomingMessageId message) {
        return new MessageKind(message);
    }

    /**
     * Events of one request (ticks, bars, contract details, ...) and errors that carry its id.
     *
     * @param id the request id
     */
    record RequestId(int id) implements RouteKey {
    }

    /**
     * Events of one order (openOrder, orderStatus). TWS's error message has one id field for request ids and order
     * ids alike, so an error whose id no request owns goes to the owner of the order with that id, if any.
     *
     * @param id the order id
     */
    record OrderId(int id) implements RouteKey {
    }

    /**
     * Every event of one message kind that carries no id (position, accountValue, ...).
     *
     * @param message the message kind
     */
    record MessageKind(IncomingMessageId message) implements RouteKey {
    }
}
