package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.dispatch.Dispatcher;
import io.github.twssupervisor.dispatch.FrameDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.simulator.Target;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One socket against the simulator, with probes for its supervisor and dispatcher and {@link ManualTime} for its
 * timers: the stream reads the next batch only once the last one is taken, for session events as for the rest, and a
 * consumer that never takes a batch fails the socket, named, instead of holding it forever.
 */
@ExtendWith(LogCapturing.class)
class SocketActorIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ManualTime.config()
            .withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime TIME = ManualTime.get(TEST_KIT.system());
    /** The simulator runs in real time: manual time would fire Akka IO's timeouts on its accepted sockets. */
    private static final ActorTestKit SIMULATOR_KIT = ActorTestKit.create("simulator");
    private static final Duration AWAIT = Duration.ofSeconds(10);
    /** A heartbeat check every second. */
    private static final Duration IDLE = Duration.ofSeconds(4);
    private static TwsSimulator simulator;

    private final TestProbe<ConnectionSupervisor.Command> supervisor = TEST_KIT.createTestProbe();
    private final TestProbe<Delivered> dispatcher = TEST_KIT.createTestProbe();
    private ActorRef<SocketActor.Command> socket;
    /** What the supervisor probe received and a test has not looked at yet. */
    private final ArrayDeque<ConnectionSupervisor.Command> received = new ArrayDeque<>();

    /** What the socket handed the dispatcher, and whom to tell once taken. */
    private record Delivered(List<Dispatcher.Delivery> events, ActorRef<Done> taken) {
    }

    @BeforeAll
    static void start() {
        simulator = TwsSimulator.start(SIMULATOR_KIT.system(), TwsSettings.defaults().simulator()
                .withAddress("127.0.0.1", 0)).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
        SIMULATOR_KIT.shutdownTestKit();
    }

    @AfterEach
    void stopSocket() {
        if (socket != null) {
            TEST_KIT.stop(socket);
        }
    }

    private ActorRef<SocketActor.Command> connect(int clientId) {
        ConnectionSettings settings = TwsSettings.defaults().connection()
                .withTarget("127.0.0.1", simulator.address().getPort(), clientId)
                .withHeartbeat(new ConnectionSettings.Heartbeat(IDLE, Duration.ofHours(1)));
        FrameDecoder decoding = new FrameDecoder(new InboundRouter(), TEST_KIT.<Dispatcher.Command>createTestProbe()
                .ref());
        InboundDecoder<List<Dispatcher.Delivery>> decoder = new InboundDecoder<>() {
            @Override
            public Optional<List<Dispatcher.Delivery>> decode(int serverVersion, List<byte[]> payloads,
                                                              List<SessionEvent> session) {
                return decoding.decode(serverVersion, payloads, session);
            }

            @Override
            public void deliver(long epoch, List<Dispatcher.Delivery> decoded, ActorRef<Done> taken) {
                dispatcher.ref().tell(new Delivered(decoded, taken));
            }
        };
        socket = TEST_KIT.spawn(SocketActor.create(1, clientId, settings, supervisor.ref(), decoder,
                new ConnectionMetrics(), TwsProtocol.INSTANCE));
        return socket;
    }

    /**
     * The next message of a type on the supervisor probe, others skipped, nudging manual time a millisecond per poll:
     * Akka IO retries an unfinished TCP connect on the scheduler, which manual time would otherwise hold still.
     */
    private <T extends ConnectionSupervisor.Command> T expectOnSupervisor(Class<T> type) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConnectionSupervisor.Command message = received.poll(); message != null; message = received.poll()) {
                if (type.isInstance(message)) {
                    return type.cast(message);
                }
            }
            TIME.timePasses(Duration.ofMillis(1));
            try {
                received.add(supervisor.receiveMessage(Duration.ofMillis(20)));
            } catch (AssertionError nothingYet) {
                // poll again, a millisecond of manual time later
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + AWAIT);
    }

    private ConnectionSupervisor.SessionEventsReceived expectNotice(int code) {
        while (true) {
            ConnectionSupervisor.SessionEventsReceived events = expectOnSupervisor(
                    ConnectionSupervisor.SessionEventsReceived.class);
            events.taken().tell(Done.getInstance());
            if (events.events().stream().anyMatch(e -> e instanceof TwsSessionEvent.Error n
                    && n.error().code() == code)) {
                return events;
            }
        }
    }

    @Test
    void theNextBatchIsReadOnlyOnceTheSupervisorTookTheSessionEventsOfTheLast() {
        int clientId = 81;
        connect(clientId);
        expectOnSupervisor(ConnectionSupervisor.SocketReady.class);
        ConnectionSupervisor.SessionEventsReceived first = expectOnSupervisor(
                ConnectionSupervisor.SessionEventsReceived.class);

        simulator.notice(TwsErrorCode.CONNECTIVITY_LOST, Target.client(clientId)).toCompletableFuture().join();
        supervisor.expectNoMessage(Duration.ofMillis(300));

        first.taken().tell(Done.getInstance());
        ConnectionSupervisor.SessionEventsReceived withNotice = expectNotice(TwsErrorCode.CONNECTIVITY_LOST);
        assertEquals(1, withNotice.epoch());
    }

    @Test
    void aDispatcherThatNeverTakesABatchFailsTheSocketNamingIt() {
        int clientId = 82;
        connect(clientId);
        expectOnSupervisor(ConnectionSupervisor.SocketReady.class);
        expectNotice(TwsErrorCode.SEC_DEF_FARM_OK);

        simulator.unknownMessage(Target.client(clientId)).toCompletableFuture().join();
        dispatcher.expectMessageClass(Delivered.class, AWAIT); // and never told taken
        TIME.timePasses(SocketActor.HANDOFF_TIMEOUT.minusSeconds(1));
        supervisor.expectNoMessage(Duration.ofMillis(100));
        TIME.timePasses(Duration.ofSeconds(2));

        FailureReason reason = expectOnSupervisor(ConnectionSupervisor.SocketFailed.class).reason();
        assertEquals(FailureReason.Kind.CONNECTION_LOST, reason.kind(), reason.toString());
        assertTrue(reason.message().contains("not taken within 30 s by the dispatcher"), reason.message());
    }

    /** A TWS stand-in that answers the handshake and sends its FIN right after the answers. */
    private static void answerThenClose(ServerSocket server, int version) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readNBytes(Handshake.preamble().length);
            in.readNBytes(in.readInt()); // the version offer
            OutputStream out = socket.getOutputStream();
            out.write(Handshake.serverHelloFrame(new Handshake.ServerHello(version, "20261203 10:00:00 UTC")));
            out.flush();
            in.readNBytes(in.readInt()); // startApi
            byte[] nextValidId = SessionCodec.nextValidId(1);
            byte[] accounts = SessionCodec.managedAccounts(List.of("DU111111"));
            byte[] answers = Arrays.copyOf(nextValidId, nextValidId.length + accounts.length);
            System.arraycopy(accounts, 0, answers, nextValidId.length, accounts.length);
            out.write(answers);
            out.flush();
            socket.shutdownOutput();
            in.readAllBytes(); // until the client closes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFinRightAfterTheHandshakesAnswersFailsTheSocketInsteadOfLeavingItReady() throws IOException {
        ConnectionSettings defaults = TwsSettings.defaults().connection();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> tws = CompletableFuture.runAsync(() -> answerThenClose(server,
                    defaults.maxVersion()));
            ConnectionSettings settings = defaults.withTarget("127.0.0.1", server.getLocalPort(), 83)
                    .withHeartbeat(new ConnectionSettings.Heartbeat(IDLE, Duration.ofHours(1)));
            socket = TEST_KIT.spawn(SocketActor.create(1, 83, settings, supervisor.ref(), new FrameDecoder(
                    new InboundRouter(), TEST_KIT.<Dispatcher.Command>createTestProbe().ref()),
                    new ConnectionMetrics(), TwsProtocol.INSTANCE));

            FailureReason reason = expectOnSupervisor(ConnectionSupervisor.SocketFailed.class).reason();
            assertEquals(FailureReason.Kind.CONNECTION_LOST, reason.kind(), reason.toString());
            assertTrue(reason.message().contains("closed the connection"), reason.message());
            tws.join();
        }
    }

    /** A peer that reads the client's hello, answers with the given bytes and closes. */
    private static void answerHelloWith(ServerSocket server, byte[] answer) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readNBytes(Handshake.preamble().length);
            in.readNBytes(in.readInt()); // the version offer
            socket.getOutputStream().write(answer);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            in.readAllBytes(); // until the client closes
        } catch (java.net.SocketException reset) {
            // the client aborts a connection to a peer that is not TWS
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FailureReason failureAgainst(byte[] answer) throws IOException {
        ConnectionSettings defaults = TwsSettings.defaults().connection();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> answerHelloWith(server, answer));
            ConnectionSettings settings = defaults.withTarget("127.0.0.1", server.getLocalPort(), 84)
                    .withHeartbeat(new ConnectionSettings.Heartbeat(IDLE, Duration.ofHours(1)));
            socket = TEST_KIT.spawn(SocketActor.create(1, 84, settings, supervisor.ref(), new FrameDecoder(
                    new InboundRouter(), TEST_KIT.<Dispatcher.Command>createTestProbe().ref()),
                    new ConnectionMetrics(), TwsProtocol.INSTANCE));
            FailureReason reason = expectOnSupervisor(ConnectionSupervisor.SocketFailed.class).reason();
            peer.join();
            return reason;
        }
    }

    @Test
    void aVersionThatIsNoNumberIsAProtocolViolationQuotingIt() throws IOException {
        byte[] banana = io.github.twssupervisor.wire.Frames.frame(
                ("banana\0" + "20261203 10:00:00 UTC\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        FailureReason reason = failureAgainst(banana);
        assertEquals(FailureReason.Kind.PROTOCOL_VIOLATION, reason.kind(), reason.toString());
        assertTrue(reason.message().endsWith(": not a TWS server version: 'banana'"), reason.message());
    }

    @Test
    void anHttpServerIsRecognisedAndNamed() throws IOException {
        byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        FailureReason reason = failureAgainst(http);
        assertEquals(FailureReason.Kind.PROTOCOL_VIOLATION, reason.kind(), reason.toString());
        assertTrue(reason.message().contains("127.0.0.1:") && reason.message().endsWith(
                "looks like an HTTP server, not TWS: it answered 'HTTP/1.1 400 Bad Request'"), reason.message());
    }
}
