package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.stream.BoundedSourceQueue;
import akka.stream.QueueOfferResult;
import akka.util.ByteString;
import java.util.Objects;

/**
 * The one way out of a socket: the bounded queue at the head of its stream ({@code Source.queue(socket-buffer)}),
 * written by the handshake and the heartbeat (through the socket actor) and by the pacer once Ready. The queue is the
 * stream's, made to be offered to from any thread; when it refuses a frame (full: TCP has not taken
 * {@code socket-buffer} frames; or closed) the socket is told, as a message, and fails.
 */
final class OutboundQueue implements SocketWriter {

    private final BoundedSourceQueue<ByteString> queue;
    private final ActorRef<SocketActor.Command> socket;

    OutboundQueue(BoundedSourceQueue<ByteString> queue, ActorRef<SocketActor.Command> socket) {
        this.queue = queue;
        this.socket = socket;
    }

    @Override
    public void write(byte[] frame) {
        Objects.requireNonNull(frame, "frame to write");
        QueueOfferResult result = queue.offer(ByteString.fromArrayUnsafe(frame));
        // Only a full queue is news: a stream that failed or ended refuses too, but reports its own end with the
        // real cause (a frame bomb is a protocol violation), which a refusal must not race and mask.
        if (result == QueueOfferResult.dropped()) {
            socket.tell(new SocketActor.WriteRefused(result.toString()));
        }
    }

    /**
     * Ends the outbound side, if the stream has not ended already: once connected, TCP sends what is queued, then a
     * FIN; before, the connect is abandoned (a completion would have Akka's TCP stage close a connection it does not
     * have yet).
     *
     * @param connected the TCP connection was established
     */
    void end(boolean connected) {
        try {
            if (connected) {
                queue.complete();
            } else {
                queue.fail(new IllegalStateException("the socket stopped before it was connected"));
            }
        } catch (IllegalStateException alreadyEnded) {
            // The stream ended first (EOF, reset, framing violation): the queue was completed with it.
        }
    }
}
