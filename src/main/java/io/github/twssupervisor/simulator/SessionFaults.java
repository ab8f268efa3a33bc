package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.util.ByteString;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;

/**
 * The faults a {@link SimulatorSession} plays on its own connection, and what they hold back meanwhile.
 *
 * <pre>
 * delay-handshake D  the version frame is answered only once the delay the server gave is over
 * stall D            no frame is read (the one that arrives is held, unacknowledged), nothing is written
 * mute D             frames are read and dropped, nothing is answered, no ticks
 * pace-limit N       the client's pacing limit changes
 * garbage, bomb, unknown-msg, bad-field   their bytes ({@link FaultFrames}) are written
 * flood KIND D       chunks of frames of the kind, merged into the socket's outbound as fast as TCP takes them, for D
 * </pre>
 *
 * Owned by the session actor and used from its thread only; not thread-safe.
 */
final class SessionFaults {

    private final SessionSocket socket;
    /** When a version frame may be answered (the {@code delay-handshake} fault), as {@link System#nanoTime()}. */
    private final long versionDueNanos;
    /** During a suspension: true for a mute (frames are read), false for a stall (the frame is held). */
    private boolean reading;
    private ByteString heldPayload;
    private ActorRef<SimulatorSession.StreamAck> heldAckTo;
    /** During a suspension: the socket took a batch, which the session has not acknowledged yet. */
    private boolean socketFree;

    /**
     * @param socket       the session's socket
     * @param versionDelay how long to hold back the answer to the version frame (zero: none)
     */
    SessionFaults(SessionSocket socket, Duration versionDelay) {
        this.socket = socket;
        this.versionDueNanos = System.nanoTime() + versionDelay.toNanos();
    }

    /** @return how long the version frame must still wait; zero or negative: answer it now */
    Duration versionWait() {
        return Duration.ofNanos(versionDueNanos - System.nanoTime());
    }

    /**
     * Plays a fault on a registered client.
     *
     * @param fault  the fault
     * @param client the client's requests, whose pacing a {@code pace-limit} changes
     * @return how long the session is to be suspended (a stall or a mute); empty when the fault is played already
     */
    Optional<Duration> play(Fault fault, ClientRequests client) {
        if (fault instanceof Fault.Stall stall) {
            return suspend(stall.duration(), false);
        } else if (fault instanceof Fault.Mute mute) {
            return suspend(mute.duration(), true);
        } else if (fault instanceof Fault.PaceLimit limit) {
            client.paceLimit(limit.perSecond());
        }
        FaultFrames.of(fault).ifPresent(socket::send);
        return Optional.empty();
    }

    /**
     * Starts a flood; the session goes on as before meanwhile.
     *
     * @param flood         the fault
     * @param serverVersion the negotiated version
     * @return completes with the frames written, once the flood is over
     */
    CompletionStage<Long> flood(Fault.Flood flood, int serverVersion) {
        FaultFrames.FloodChunk chunk = FaultFrames.floodChunk(flood.kind(), serverVersion);
        return socket.flood(chunk.bytes(), chunk.frames(), flood.duration());
    }

    private Optional<Duration> suspend(Duration duration, boolean read) {
        reading = read;
        heldPayload = null;
        heldAckTo = null;
        socketFree = false;
        return Optional.of(duration);
    }

    /**
     * A frame arrived while suspended: a mute reads and drops it, a stall holds it (and so the socket's reading).
     *
     * @param ackTo   where its acknowledgement goes
     * @param payload the frame's payload
     */
    void onFrameWhileSuspended(ActorRef<SimulatorSession.StreamAck> ackTo, ByteString payload) {
        if (reading) {
            socket.received(payload);
            ackTo.tell(SimulatorSession.StreamAck.INSTANCE);
        } else {
            heldPayload = payload;
            heldAckTo = ackTo;
        }
    }

    /** The socket took a batch while suspended: nothing more is written until the suspension is over. */
    void onSocketFreeWhileSuspended() {
        socketFree = true;
    }

    /**
     * Ends a suspension: first what the socket freed, then the frame held.
     *
     * @param drained run when the socket took a batch meanwhile
     * @param answer  answers a held frame; false when the connection is to close
     * @return false when the connection is to close
     */
    boolean resume(Runnable drained, BiPredicate<ByteString, ActorRef<SimulatorSession.StreamAck>> answer) {
        if (socketFree) {
            drained.run();
        }
        return heldPayload == null || answer.test(heldPayload, heldAckTo);
    }
}
