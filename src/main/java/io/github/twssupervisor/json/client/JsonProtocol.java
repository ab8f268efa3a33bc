package io.github.twssupervisor.json.client;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.InboundBatch;
import io.github.twssupervisor.connection.InboundBatches;
import io.github.twssupervisor.connection.InboundDecoder;
import io.github.twssupervisor.connection.Protocol;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.connection.SessionHandshake;
import io.github.twssupervisor.connection.SessionRules;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonFraming;
import io.github.twssupervisor.json.JsonFramingException;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;

/**
 * The JSON profile on the supervised connection: 4-byte big-endian length + UTF-8 JSON ({@link JsonFraming}), the
 * auth exchange as the handshake ({@link JsonHandshake}), {@code ping} as the liveness probe (any frame answers it),
 * shutdown notices as a lost connection ({@link JsonSessionRules}), no pacing (the server sets no rate), and TLS when
 * configured.
 */
final class JsonProtocol implements Protocol {

    /** What a probe's ping says of itself; its pong matches no request and is dropped. */
    static final String PROBE_CLIENT_INFO = "tws-supervisor liveness probe";

    private final JsonClientSettings settings;
    private final Optional<Supplier<SSLEngine>> tls;
    private final String target;

    JsonProtocol(JsonClientSettings settings) {
        this.settings = settings;
        this.tls = ClientTls.engines(settings);
        this.target = settings.host() + ":" + settings.port();
    }

    @Override
    public String name() {
        return "JSON";
    }

    @Override
    public String peerName() {
        return "the JSON server";
    }

    @Override
    public String connectHint(String target) {
        return "is json-server running on " + target + "?";
    }

    @Override
    public <D> Flow<ByteString, InboundBatch<D>, NotUsed> inbound(InboundDecoder<D> decoder) {
        return JsonFraming.payloads(settings.maxFrameBytes()).via(InboundBatches.ofPayloads(decoder));
    }

    @Override
    public boolean isViolation(Throwable cause) {
        return cause instanceof JsonFramingException;
    }

    @Override
    public Behavior<SessionHandshake.Command> handshake(ActorRef<SocketActor.Command> socket,
                                                        ConnectionSettings connection, int clientId) {
        return JsonHandshake.create(socket, connection, settings.token(), target);
    }

    @Override
    public String describe(Ready ready, LogSettings log) {
        return (settings.tls().enabled() ? "over TLS, " : "") + (settings.token().isPresent() ? "token accepted"
                : "no token");
    }

    @Override
    public byte[] livenessProbe() {
        return JsonCodec.frame(new JsonMessage.Ping(Instant.now(), PROBE_CLIENT_INFO));
    }

    @Override
    public String livenessProbeName() {
        return "a ping probe";
    }

    @Override
    public SessionRules sessionRules(Logger log, Consumer<ConnectionEvent> publish) {
        return new JsonSessionRules(log, publish, target);
    }

    @Override
    public Optional<Supplier<byte[]>> clockRequest() {
        // Pings are the client actor's: their pongs are matched to them by timestamp there.
        return Optional.empty();
    }

    @Override
    public boolean paced() {
        return false;
    }

    @Override
    public Optional<Supplier<SSLEngine>> tls() {
        return tls;
    }
}
