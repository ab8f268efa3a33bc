package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The frames a socket reads before Ready, given to its {@link HandshakeActor} one at a time: the next one only when the
 * handshake has answered the last, and each batch is acknowledged to the channel (which then reads on) only once all
 * its frames are used up. So frames reach the {@link InboundSink} in order, and none is left with a finished handshake.
 *
 * <p>Owned by the socket actor; not thread-safe.
 */
final class HandshakeFeed {

    private final ActorRef<HandshakeActor.Command> handshake;
    private final Consumer<List<byte[]>> passOn;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    /** Batches whose frames are not all consumed yet; told together once nothing waits. */
    private final List<ActorRef<Done>> pendingAcks = new ArrayList<>();
    private boolean handshakeBusy;
    private boolean peerClosed;

    /**
     * @param handshake the socket's handshake
     * @param passOn    gets the frames the handshake does not consume, in order
     */
    HandshakeFeed(ActorRef<HandshakeActor.Command> handshake, Consumer<List<byte[]>> passOn) {
        this.handshake = handshake;
        this.passOn = passOn;
    }

    /**
     * @param payloads a batch of frames, in order
     * @param handled  told once all of them are used
     */
    void received(List<byte[]> payloads, ActorRef<Done> handled) {
        waiting.addAll(payloads);
        pendingAcks.add(handled);
        if (!handshakeBusy) {
            feedNext();
        }
    }

    /** @param passOn the frame the handshake answered, if it did not consume it */
    void handled(Optional<byte[]> passOn) {
        passOn.ifPresent(payload -> this.passOn.accept(List.of(payload)));
        handshakeBusy = false;
        feedNext();
    }

    /**
     * The connection ended while the handshake was still reading: the handshake names the failure (it may hold a 326 the
     * socket has not seen yet), or, if it completed meanwhile, the socket does.
     */
    void peerClosed() {
        peerClosed = true;
        handshake.tell(HandshakeActor.PeerClosed.INSTANCE);
    }

    /** @return the connection ended during the handshake */
    boolean isPeerClosed() {
        return peerClosed;
    }

    /**
     * The handshake is over: what it did not read is passed on, in order, then the batches are acknowledged.
     *
     * @param beforeAcknowledging runs between the two: later batches are read only after the acknowledgement, so
     *                            whatever it switches on sees them all
     */
    void finish(Runnable beforeAcknowledging) {
        if (!waiting.isEmpty()) {
            passOn.accept(List.copyOf(waiting));
            waiting.clear();
        }
        beforeAcknowledging.run();
        acknowledge();
    }

    private void feedNext() {
        byte[] next = waiting.poll();
        if (next != null) {
            handshakeBusy = true;
            handshake.tell(new HandshakeActor.FrameReceived(next));
        } else {
            acknowledge();
        }
    }

    private void acknowledge() {
        pendingAcks.forEach(ack -> ack.tell(Done.getInstance()));
        pendingAcks.clear();
    }
}
