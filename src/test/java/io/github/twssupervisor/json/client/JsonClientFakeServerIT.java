package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.testutil.FakeTws;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON client against scripted peers, for what a real server does not do on demand: go mute with the socket open
 * (half-open, found by the ping probe), announce a frame over the client's maximum, send a frame that is no JSON or a
 * reply that cannot be read, or announce its shutdown.
 */
class JsonClientFakeServerIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final JsonClientSettings DEFAULTS = JsonClientSettings.from(TwsSettings.loadConfig());

    private final List<JsonClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(JsonClient::close);
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aMuteServerIsFoundByThePingProbeAndTheClientReconnects() {
        try (FakeTws mute = new FakeTws((socket, in) -> {
            accept(socket, in);
            FakeTws.drain(in); // reads the probes, never answers
        })) {
            TestProbe<ConnectionEvent> events = connect(mute.port(), new ConnectionSettings.Heartbeat(
                    Duration.ofMillis(200), Duration.ofMillis(200)));
            awaitState(events, ConnectionState.READY);
            FailureReason reason = awaitReconnecting(events);
            assertEquals(FailureReason.Kind.HEARTBEAT_TIMEOUT, reason.kind());
            assertTrue(reason.message().contains("not even the answer to a ping probe: the connection is half-open"),
                    reason.message());
        }
    }

    @Test
    void aShutdownNoticeIsAnInterruptionWithTheServersWords() {
        try (FakeTws leaving = new FakeTws((socket, in) -> {
            accept(socket, in);
            write(socket, new JsonMessage.ServerShutdown("maintenance", Instant.now()));
            FakeTws.drain(in);
        })) {
            TestProbe<ConnectionEvent> events = connect(leaving.port(), DEFAULTS.connection().heartbeat());
            awaitState(events, ConnectionState.READY);
            FailureReason reason = awaitReconnecting(events);
            assertEquals(FailureReason.Kind.CONNECTION_LOST, reason.kind());
            assertTrue(reason.message().endsWith("is shutting down: maintenance"), reason.message());
        }
    }

    @Test
    void aFrameThatIsNoJsonMessageDropsTheConnection() throws Exception {
        try (FakeTws garbled = new FakeTws((socket, in) -> {
            accept(socket, in);
            readFrame(in); // the echo
            writeRaw(socket, "{not json".getBytes(StandardCharsets.UTF_8));
            FakeTws.drain(in);
        })) {
            TestProbe<ConnectionEvent> events = connect(garbled.port(), DEFAULTS.connection().heartbeat());
            awaitState(events, ConnectionState.READY);
            CompletableFuture<JsonMessage.EchoResponse> echo = clients.get(0).echo("hi").toCompletableFuture();
            FailureReason reason = awaitReconnecting(events);
            assertEquals(FailureReason.Kind.PROTOCOL_VIOLATION, reason.kind());
            assertTrue(reason.message().contains("sent a frame that is no JSON message"), reason.message());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> echo.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("the connection was lost before its reply"),
                    failed.getCause().getMessage());
        }
    }

    @Test
    void aReplyThatCannotBeReadFailsItsOwnRequestAndTheNextIsAnsweredRightly() throws Exception {
        try (FakeTws sloppy = new FakeTws((socket, in) -> {
            accept(socket, in);
            readFrame(in);
            writeRaw(socket, "{\"type\":\"echo_response\",\"content\":\"first\"}".getBytes(StandardCharsets.UTF_8));
            readFrame(in);
            write(socket, new JsonMessage.EchoResponse("second", Instant.now(), "fake"));
            FakeTws.drain(in);
        })) {
            TestProbe<ConnectionEvent> events = connect(sloppy.port(), DEFAULTS.connection().heartbeat());
            awaitState(events, ConnectionState.READY);
            ExecutionException first = assertThrows(ExecutionException.class, () -> clients.get(0).echo("first")
                    .toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(first.getCause().getMessage().contains("the server's echo_response could not be read"),
                    first.getCause().getMessage());
            assertEquals("second", clients.get(0).echo("second").toCompletableFuture()
                    .get(AWAIT.toSeconds(), TimeUnit.SECONDS).content(), "no reply shifted onto another request");
            events.expectNoMessage(Duration.ofMillis(200));
        }
    }

    @Test
    void anOversizedLengthIsAProtocolViolation() {
        try (FakeTws bomb = new FakeTws((socket, in) -> {
            accept(socket, in);
            readFrame(in); // the ping
            new DataOutputStream(socket.getOutputStream()).writeInt(64 * 1024 * 1024); // far over max-frame-size
            socket.getOutputStream().flush();
            FakeTws.drain(in);
        })) {
            TestProbe<ConnectionEvent> events = connect(bomb.port(), DEFAULTS.connection().heartbeat());
            awaitState(events, ConnectionState.READY);
            clients.get(0).ping();
            FailureReason reason = awaitReconnecting(events);
            assertEquals(FailureReason.Kind.PROTOCOL_VIOLATION, reason.kind());
            assertTrue(reason.message().contains("broke the JSON protocol"), reason.message());
        }
    }

    private static void writeRaw(java.net.Socket socket, byte[] payload) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private TestProbe<ConnectionEvent> connect(int port, ConnectionSettings.Heartbeat heartbeat) {
        JsonClientSettings settings = DEFAULTS.withTarget("127.0.0.1", port).withConnection(
                DEFAULTS.connection().withHeartbeat(heartbeat).withBackoff(new ConnectionSettings.Backoff(
                        Duration.ofMillis(50), Duration.ofMillis(200), 0, Duration.ofSeconds(30))));
        JsonClient client = JsonClient.create(TEST_KIT.system(), settings);
        clients.add(client);
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.events().runWith(Sink.foreach(events.ref()::tell), TEST_KIT.system());
        return events;
    }

    private static void awaitState(TestProbe<ConnectionEvent> events, ConnectionState state) {
        events.fishForMessage(AWAIT, "state " + state, e -> e instanceof ConnectionEvent.StateChanged s
                && s.state() == state ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    private static FailureReason awaitReconnecting(TestProbe<ConnectionEvent> events) {
        List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "RECONNECTING", e ->
                e instanceof ConnectionEvent.StateChanged s && s.state() == ConnectionState.RECONNECTING
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return ((ConnectionEvent.StateChanged) seen.get(seen.size() - 1)).reason().orElseThrow();
    }

    /** Reads the client's auth and accepts it. */
    private static void accept(java.net.Socket socket, DataInputStream in) throws IOException {
        JsonMessage auth = readFrame(in);
        if (!(auth instanceof JsonMessage.Auth)) {
            throw new IOException("expected auth first, got " + auth);
        }
        write(socket, new JsonMessage.AuthOk(Instant.now()));
    }

    private static JsonMessage readFrame(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        try {
            return JsonCodec.decode(payload);
        } catch (io.github.twssupervisor.json.JsonProtocolException e) {
            throw new IOException(e);
        }
    }

    private static void write(java.net.Socket socket, JsonMessage message) throws IOException {
        socket.getOutputStream().write(JsonCodec.frame(message));
        socket.getOutputStream().flush();
    }
}
