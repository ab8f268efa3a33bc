package io.github.twssupervisor.dispatch;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.Set;

/**
 * A domain's decoder of inbound messages, registered with the dispatcher when a client is assembled: the dispatcher
 * calls it for the message ids it names, and delivers the result to the owner of its {@link RouteKey}.
 */
public interface DomainDecoder {

    /** @return the incoming message ids this decoder handles */
    Set<IncomingMessageId> messages();

    /**
     * @param serverVersion the version negotiated on the frame's socket
     * @param id            the message id, already read
     * @param reader        positioned after the message id
     * @return the event and the key of its owner
     * @throws io.github.twssupervisor.wire.WireFormatException if the frame does not decode
     */
    Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader);

    /**
     * A decoded event with the key of its owner.
     *
     * @param key   by request id, order id or message kind
     * @param event the event for that key's owner
     */
    record Addressed(RouteKey key, RequestEvent event) {

        /**
         * @param requestId the request id the message carries
         * @param event     the event for that request's owner
         */
        public Addressed(int requestId, RequestEvent event) {
            this(RouteKey.request(requestId), event);
        }
    }
}
