package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import java.util.function.IntFunction;

/**
 * A request waiting for the pacer. It is encoded only when it leaves the queue, with the server version of the socket it
 * goes out on, so a request queued while disconnected fits whatever TWS the next connection reaches.
 *
 * @param requestId   the caller's id for this request, echoed in the outcome
 * @param description what it is, for log lines and errors (e.g. {@code reqCurrentTime})
 * @param encoder     server version -> complete frame; may throw IllegalArgumentException for invalid arguments
 * @param replyTo     told {@link Sent} when the frame is handed to the socket, or {@link Rejected}
 * @param retention   whether it may wait for the next socket if the current one goes, and its place in the queue
 */
public record OutboundRequest(long requestId, String description, IntFunction<byte[]> encoder,
                              ActorRef<Outcome> replyTo, Retention retention) {

    /**
     * A request that waits through reconnects.
     *
     * @param requestId   the caller's id
     * @param description what it is
     * @param encoder     server version -> frame
     * @param replyTo     told the outcome
     */
    public OutboundRequest(long requestId, String description, IntFunction<byte[]> encoder,
                           ActorRef<Outcome> replyTo) {
        this(requestId, description, encoder, replyTo, Retention.KEEP);
    }

    /** What happens to a queued request when its socket goes. */
    public enum Retention {
        /** Wait for the next READY socket (user requests under disconnected-behavior = queue). */
        KEEP,
        /**
         * Reject it with {@link Reason#DISCONNECTED}: its owner re-issues it itself on the next READY, under a new
         * request id, and a second copy would open a line nobody listens to.
         */
        DROP_ON_DISCONNECT,
        /**
         * An order (placeOrder, cancelOrder, reqGlobalCancel): at most once. Refused at once with
         * {@link Reason#NOT_CONNECTED} when there is no READY socket, whatever {@code disconnected-behavior} says;
         * sent ahead of every waiting data request; refused with {@link Reason#DISCONNECTED} if its socket goes before
         * it is sent. The library never sends an order on a later socket: only its caller knows whether it still wants
         * it.
         */
        ORDER
    }

    /** What became of a request. */
    public sealed interface Outcome permits Sent, Rejected {
        /** @return the request's id */
        long requestId();
    }

    /**
     * The frame was handed to a READY socket.
     *
     * @param requestId the request's id
     * @param epoch     the socket it went to
     */
    public record Sent(long requestId, long epoch) implements Outcome {
    }

    /**
     * The request was not sent.
     *
     * @param requestId   the request's id
     * @param description what it was
     * @param reason      the class of rejection
     * @param message     for a person
     */
    public record Rejected(long requestId, String description, Reason reason, String message) implements Outcome {
    }

    /** Classes of rejection. */
    public enum Reason {
        /** The pacing queue is full: the caller sends faster than TWS allows for too long. */
        QUEUE_FULL,
        /** Not READY and {@code disconnected-behavior = fail}. */
        NOT_CONNECTED,
        /** The connection was closed on request. */
        CLOSED,
        /** The encoder refused the arguments. */
        INVALID,
        /** Its socket went before it was sent, and it was not to be kept. */
        DISCONNECTED
    }
}
