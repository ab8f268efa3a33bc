package io.github.twssupervisor.connection;

import akka.Done;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a socket's frames go once its server version is known, implemented by whoever knows the domains (the
 * {@code dispatch} package: this one imports none of it). The socket calls it in order and never concurrently: before
 * Ready from its actor, with what the handshake did not consume, and after Ready from its channel's thread, so a frame
 * is decoded on the thread that read it and only decoded events cross to actors.
 */
public interface InboundSink {

    /**
     * How long a batch may take to be taken. The socket reads nothing meanwhile (past a few batches), so TCP pushes
     * back on TWS; past this the consumer is taken for stuck and the socket fails, naming it.
     */
    Duration HANDOFF_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A socket finished its version negotiation; frames of older sockets are to be dropped from now on.
     *
     * @param epoch         the socket's epoch
     * @param serverVersion the negotiated version
     */
    void attached(long epoch, int serverVersion);

    /**
     * @param epoch         the socket's epoch
     * @param serverVersion the version negotiated on it
     * @param payloads      frame payloads, in order, without length prefix; neither the list nor the arrays are modified
     * @return completes once the frames are taken, whatever became of them; fails after {@link #HANDOFF_TIMEOUT}
     */
    CompletionStage<Done> accept(long epoch, int serverVersion, List<byte[]> payloads);
}
