package io.github.twssupervisor.connection;

import akka.Done;
import akka.actor.typed.ActorRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frames a socket reads before Ready, given to its {@link HandshakeActor} one at a time: the next one only when the
 * handshake has answered the last, and each batch is acknowledged to the stream (which then reads on) only once all its
 * frames are used up. So frames reach the dispatcher in order, and none is left with a finished handshake.
 *
 * <p>Owned by the socket actor; not thread-safe.
 */
final class HandshakeFeed {

    private final ActorRef<HandshakeActor.Command> handshake;
    private final ActorRef<? super Inbound> dispatcher;
    private final long epoch;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    /** Batches whose frames are not all consumed yet; told together once nothing waits. */
    private final List<ActorRef<Done>> pendingAcks = new ArrayList<>();
    private boolean handshakeBusy;
    private boolean peerClosed;

    /**
     * @param handshake  the socket's handshake
     * @param dispatcher gets the frames the handshake does not consume
     * @param epoch      the socket's epoch
     */
    HandshakeFeed(ActorRef<HandshakeActor.Command> handshake, ActorRef<? super Inbound> dispatcher, long epoch) {
        this.handshake = handshake;
        this.dispatcher = dispatcher;
        this.epoch = epoch;
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
        passOn.ifPresent(payload -> dispatcher.tell(new Inbound.Frame(epoch, payload)));
        handshakeBusy = false;
        feedNext();
    }

    /**
     * The stream ended while the handshake was still reading: the handshake names the failure (it may hold a 326 the
     * socket has not seen yet), or, if it completed meanwhile, the socket does.
     */
    void peerClosed() {
        peerClosed = true;
        handshake.tell(HandshakeActor.PeerClosed.INSTANCE);
    }

    /** @return the stream ended during the handshake */
    boolean isPeerClosed() {
        return peerClosed;
    }

    /**
     * The handshake is over: what it did not read goes to the dispatcher, in order, then the batches are acknowledged.
     *
     * @param beforeAcknowledging runs between the two: later batches are read only after the acknowledgement, so
     *                            whatever it switches on sees them all
     */
    void finish(Runnable beforeAcknowledging) {
        for (byte[] payload = waiting.poll(); payload != null; payload = waiting.poll()) {
            dispatcher.tell(new Inbound.Frame(epoch, payload));
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
