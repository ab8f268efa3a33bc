package io.github.twssupervisor.dispatch;

import io.github.twssupervisor.connection.SessionEvent;

/** Where a decoded inbound message goes: the outcome of {@link InboundRouter#route(int, byte[])}. */
public sealed interface Routed permits Routed.ToSupervisor, Routed.ToOwner, Routed.ToRaw, Routed.Failed {

    /**
     * A session-level message for the connection supervisor.
     *
     * @param event the decoded message
     */
    record ToSupervisor(SessionEvent event) implements Routed {
    }

    /**
     * A domain event or a request-scoped error, for the owner of a route key (or raw subscribers, if none owns it).
     *
     * @param key       by request id, order id or message kind
     * @param event     the event
     * @param messageId the message id, for the raw form
     * @param payload   the frame, for the raw form when no owner is registered
     */
    record ToOwner(RouteKey key, RequestEvent event, int messageId, byte[] payload) implements Routed {

        /** @return the message as raw fields */
        public RawEvent raw() {
            return new RawEvent(messageId, io.github.twssupervisor.wire.Frames.fields(payload));
        }
    }

    /**
     * A message no domain handles: for raw subscribers.
     *
     * @param event the message as text fields
     */
    record ToRaw(RawEvent event) implements Routed, Dispatcher.Delivery {
    }

    /**
     * A frame that failed to decode. A value, not an exception: the connection survives it.
     *
     * @param messageId the message id, or -1 if unreadable
     * @param error     what was wrong
     */
    record Failed(int messageId, String error) implements Routed {
    }
}
