package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.SessionCodec.TwsError;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import java.time.Duration;
import java.util.List;
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

    private static final SessionEvent VERSION_FRAME = new TwsSessionEvent.ServerVersion(VERSION, CONNECTION_TIME);
    private static final SessionEvent NEXT_VALID_ID = new TwsSessionEvent.NextValidId(NEXT_ORDER_ID);
    private static final SessionEvent MANAGED_ACCOUNTS = new TwsSessionEvent.ManagedAccounts(ACCOUNTS);

    private static SessionEvent error(int id, int code, String message) {
        return new TwsSessionEvent.Error(TwsError.of(id, code, message, ERROR_TIME));
    }

    /** Starts a handshake and checks its one unprompted write: preamble and version offer. */
    private ActorRef<SessionHandshake.Command> start() {
        ActorRef<SessionHandshake.Command> handshake = testKit.spawn(
                HandshakeActor.create(socket.ref(), SETTINGS, CLIENT_ID));
        byte[] expected = Handshake.clientHello(new VersionRange(SETTINGS.minVersion(), SETTINGS.maxVersion(),
                SETTINGS.connectOptions()));
        assertArrayEquals(expected, socket.expectMessageClass(SessionHandshake.Write.class).bytes());
        return handshake;
    }

    /** The socket hands over a batch's session events. */
    private void received(ActorRef<SessionHandshake.Command> handshake, SessionEvent... events) {
        handshake.tell(new SessionHandshake.Received(List.of(events)));
    }

    private void expectProgress(SessionEvent... passedOn) {
        socket.expectMessage(new SessionHandshake.Progress(List.of(passedOn)));
    }

    /** Sends the version frame and checks the answer: startApi, then the batch handled. */
    private void negotiate(ActorRef<SessionHandshake.Command> handshake) {
        received(handshake, VERSION_FRAME);
        assertArrayEquals(SessionCodec.startApi(CLIENT_ID, ""),
                socket.expectMessageClass(SessionHandshake.Write.class).bytes());
        expectProgress();
    }

    private FailureReason expectFailure(FailureReason.Kind kind) {
        FailureReason reason = socket.expectMessageClass(SessionHandshake.Failed.class).reason();
        assertEquals(kind, reason.kind(), reason.toString());
        return reason;
    }

    private void expectStopped(ActorRef<SessionHandshake.Command> handshake) {
        testKit.createTestProbe().expectTerminated(handshake);
        socket.expectNoMessage();
    }

    private Ready expectedReady() {
        return new Ready(VERSION, CONNECTION_TIME, CLIENT_ID, ACCOUNTS, NEXT_ORDER_ID);
    }

    @Test
    void sendsTheOfferFromTheSettingsAndNothingElseUntilTheServerAnswers() {
        ActorRef<SessionHandshake.Command> handshake = start();
        socket.expectNoMessage();
        testKit.stop(handshake);
    }

    @Test
    void readyAfterNextValidIdThenManagedAccounts() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        received(handshake, NEXT_VALID_ID);
        expectProgress();
        received(handshake, MANAGED_ACCOUNTS);
        socket.expectMessage(new SessionHandshake.Succeeded(expectedReady(), List.of()));
        expectStopped(handshake);
    }

    @Test
    void readyAfterManagedAccountsThenNextValidId() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        received(handshake, MANAGED_ACCOUNTS);
        expectProgress();
        received(handshake, NEXT_VALID_ID);
        socket.expectMessage(new SessionHandshake.Succeeded(expectedReady(), List.of()));
        expectStopped(handshake);
    }

    @Test
    void aWholeHandshakeInOneBatchPassesOnWhatCameAfterIt() {
        ActorRef<SessionHandshake.Command> handshake = start();
        SessionEvent before = error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK, "usfarm");
        SessionEvent after = error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.HMDS_FARM_OK, "ushmds");
        received(handshake, VERSION_FRAME, NEXT_VALID_ID, before, MANAGED_ACCOUNTS, after);
        assertArrayEquals(SessionCodec.startApi(CLIENT_ID, ""),
                socket.expectMessageClass(SessionHandshake.Write.class).bytes());
        // Every notice goes on with the success, in order: the one held during the handshake, then the one after it.
        socket.expectMessage(new SessionHandshake.Succeeded(expectedReady(), List.of(before, after)));
        expectStopped(handshake);
    }

    @Test
    void aNoticeDuringTheHandshakeIsHeldAndHandedBackWithTheSuccess() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        received(handshake, NEXT_VALID_ID);
        expectProgress();
        SessionEvent notice = error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.MARKET_DATA_FARM_OK,
                "Market data farm connection is OK:usfarm");
        received(handshake, notice);
        expectProgress(); // held, not dropped: a 1100 here must still move READY to DEGRADED
        received(handshake, MANAGED_ACCOUNTS);
        socket.expectMessage(new SessionHandshake.Succeeded(expectedReady(), List.of(notice)));
    }

    @Test
    void clientIdInUseFailsTheHandshake() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        received(handshake, error(TwsErrorCode.NO_REQUEST_ID, TwsErrorCode.CLIENT_ID_IN_USE,
                "Unable to connect as the client id is already in use. Retry with a unique client id."));
        FailureReason reason = expectFailure(FailureReason.Kind.CLIENT_ID_IN_USE);
        assertTrue(reason.message().contains(String.valueOf(CLIENT_ID)), reason.message());
        expectStopped(handshake);
    }

    @Test
    void aServerVersionBelowTheOfferIsAVersionMismatch() {
        ActorRef<SessionHandshake.Command> handshake = start();
        int old = 150;
        received(handshake, new TwsSessionEvent.ServerVersion(old, CONNECTION_TIME));
        FailureReason reason = expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        assertTrue(reason.message().contains(String.valueOf(old)), reason.message());
        expectStopped(handshake);
    }

    @Test
    void aServerVersionAboveTheOfferIsAVersionMismatch() {
        ActorRef<SessionHandshake.Command> handshake = start();
        received(handshake, new TwsSessionEvent.ServerVersion(SETTINGS.maxVersion() + 1, CONNECTION_TIME));
        expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        expectStopped(handshake);
    }

    @Test
    void timesOutWithoutTheVersionFrameNamingTheAcceptDialog() {
        ActorRef<SessionHandshake.Command> handshake = start();
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
        ActorRef<SessionHandshake.Command> handshake = start();
        Duration half = SETTINGS.handshakeTimeout().dividedBy(2);
        manualTime.timePasses(half);
        negotiate(handshake);
        received(handshake, NEXT_VALID_ID);
        expectProgress();
        manualTime.timePasses(SETTINGS.handshakeTimeout().minus(half));
        FailureReason reason = expectFailure(FailureReason.Kind.HANDSHAKE_TIMEOUT);
        assertTrue(reason.message().contains("no managedAccounts"), reason.message());
        expectStopped(handshake);
    }

    @Test
    void noTimeoutAfterReady() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        received(handshake, NEXT_VALID_ID);
        expectProgress();
        received(handshake, MANAGED_ACCOUNTS);
        socket.expectMessage(new SessionHandshake.Succeeded(expectedReady(), List.of()));
        expectStopped(handshake);
        manualTime.timePasses(SETTINGS.handshakeTimeout());
        socket.expectNoMessage();
    }

    @Test
    void peerClosedBeforeTheVersionFrameIsAVersionMismatch() {
        ActorRef<SessionHandshake.Command> handshake = start();
        handshake.tell(SessionHandshake.PeerClosed.INSTANCE);
        expectFailure(FailureReason.Kind.VERSION_MISMATCH);
        expectStopped(handshake);
    }

    @Test
    void peerClosedAfterTheVersionFrameIsConnectionLost() {
        ActorRef<SessionHandshake.Command> handshake = start();
        negotiate(handshake);
        handshake.tell(SessionHandshake.PeerClosed.INSTANCE);
        FailureReason reason = expectFailure(FailureReason.Kind.CONNECTION_LOST);
        assertTrue(reason.message().contains(String.valueOf(CLIENT_ID)), reason.message());
        expectStopped(handshake);
    }
}
