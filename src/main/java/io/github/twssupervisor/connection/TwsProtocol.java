package io.github.twssupervisor.connection;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;

/**
 * TWS's API protocol on the supervised connection: the {@code API\0} preamble and version frame
 * ({@link TwsFraming}, {@link InboundBatches}), the startApi handshake ({@link HandshakeActor}), reqCurrentTime as
 * the liveness probe and the clock request, the connectivity notices as states ({@link TwsSessionRules}), and TWS's
 * 50 messages per second as the pacing. No TLS: TWS speaks plain TCP.
 */
public final class TwsProtocol implements Protocol {

    /** The one instance: the protocol keeps no state; its session rules do, one per supervisor. */
    public static final TwsProtocol INSTANCE = new TwsProtocol();

    private TwsProtocol() {
    }

    @Override
    public String name() {
        return "TWS";
    }

    @Override
    public String peerName() {
        return "TWS";
    }

    @Override
    public String connectHint(String target) {
        return "is TWS running with the API enabled on " + target + "?";
    }

    @Override
    public <D> Flow<ByteString, InboundBatch<D>, NotUsed> inbound(InboundDecoder<D> decoder) {
        return TwsFraming.serverReplyCheck().via(TwsFraming.framedInto(InboundBatches.decoded(decoder)));
    }

    @Override
    public boolean isViolation(Throwable cause) {
        return cause instanceof WireFormatException;
    }

    @Override
    public Behavior<SessionHandshake.Command> handshake(ActorRef<SocketActor.Command> socket,
                                                        ConnectionSettings settings, int clientId) {
        return HandshakeActor.create(socket, settings, clientId);
    }

    @Override
    public String describe(Ready ready, LogSettings log) {
        return "client id " + ready.clientId() + ", server version " + ready.serverVersion() + ", accounts "
                + log.accounts(ready.accounts()) + ", next order id " + ready.nextOrderId();
    }

    @Override
    public byte[] livenessProbe() {
        return SessionCodec.reqCurrentTime();
    }

    @Override
    public String livenessProbeName() {
        return "a reqCurrentTime probe";
    }

    @Override
    public SessionRules sessionRules(Logger log, Consumer<ConnectionEvent> publish) {
        return new TwsSessionRules(log, publish);
    }

    @Override
    public Optional<Supplier<byte[]>> clockRequest() {
        return Optional.of(SessionCodec::reqCurrentTime);
    }

    @Override
    public boolean paced() {
        return true;
    }

    @Override
    public Optional<Supplier<SSLEngine>> tls() {
        return Optional.empty();
    }
}
