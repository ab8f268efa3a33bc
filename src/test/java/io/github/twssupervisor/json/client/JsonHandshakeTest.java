package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.SessionEvent;
import io.github.twssupervisor.connection.SessionHandshake;
import io.github.twssupervisor.connection.SocketActor;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON handshake: auth first (an empty token when none is set), READY on auth_ok or on a server without auth when
 * no token is set; refusals, a full server, the peer closing and the deadline each fail with words that say which, and
 * the token appears in none of them.
 */
class JsonHandshakeTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Instant T0 = Instant.parse("2024-01-01T12:00:00.000Z");
    private static final String SECRET = "s3cret-token";
    private static final ConnectionSettings SETTINGS = JsonClientSettings.from(TwsSettings.loadConfig()).connection();

    private final TestProbe<SocketActor.Command> socket = testKit.createTestProbe();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void sendsTheTokenAndIsReadyOnAuthOk() {
        ActorRef<SessionHandshake.Command> handshake = start(Optional.of(SECRET), SETTINGS);
        assertArrayEquals(JsonCodec.frame(new JsonMessage.Auth(SECRET)),
                socket.expectMessageClass(SocketActor.HandshakeWrite.class).bytes());
        JsonSessionEvent shutdown = new JsonSessionEvent.ShuttingDown("bye");
        handshake.tell(new SessionHandshake.Received(List.of(new JsonSessionEvent.AuthAnswer(
                new JsonMessage.AuthOk(T0)), shutdown)));
        SocketActor.HandshakeSucceeded ready = socket.expectMessageClass(SocketActor.HandshakeSucceeded.class);
        assertEquals(List.<SessionEvent>of(shutdown), ready.passOn(), "what came after auth_ok goes on");
        socket.expectTerminated(handshake);
    }

    @Test
    void withoutATokenAServerWithoutAuthIsReady() {
        ActorRef<SessionHandshake.Command> handshake = start(Optional.empty(), SETTINGS);
        assertArrayEquals(JsonCodec.frame(new JsonMessage.Auth("")),
                socket.expectMessageClass(SocketActor.HandshakeWrite.class).bytes());
        handshake.tell(received(new JsonMessage.Error("unknown message type", Optional.of("auth"), T0)));
        socket.expectMessageClass(SocketActor.HandshakeSucceeded.class);
    }

    @Test
    void withATokenAServerWithoutAuthIsRefused() {
        ActorRef<SessionHandshake.Command> handshake = start(Optional.of(SECRET), SETTINGS);
        socket.expectMessageClass(SocketActor.HandshakeWrite.class);
        handshake.tell(received(new JsonMessage.Error("unknown message type", Optional.of("auth"), T0)));
        FailureReason reason = failure();
        assertEquals(FailureReason.Kind.AUTH_REFUSED, reason.kind());
        assertTrue(reason.message().contains("a token is configured but the JSON server at 127.0.0.1:9999 has no "
                + "auth"), reason.message());
        assertFalse(reason.message().contains(SECRET));
    }

    @Test
    void aWrongTokenFailsWithTheServersWords() {
        ActorRef<SessionHandshake.Command> handshake = start(Optional.of(SECRET), SETTINGS);
        socket.expectMessageClass(SocketActor.HandshakeWrite.class);
        handshake.tell(received(new JsonMessage.AuthFailed("invalid token", T0)));
        FailureReason reason = failure();
        assertEquals(FailureReason.Kind.AUTH_REFUSED, reason.kind());
        assertEquals("the JSON server at 127.0.0.1:9999 refused the token: invalid token", reason.message());
    }

    @Test
    void aFullServerAndAPeerThatClosesFailTheAttempt() {
        ActorRef<SessionHandshake.Command> full = start(Optional.empty(), SETTINGS);
        socket.expectMessageClass(SocketActor.HandshakeWrite.class);
        full.tell(received(new JsonMessage.Error("server full: 10 clients", Optional.empty(), T0)));
        assertEquals("the JSON server at 127.0.0.1:9999 refused the connection: server full: 10 clients",
                failure().message());
        ActorRef<SessionHandshake.Command> closed = start(Optional.empty(), SETTINGS);
        socket.expectMessageClass(SocketActor.HandshakeWrite.class);
        closed.tell(SessionHandshake.PeerClosed.INSTANCE);
        assertEquals(FailureReason.Kind.CONNECTION_LOST, failure().kind());
    }

    @Test
    void noAnswerWithinTheDeadlineIsAHandshakeTimeout() {
        start(Optional.empty(), SETTINGS.withHandshake(SETTINGS.minVersion(), SETTINGS.maxVersion(),
                Duration.ofMillis(100)));
        socket.expectMessageClass(SocketActor.HandshakeWrite.class);
        FailureReason reason = failure();
        assertEquals(FailureReason.Kind.HANDSHAKE_TIMEOUT, reason.kind());
        assertTrue(reason.message().contains("no answer to auth within 100 ms: is it a JSON server?"));
    }

    private ActorRef<SessionHandshake.Command> start(Optional<String> token, ConnectionSettings settings) {
        return testKit.spawn(JsonHandshake.create(socket.ref(), settings, token, "127.0.0.1:9999"));
    }

    private static SessionHandshake.Received received(JsonMessage message) {
        return new SessionHandshake.Received(List.of(JsonSessionEvent.of(message).orElseThrow()));
    }

    private FailureReason failure() {
        return socket.expectMessageClass(SocketActor.HandshakeFailed.class).reason();
    }
}
