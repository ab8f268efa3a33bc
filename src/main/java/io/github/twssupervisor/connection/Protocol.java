package io.github.twssupervisor.connection;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;

/**
 * What the supervised connection needs to know of the protocol it carries, and nothing more: the supervisor, its socket
 * and its pacer keep the connection (backoff, epochs, heartbeat, bounded queues, typed lifecycle) for any
 * length-prefixed protocol. {@link TwsProtocol} is TWS's; a protocol of another package plugs in the same way and
 * imports only this package's generic types.
 *
 * <pre>
 * bytes --inbound()--> InboundBatch(session events | dispatcher's part)
 *   session events before Ready --> handshake()      --> Ready or a FailureReason
 *   session events after Ready  --> sessionRules()   --> stay, degrade, restore, lose, the peer's clock
 * idle socket --> livenessProbe() written; any frame received answers it
 * requests    --> Pacer: at most N/s if paced(), else as fast as the socket takes them
 * </pre>
 */
public interface Protocol {

    /** @return the protocol's short name, in failure messages ("TWS", "JSON") */
    String name();

    /** @return how log lines and failure messages name the peer ("TWS", "the JSON server") */
    String peerName();

    /**
     * @param target host:port
     * @return what to check when nothing accepts the connection, as a question for the operator
     */
    String connectHint(String target);

    /**
     * @param decoder the dispatcher's decoder
     * @param <D>     its batch type
     * @return the inbound side of a socket's stream, from raw bytes to batches; a fresh state per materialization. It
     *     fails the stream for bytes that break the framing, with an exception {@link #isViolation} recognises
     */
    <D> Flow<ByteString, InboundBatch<D>, NotUsed> inbound(InboundDecoder<D> decoder);

    /**
     * @param cause what failed a socket's stream
     * @return it is the peer breaking the protocol (PROTOCOL_VIOLATION), not the network (CONNECTION_LOST)
     */
    boolean isViolation(Throwable cause);

    /**
     * The handshake of one socket, spawned once TCP is connected: it writes through {@link SocketActor.HandshakeWrite},
     * reads the session events of each batch ({@link SessionHandshake.Received}, answered with
     * {@link SocketActor.HandshakeProgress}), and ends with {@link SocketActor.HandshakeSucceeded} or
     * {@link SocketActor.HandshakeFailed}, then stops. It keeps its own deadline ({@code handshake-timeout}).
     *
     * @param socket   the socket to write through and report to
     * @param settings the connection's settings
     * @param clientId the client id of this attempt (protocols without one ignore it)
     * @return the behaviour; it starts at once
     */
    Behavior<SessionHandshake.Command> handshake(ActorRef<SocketActor.Command> socket, ConnectionSettings settings,
                                                 int clientId);

    /**
     * @param ready what a handshake established
     * @param log   how accounts are shown
     * @return it, for the READY line at INFO ("client id 1, server version 187, accounts [DU1], next order id 1")
     */
    String describe(Ready ready, LogSettings log);

    /** @return a whole frame to write when the socket has been silent for the heartbeat's idle time */
    byte[] livenessProbe();

    /** @return the probe's name in log lines and in the half-open failure message ("a reqCurrentTime probe") */
    String livenessProbeName();

    /**
     * @param log     the supervisor's logger
     * @param publish publishes an event to the connection's subscribers (a notice, for instance)
     * @return the rules of one supervisor: how session events after Ready map to states; may keep state of its own
     */
    SessionRules sessionRules(Logger log, Consumer<ConnectionEvent> publish);

    /**
     * @return a whole frame that asks the peer for its clock, answered by a {@link SessionVerdict.PeerClock}; empty
     *     when the protocol has none ({@link ConnectionSupervisor.RequestCurrentTime} then fails at once)
     */
    Optional<Supplier<byte[]>> clockRequest();

    /** @return the pacer holds requests to {@code pacing.messages-per-second}; if false they go as fast as TCP takes */
    boolean paced();

    /** @return when present, every socket runs TLS with engines from here (client mode) */
    Optional<Supplier<SSLEngine>> tls();
}
