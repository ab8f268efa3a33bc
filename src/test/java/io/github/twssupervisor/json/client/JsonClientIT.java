package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.javadsl.Sink;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.config.JsonTlsSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.server.JsonServer;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.TestKeystores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded JSON client against the JSON server: every request type and its reply, broadcasts to the others, a
 * server restarted under a connected client (an interruption with the server's words, then READY again and requests
 * answered), a token refused with the server's words until it is right, and TLS: the trusted certificate works, another
 * is refused naming what to check.
 */
@ExtendWith(LogCapturing.class)
class JsonClientIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final JsonServerSettings SERVER = JsonServerSettings.from(ConfigFactory.load())
            .withAddress("127.0.0.1", 0);
    private static final JsonClientSettings CLIENT = JsonClientSettings.from(TwsSettings.loadConfig());

    private final List<JsonClient> clients = new ArrayList<>();
    private final List<JsonServer> servers = new ArrayList<>();

    @AfterEach
    void closeAll() {
        clients.forEach(JsonClient::close);
        servers.forEach(s -> s.stop().toCompletableFuture().join());
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void everyRequestGetsItsReply() throws Exception {
        JsonServer server = server(SERVER);
        JsonClient client = client(server.address().getPort(), CLIENT);
        JsonClient other = client(server.address().getPort(), CLIENT);
        TestProbe<JsonMessage.BroadcastMessage> heard = TEST_KIT.createTestProbe();
        other.broadcasts().runWith(Sink.foreach(heard.ref()::tell), TEST_KIT.system());
        await(other.ready(AWAIT));

        JsonMessage.Pong pong = await(client.ping());
        assertTrue(pong.clientId().startsWith("127.0.0.1:"), pong.clientId());
        assertFalse(pong.pongTimestamp().isBefore(pong.pingTimestamp()));
        JsonMessage.EchoResponse echo = await(client.echo("héllo \"日本\""));
        assertEquals("héllo \"日本\"", echo.content());
        assertEquals(2, await(client.stats()).connectedClients());
        assertEquals(1, await(client.broadcast("to all")).recipients());
        JsonMessage.BroadcastMessage message = heard.receiveMessage(AWAIT);
        assertEquals("to all", message.content());
        assertEquals(pong.clientId(), message.from());
        JsonMessage reply = await(client.send(new JsonMessage.Custom("no_such_type", "{\"a\":1}")));
        JsonMessage.Error error = assertInstanceOf(JsonMessage.Error.class, reply);
        assertEquals(Optional.of("no_such_type"), error.receivedType());
        heard.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aServerRestartedUnderTheClientIsAnInterruptionAndTheClientResumes() throws Exception {
        JsonServer first = server(SERVER);
        int port = first.address().getPort();
        JsonClient client = client(port, CLIENT);
        TestProbe<ConnectionEvent> events = events(client);
        TestProbe<Interruption> interruptions = TEST_KIT.createTestProbe();
        client.interruptions().runWith(Sink.foreach(interruptions.ref()::tell), TEST_KIT.system());
        awaitState(events, ConnectionState.READY);
        await(client.echo("before"));

        first.stop().toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        servers.remove(first);
        ConnectionEvent.StateChanged lost = awaitState(events, ConnectionState.RECONNECTING);
        assertTrue(lost.reason().orElseThrow().message().contains("is shutting down"), lost.toString());
        CompletionStage<JsonMessage.EchoResponse> waiting = client.echo("while down");

        server(SERVER.withAddress("127.0.0.1", port));
        ConnectionEvent.StateChanged back = awaitState(events, ConnectionState.READY);
        assertTrue(back.dataLost(), "a new socket: the server knows nothing of the old one");
        assertEquals("while down", await(waiting).content(), "a request made while down went out on READY");
        assertEquals("after", await(client.echo("after")).content());
        Interruption.Interrupted interrupted = interruptions.expectMessageClass(Interruption.Interrupted.class, AWAIT);
        assertTrue(interrupted.reason().orElseThrow().message().contains("is shutting down"));
        Interruption.Resumed resumed = interruptions.expectMessageClass(Interruption.Resumed.class, AWAIT);
        assertFalse(resumed.downtime().isNegative());
        interruptions.expectNoMessage(Duration.ofMillis(300)); // one pair per outage, however many attempts
    }

    @Test
    void aWrongTokenIsRefusedWithTheServersWordsAndTheRightOneIsReady() {
        JsonServer server = server(SERVER.withAuth(Optional.of("right-token"), Duration.ofSeconds(5)));
        JsonClient wrong = client(server.address().getPort(), CLIENT.withSecurity(Optional.of("wrong-token"),
                JsonTlsSettings.DISABLED));
        TestProbe<ConnectionEvent> events = events(wrong);
        FailureReason reason = awaitState(events, ConnectionState.RECONNECTING).reason().orElseThrow();
        assertEquals(FailureReason.Kind.AUTH_REFUSED, reason.kind());
        assertTrue(reason.message().startsWith("the JSON server at 127.0.0.1:" + server.address().getPort()
                + " refused the token: "), reason.message());
        assertFalse(reason.message().contains("wrong-token") || reason.message().contains("right-token"));

        JsonClient right = client(server.address().getPort(), CLIENT.withSecurity(Optional.of("right-token"),
                JsonTlsSettings.DISABLED));
        awaitState(events(right), ConnectionState.READY);
    }

    @Test
    void overTlsTheTrustedCertificateIsReadyAndAnotherIsRefusedWithWhatToCheck(@TempDir Path dir) throws Exception {
        Path serverStore = TestKeystores.generate(dir, "server", "changeit");
        Path otherStore = TestKeystores.generate(dir, "other", "changeit");
        JsonServer server = server(SERVER.withTls(JsonTlsSettings.DISABLED.withKeystore(serverStore, "changeit")));

        JsonClient untrusting = client(server.address().getPort(), CLIENT.withSecurity(Optional.empty(),
                JsonTlsSettings.DISABLED.withTruststore(otherStore, "changeit")));
        FailureReason reason = awaitState(events(untrusting), ConnectionState.RECONNECTING).reason().orElseThrow();
        assertEquals(FailureReason.Kind.TLS_FAILED, reason.kind());
        assertTrue(reason.message().startsWith("TLS with 127.0.0.1:" + server.address().getPort() + " failed: "),
                reason.message());
        assertTrue(reason.message().contains("does the truststore hold the server's certificate"), reason.message());

        JsonClient trusting = client(server.address().getPort(), CLIENT.withSecurity(Optional.empty(),
                JsonTlsSettings.DISABLED.withTruststore(serverStore, "changeit")));
        assertEquals("over TLS", await(trusting.echo("over TLS")).content());
    }

    private JsonServer server(JsonServerSettings settings) {
        JsonServer server = JsonServer.start(TEST_KIT.system(), settings).toCompletableFuture().join();
        servers.add(server);
        return server;
    }

    private JsonClient client(int port, JsonClientSettings settings) {
        JsonClient client = JsonClient.create(TEST_KIT.system(), settings.withTarget("127.0.0.1", port)
                .withConnection(settings.connection().withBackoff(new ConnectionSettings.Backoff(Duration.ofMillis(50),
                        Duration.ofMillis(300), 0, Duration.ofSeconds(30)))));
        clients.add(client);
        return client;
    }

    private static TestProbe<ConnectionEvent> events(JsonClient client) {
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.events().runWith(Sink.foreach(events.ref()::tell), TEST_KIT.system());
        return events;
    }

    private static ConnectionEvent.StateChanged awaitState(TestProbe<ConnectionEvent> events, ConnectionState state) {
        List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "state " + state, e ->
                e instanceof ConnectionEvent.StateChanged s && s.state() == state ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
        return (ConnectionEvent.StateChanged) seen.get(seen.size() - 1);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
