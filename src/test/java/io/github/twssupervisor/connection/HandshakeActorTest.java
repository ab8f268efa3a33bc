package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.LoggingTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.SessionCodec.TwsError;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The handshake of one socket, against a probe standing in for the {@link SocketActor} and ManualTime for the
 * handshake timeout.
 */
class HandshakeActorTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime manualTime = ManualTime.get(testKit.system());

    private static final ConnectionSettings SETTINGS = TwsSettings.defaults().connection();
    /** Not the configured id, to show that the id given to the actor is the one used. */
    private static final int CLIENT_ID = SETTINGS.clientId() + 6;
    private static final int VERSION = SETTINGS.maxVersion();
    private static final String CONNECTION_TIME = "20261122 10:30:00 UTC";
    private static final List<String> ACCOUNTS = List.of("DU111111", "DU222222");
    private static final int NEXT_ORDER_ID = 1001;
    private static final long ERROR_TIME = 1775425766350L;

    private final TestProbe<SocketActor.Command> socket = testKit.createTestProbe(SocketActor.Command.class);

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
    }

    private static byte[] versionFrame(int version) {
        return payloadOf(Handshake.serverHelloFrame(new Handshake.ServerHello(version, CONNECTION_TIME)));
    }

    private static byte[] nextValidId() {
        return payloadOf(SessionCodec.nextValidId(NEXT_ORDER_ID));
    }

    private static byte[] managedAccounts() {
        return payloadOf(SessionCodec.managedAccounts(ACCOUNTS));
    }

    private static byte[] error(int id, int code, String message) {
        return payloadOf(SessionCodec.error(VERSION, TwsError.of(id, code, message, ERROR_TIME)));
    }

    /** Starts a handshake and checks its one unprompted write: preamble and version offer. */
    private ActorRef<HandshakeActor.Command> start() {
        ActorRef<HandshakeActor.Command> handshake = testKit.spawn(
                HandshakeActor.create(socket.ref(), SETTINGS, CLIENT_ID));
        byte[] expected = Handshake.clientHello(new VersionRange(SETTINGS.minVersion(), SETTINGS.maxVersion(),
                SETTINGS.connectOptions()));
        assertArrayEquals(expected, socket.expectMessageClass(SocketActor.HandshakeWrite.class).bytes());
        return handshake;
    }

    private void frame(ActorRef<HandshakeActor.Command> handshake, byte[] payload) {
        handshake.tell(new HandshakeActor.FrameReceived(payload));
    }

    private void expectHandled(Optional<byte[]> passOn) {
        SocketActor.FrameHandled handled = socket.expectMessageClass(SocketActor.FrameHandled.class);
        assertEquals(passOn.isPresent(), handled.passOn().isPresent(), "passed on");
        passOn.ifPresent(p -> assertArrayEquals(p, handled.passOn().get()));
    }

    /** Sends the version frame and checks the answer: version, startApi, frame handled. */
    private void negotiate(ActorRef<HandshakeActor.Command> handshake) {
        frame(handshake, versionFrame(VERSION));
        socket.expectMessage(new SocketActor.VersionNegotiated(VERSION));
        assertArrayEquals(SessionCodec.startApi(CLIENT_ID, ""),
                socket.expectMessageClass(SocketActor.HandshakeWrite.class).bytes());
        expectHandled(Optional.empty());
    }

    private FailureReason expectFailure(FailureReason.Kind kind) {
        FailureReason reason = socket.expectMessageClass(SocketActor.HandshakeFailed.class).reason();
        assertEquals(kind, reason.kind(), reason.toString());
        return reason;
    }

    private void expectStopped(ActorRef<HandshakeActor.Command> handshake) {
        testKit.createTestProbe().expectTerminated(handshake);
        socket.expectNoMessage();
    }

    private Ready expectedReady() {
        return new Ready(VERSION, CONNECTION_TIME, CLIENT_ID, ACCOUNTS, NEXT_ORDER_ID);
    }

    @Test
    void sendsTheOfferFromTheSettingsAndNothingElseUntilTheServerAnswers() {
        ActorRef<HandshakeActor.Command> handshake = start();
        socket.expectNoMessage();
        testKit.stop(handshake);
    }

    @Test
    void readyAfterNextValidIdThenManagedAccounts() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        frame(handshake, nextValidId());
        expectHandled(Optional.empty());
        frame(handshake, managedAccounts());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
        expectStopped(handshake);
    }

    @Test
    void readyAfterManagedAccountsThenNextValidId() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        frame(handshake, managedAccounts());
        expectHandled(Optional.empty());
        frame(handshake, nextValidId());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
        expectStopped(handshake);
    }

    @Test
    void framesBeforeTheVersionFrameAreIgnored() {
        ActorRef<HandshakeActor.Command> handshake = start();
        // A notice before the version frame (TWS sometimes sends news first), and a two-field frame whose first
        // field is not a number.
        for (byte[] early : List.of(error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm"),
                payloadOf(FieldWriter.frameOf(List.of("news", "x"))))) {
            frame(handshake, early);
            expectHandled(Optional.empty());
        }
        socket.expectNoMessage();
        negotiate(handshake);
        frame(handshake, nextValidId());
        expectHandled(Optional.empty());
        frame(handshake, managedAccounts());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
    }

    @Test
    void aFarmNoticeDuringTheHandshakeIsPassedOn() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        frame(handshake, nextValidId());
        expectHandled(Optional.empty());
        byte[] notice = error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK,
                "Market data farm connection is OK:usfarm");
        frame(handshake, notice);
        SocketActor.FrameHandled handled = socket.expectMessageClass(SocketActor.FrameHandled.class);
        assertSame(notice, handled.passOn().orElseThrow(), "the payload itself is handed back");
        frame(handshake, managedAccounts());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
    }

    @Test
    void anUnreadableFrameDuringTheHandshakeIsLoggedAndPassedOn() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        byte[] garbage = payloadOf(FieldWriter.frameOf(List.of("garbage")));
        LoggingTestKit.warn("Unreadable frame during the handshake").expect(testKit.system(), () -> {
            frame(handshake, garbage);
            return null;
        });
        expectHandled(Optional.of(garbage));
        frame(handshake, managedAccounts());
        expectHandled(Optional.empty());
        frame(handshake, nextValidId());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
    }

    @Test
    void clientIdInUseFailsTheHandshake() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        frame(handshake, error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.CLIENT_ID_IN_USE,
                "Unable to connect as the client id is already in use. Retry with a unique client id."));
        FailureReason reason = expectFailure(FailureReason.Kind.CLIENT_ID_IN_USE);
        assertTrue(reason.message().contains(String.valueOf(CLIENT_ID)), reason.message());
        expectStopped(handshake);
    }

    @Test
    void aServerVersionBelowTheOfferIsAVersionMismatch() {
        ActorRef<HandshakeActor.Command> handshake = start();
        int old = 150;
        frame(handshake, versionFrame(old));
        FailureReason reason = expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        assertTrue(reason.message().contains(String.valueOf(old)), reason.message());
        expectStopped(handshake);
    }

    @Test
    void aServerVersionAboveTheOfferIsAVersionMismatch() {
        ActorRef<HandshakeActor.Command> handshake = start();
        frame(handshake, versionFrame(SETTINGS.maxVersion() + 1));
        expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        expectStopped(handshake);
    }

    @Test
    void timesOutWithoutTheVersionFrameNamingTheAcceptDialog() {
        ActorRef<HandshakeActor.Command> handshake = start();
        manualTime.timePasses(SETTINGS.handshakeTimeout().minusMillis(1));
        socket.expectNoMessage();
        manualTime.timePasses(Duration.ofMillis(1));
        FailureReason reason = expectFailure(FailureReason.Kind.HANDSHAKE_TIMEOUT);
        assertTrue(reason.message().contains("Accept incoming connection"), reason.message());
        assertTrue(reason.message().contains(String.valueOf(SETTINGS.handshakeTimeout().toMillis())),
                reason.message());
        expectStopped(handshake);
    }

    @Test
    void theTimeoutCountsFromTheStartNotFromTheVersionFrame() {
        ActorRef<HandshakeActor.Command> handshake = start();
        Duration half = SETTINGS.handshakeTimeout().dividedBy(2);
        manualTime.timePasses(half);
        negotiate(handshake);
        frame(handshake, nextValidId());
        expectHandled(Optional.empty());
        manualTime.timePasses(SETTINGS.handshakeTimeout().minus(half));
        FailureReason reason = expectFailure(FailureReason.Kind.HANDSHAKE_TIMEOUT);
        assertTrue(reason.message().contains("no managedAccounts"), reason.message());
        expectStopped(handshake);
    }

    @Test
    void noTimeoutAfterReady() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        frame(handshake, nextValidId());
        expectHandled(Optional.empty());
        frame(handshake, managedAccounts());
        socket.expectMessage(new SocketActor.HandshakeSucceeded(expectedReady()));
        expectStopped(handshake);
        manualTime.timePasses(SETTINGS.handshakeTimeout());
        socket.expectNoMessage();
    }

    @Test
    void peerClosedBeforeTheVersionFrameIsAVersionMismatch() {
        ActorRef<HandshakeActor.Command> handshake = start();
        handshake.tell(HandshakeActor.PeerClosed.INSTANCE);
        expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        expectStopped(handshake);
    }

    @Test
    void peerClosedAfterTheVersionFrameIsConnectionLost() {
        ActorRef<HandshakeActor.Command> handshake = start();
        negotiate(handshake);
        handshake.tell(HandshakeActor.PeerClosed.INSTANCE);
        FailureReason reason = expectFailure(FailureReason.Kind.CONNECTION_LOST);
        assertTrue(reason.message().contains(String.valueOf(CLIENT_ID)), reason.message());
        expectStopped(handshake);
    }
}
