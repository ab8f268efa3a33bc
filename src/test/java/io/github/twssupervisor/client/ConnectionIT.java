package io.github.twssupervisor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.simulator.SimulatorStats;
import io.github.twssupervisor.simulator.TwsSimulator;
import io.github.twssupervisor.testutil.FakeTws;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.Loopback;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The supervised connection end to end, against the simulator and misbehaving fake servers on loopback. */
@ExtendWith(LogCapturing.class)
class ConnectionIT {

    @RegisterExtension
    static final Loopback LOOPBACK = new Loopback(ConnectionIT.class);
    private static final ActorTestKit TEST_KIT = LOOPBACK.kit();
    private static final TwsSettings DEFAULTS = Loopback.DEFAULTS;
    private static final Duration AWAIT = Duration.ofSeconds(15);
    private static final ConnectionSettings.Backoff FAST_BACKOFF = Loopback.FAST_BACKOFF;

    private final Loopback loopback = LOOPBACK;

    private TwsSimulator simulator(int port) {
        return loopback.simulator(port);
    }

    private static ConnectionSettings settings(int port, int clientId) {
        return Loopback.settings(port, clientId);
    }

    private Connected connect(ConnectionSettings settings) {
        TwsClient client = loopback.client(settings);
        TestProbe<ConnectionEvent> events = TEST_KIT.createTestProbe();
        client.subscribe(events.ref());
        return new Connected(client, events);
    }

    /** A client and a probe subscribed to its events. */
    private record Connected(TwsClient client, TestProbe<ConnectionEvent> events) {

        ConnectionEvent.StateChanged await(ConnectionState state) {
            List<ConnectionEvent> seen = events.fishForMessage(AWAIT, "state " + state, e ->
                    e instanceof ConnectionEvent.StateChanged s && s.state() == state
                            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
            return (ConnectionEvent.StateChanged) seen.get(seen.size() - 1);
        }

        ConnectionEvent.StateChanged awaitReconnecting(FailureReason.Kind kind) {
            ConnectionEvent.StateChanged reconnecting = await(ConnectionState.RECONNECTING);
            assertEquals(kind, reconnecting.reason().orElseThrow().kind(), reconnecting.toString());
            assertTrue(reconnecting.nextDelay().isPresent());
            return reconnecting;
        }
    }

    private static ServerSocket freePortHolder() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @Test
    void connectsToReadyWithTheHandshakeFacts() throws Exception {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 7));
        // The client starts connecting before anyone can subscribe: the first event is the current state, whichever.
        ConnectionEvent.StateChanged ready = c.await(ConnectionState.READY);
        Ready facts = ready.ready().orElseThrow();
        assertEquals(ServerVersion.MAX_SUPPORTED, facts.serverVersion());
        assertEquals(DEFAULTS.simulator().accounts(), facts.accounts());
        assertEquals(DEFAULTS.simulator().nextOrderId(), facts.nextOrderId());
        assertEquals(7, facts.clientId());
        assertEquals(ConnectionState.READY, c.client().state());
        Instant now = c.client().currentTime().toCompletableFuture().get();
        assertTrue(Math.abs(now.getEpochSecond() - Instant.now().getEpochSecond()) <= 5, now.toString());
        assertTrue(c.client().socketOptions().toCompletableFuture().get().orElseThrow().tcpNoDelay());
    }

    @Test
    void farmNoticesArriveAsInformationalEvents() {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 8));
        List<ConnectionEvent> seen = c.events().fishForMessage(AWAIT, "notice 2158", e ->
                e instanceof ConnectionEvent.Notice n && n.code() == TwsErrorCode.SEC_DEF_FARM_OK
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        ConnectionEvent.Notice notice = (ConnectionEvent.Notice) seen.get(seen.size() - 1);
        assertEquals(ConnectionEvent.NoticeKind.FARM_STATUS, notice.kind());
        assertEquals(ConnectionState.READY, c.client().state());
    }

    @Test
    void comesBackToReadyWhenTheSimulatorRestartsOnTheSamePort() {
        TwsSimulator first = simulator(0);
        int port = first.address().getPort();
        Connected c = connect(settings(port, 9));
        c.await(ConnectionState.READY);
        first.stop().toCompletableFuture().join();
        c.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        long restarted = System.nanoTime();
        simulator(port);
        c.await(ConnectionState.READY);
        System.out.printf("simulator restart -> READY: %d ms (backoff max %d ms)%n",
                (System.nanoTime() - restarted) / 1_000_000, FAST_BACKOFF.max().toMillis());
        assertTrue(c.client().metrics().reconnects() >= 1);
    }

    @Test
    void refusedConnectionsAreRetriedWithBackoffAndNameTheCause() throws Exception {
        int port;
        try (ServerSocket holder = freePortHolder()) {
            port = holder.getLocalPort();
        }
        Connected c = connect(settings(port, 10));
        ConnectionEvent.StateChanged first = c.awaitReconnecting(FailureReason.Kind.CONNECT_REFUSED);
        assertTrue(first.reason().orElseThrow().message().contains("is TWS running with the API enabled on 127.0.0.1:"
                + port), first.toString());
        assertEquals(2, first.attempt());
        ConnectionEvent.StateChanged second = c.awaitReconnecting(FailureReason.Kind.CONNECT_REFUSED);
        assertEquals(3, second.attempt());
        // Waiting for READY fails with the reason, not an ask timeout.
        java.util.concurrent.ExecutionException notReady = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> c.client().ready(Duration.ofMillis(200))
                        .toCompletableFuture().get());
        NotReadyException reason = org.junit.jupiter.api.Assertions.assertInstanceOf(NotReadyException.class,
                notReady.getCause());
        assertEquals(FailureReason.Kind.CONNECT_REFUSED, reason.lastFailure().orElseThrow().kind());
        assertTrue(reason.getMessage().startsWith("not READY with TWS at 127.0.0.1:" + port + " client id 10 within "
                + "200 ms: CONNECT_REFUSED"), reason.getMessage());
        Duration delay = second.nextDelay().orElseThrow();
        assertTrue(delay.compareTo(FAST_BACKOFF.min().multipliedBy(2)) >= 0 && delay.compareTo(FAST_BACKOFF.max()) <= 0,
                delay.toString());
        // Requests made meanwhile wait (disconnected-behavior = queue) and are answered once READY.
        var time = c.client().currentTime();
        simulator(port);
        c.await(ConnectionState.READY);
        assertTrue(time.toCompletableFuture().get().isAfter(Instant.EPOCH));
    }

    @Test
    void aSubscriberWhoComesWhileReconnectingLearnsWhyAndWhenTheNextTryIs() throws Exception {
        int port;
        try (ServerSocket holder = freePortHolder()) {
            port = holder.getLocalPort();
        }
        // A long first delay holds the client in RECONNECTING while the late subscriber comes.
        Connected c = connect(settings(port, 12).withBackoff(new ConnectionSettings.Backoff(Duration.ofSeconds(30),
                Duration.ofSeconds(60), 0.2, Duration.ofSeconds(30))));
        ConnectionEvent.StateChanged seen = c.awaitReconnecting(FailureReason.Kind.CONNECT_REFUSED);
        TestProbe<ConnectionEvent> late = TEST_KIT.createTestProbe();
        c.client().subscribe(late.ref());

        ConnectionEvent.StateChanged first = late.expectMessageClass(ConnectionEvent.StateChanged.class);
        assertEquals(ConnectionState.RECONNECTING, first.state(), first.toString());
        assertEquals(seen.reason(), first.reason());
        assertEquals(seen.nextDelay(), first.nextDelay());
        assertEquals(seen.attempt(), first.attempt());
    }

    @Test
    void requestsFailAtOnceWhileDisconnectedUnderTheFailBehaviour() throws Exception {
        int port;
        try (ServerSocket holder = freePortHolder()) {
            port = holder.getLocalPort();
        }
        ConnectionSettings failFast = settings(port, 11).withPacing(DEFAULTS.connection().pacing(),
                ConnectionSettings.DisconnectedBehavior.FAIL);
        Connected c = connect(failFast);
        c.awaitReconnecting(FailureReason.Kind.CONNECT_REFUSED);
        CompletionException e = assertThrows(CompletionException.class,
                () -> c.client().currentTime().toCompletableFuture().join());
        assertTrue(e.getCause().getMessage().contains("not connected"), e.getCause().getMessage());
    }

    @Test
    void aStalledHandshakeTimesOutAndIsRetried() {
        try (FakeTws silent = new FakeTws((socket, in) -> FakeTws.drain(in))) {
            ConnectionSettings s = settings(silent.port(), 12).withHandshake(ServerVersion.MIN_SUPPORTED,
                    ServerVersion.MAX_SUPPORTED, Duration.ofMillis(300));
            Connected c = connect(s);
            ConnectionEvent.StateChanged timedOut = c.awaitReconnecting(FailureReason.Kind.HANDSHAKE_TIMEOUT);
            assertTrue(timedOut.reason().orElseThrow().message().contains("Accept incoming connection"));
            c.awaitReconnecting(FailureReason.Kind.HANDSHAKE_TIMEOUT);
        }
    }

    /**
     * Frames that TWS writes one by one right after the handshake reach the client in several batches, some read while
     * the handshake was still deciding: none may be lost or overtaken.
     */
    @Test
    void noticesWrittenOneByOneAcrossTheEndOfTheHandshakeArriveAllAndInOrder() {
        int notices = 300;
        try (FakeTws tws = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            OutputStream out = socket.getOutputStream();
            out.write(Handshake.serverHelloFrame(new Handshake.ServerHello(ServerVersion.MAX_SUPPORTED,
                    "20261122 10:30:00 UTC")));
            in.readFully(new byte[in.readInt()]); // startApi
            out.write(SessionCodec.managedAccounts(List.of("DU1")));
            out.write(SessionCodec.nextValidId(1));
            for (int i = 0; i < notices; i++) {
                out.write(SessionCodec.error(ServerVersion.MAX_SUPPORTED, SessionCodec.TwsError.of(-1,
                        TwsErrorCode.MARKET_DATA_FARM_OK, "farm " + i, 0)));
                out.flush();
            }
            FakeTws.drain(in);
        })) {
            Connected c = connect(settings(tws.port(), 15));
            for (int i = 0; i < notices; i++) {
                String expected = "farm " + i;
                List<ConnectionEvent> seen = c.events().fishForMessage(AWAIT, expected, e ->
                        e instanceof ConnectionEvent.Notice n ? FishingOutcomes.complete()
                                : FishingOutcomes.continueAndIgnore());
                assertEquals(expected, ((ConnectionEvent.Notice) seen.get(seen.size() - 1)).message());
            }
        }
    }

    @Test
    void aServerBelowTheMinimumVersionIsAVersionMismatch() {
        try (FakeTws old = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            socket.getOutputStream().write(Handshake.serverHelloFrame(new Handshake.ServerHello(
                    ServerVersion.MIN_SUPPORTED - 10, "20261122 10:30:00 UTC")));
            FakeTws.drain(in);
        })) {
            Connected c = connect(settings(old.port(), 13));
            ConnectionEvent.StateChanged mismatch = c.awaitReconnecting(FailureReason.Kind.VERSION_MISMATCH);
            assertTrue(mismatch.reason().orElseThrow().message().contains(String.valueOf(
                    ServerVersion.MIN_SUPPORTED - 10)));
        }
    }

    @Test
    void aPeerThatClosesBeforeItsVersionIsAVersionMismatch() {
        try (FakeTws notTws = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            socket.close();
        })) {
            Connected c = connect(settings(notTws.port(), 14));
            c.awaitReconnecting(FailureReason.Kind.VERSION_MISMATCH);
        }
    }

    @Test
    void anOversizedFrameIsAProtocolViolation() {
        try (FakeTws bomb = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            FakeTws.drain(in);
        })) {
            Connected c = connect(settings(bomb.port(), 15));
            ConnectionEvent.StateChanged violation = c.awaitReconnecting(FailureReason.Kind.PROTOCOL_VIOLATION);
            assertTrue(violation.reason().orElseThrow().message().contains("frame"), violation.toString());
        }
    }

    @Test
    void aFrameTruncatedByTheCloseIsAProtocolViolation() {
        try (FakeTws truncating = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            var out = socket.getOutputStream();
            out.write(Handshake.serverHelloFrame(new Handshake.ServerHello(ServerVersion.MAX_SUPPORTED, "now UTC")));
            out.write(io.github.twssupervisor.wire.SessionCodec.managedAccounts(List.of("DU1")));
            out.write(io.github.twssupervisor.wire.SessionCodec.nextValidId(1));
            byte[] frame = io.github.twssupervisor.wire.SessionCodec.currentTime(1);
            out.write(java.util.Arrays.copyOf(frame, frame.length - 3)); // the close cuts the last frame short
            out.flush();
            socket.close();
        })) {
            Connected c = connect(settings(truncating.port(), 24));
            c.await(ConnectionState.READY);
            ConnectionEvent.StateChanged truncated = c.awaitReconnecting(FailureReason.Kind.PROTOCOL_VIOLATION);
            assertTrue(truncated.reason().orElseThrow().message().contains("truncated"), truncated.toString());
        }
    }

    @Test
    void connectivityNoticesMoveBetweenReadyAndDegraded() {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 16));
        c.await(ConnectionState.READY);

        simulator.notice(TwsErrorCode.CONNECTIVITY_LOST).toCompletableFuture().join();
        c.await(ConnectionState.DEGRADED);
        simulator.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST).toCompletableFuture().join();
        assertTrue(c.await(ConnectionState.READY).dataLost());

        simulator.notice(TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN).toCompletableFuture().join();
        c.await(ConnectionState.DEGRADED);
        simulator.notice(TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT).toCompletableFuture().join();
        assertFalse(c.await(ConnectionState.READY).dataLost());
        assertEquals(0, c.client().metrics().reconnects(), "the socket is kept through DEGRADED");
    }

    @Test
    void notice1300ReconnectsAndADroppedSocketToo() {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 17));
        c.await(ConnectionState.READY);
        simulator.notice(TwsErrorCode.SOCKET_PORT_RESET).toCompletableFuture().join();
        c.awaitReconnecting(FailureReason.Kind.SOCKET_PORT_RESET);
        c.await(ConnectionState.READY);
        simulator.drop().toCompletableFuture().join();
        c.awaitReconnecting(FailureReason.Kind.CONNECTION_LOST);
        c.await(ConnectionState.READY);
        assertEquals(2, c.client().metrics().reconnects());
    }

    @Test
    void aClientIdInUseIsRetriedUnderWaitAndRotatedUnderRotate() {
        TwsSimulator simulator = simulator(0);
        int port = simulator.address().getPort();
        Connected owner = connect(settings(port, 21));
        owner.await(ConnectionState.READY);

        Connected waiting = connect(settings(port, 21));
        waiting.awaitReconnecting(FailureReason.Kind.CLIENT_ID_IN_USE);
        waiting.awaitReconnecting(FailureReason.Kind.CLIENT_ID_IN_USE);

        Connected rotating = connect(settings(port, 21).withClientIdPolicy(ConnectionSettings.ClientIdPolicy.ROTATE,
                List.of(21, 22)));
        rotating.awaitReconnecting(FailureReason.Kind.CLIENT_ID_IN_USE);
        assertEquals(22, rotating.await(ConnectionState.READY).ready().orElseThrow().clientId());

        owner.client().close().toCompletableFuture().join();
        assertEquals(21, waiting.await(ConnectionState.READY).ready().orElseThrow().clientId());
    }

    @Test
    void aHalfOpenSocketIsDetectedByTheHeartbeat() {
        try (FakeTws mute = new FakeTws((socket, in) -> {
            FakeTws.readHello(in);
            var out = socket.getOutputStream();
            out.write(Handshake.serverHelloFrame(new Handshake.ServerHello(ServerVersion.MAX_SUPPORTED, "now UTC")));
            out.write(io.github.twssupervisor.wire.SessionCodec.managedAccounts(List.of("DU1")));
            out.write(io.github.twssupervisor.wire.SessionCodec.nextValidId(1));
            out.flush();
            FakeTws.drain(in); // reads the probes, never answers
        })) {
            ConnectionSettings s = settings(mute.port(), 18).withHeartbeat(new ConnectionSettings.Heartbeat(
                    Duration.ofMillis(200), Duration.ofMillis(200)));
            Connected c = connect(s);
            c.await(ConnectionState.READY);
            c.awaitReconnecting(FailureReason.Kind.HEARTBEAT_TIMEOUT);
        }
    }

    @Test
    void aQuietButHealthyConnectionIsProbedAndNeverReset() {
        TwsSimulator simulator = simulator(0);
        ConnectionSettings s = settings(simulator.address().getPort(), 19).withHeartbeat(
                new ConnectionSettings.Heartbeat(Duration.ofMillis(100), Duration.ofMillis(300)));
        Connected c = connect(s);
        c.events().fishForMessage(AWAIT, "the last start-up notice", e ->
                e instanceof ConnectionEvent.Notice n && n.code() == TwsErrorCode.SEC_DEF_FARM_OK
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        long before = simulator.stats().toCompletableFuture().join().messagesIn();
        // Ten idle periods: probes must go out, and every one is answered.
        c.events().expectNoMessage(Duration.ofMillis(1000));
        long after = simulator.stats().toCompletableFuture().join().messagesIn();
        assertTrue(after - before >= 3, "probes sent: " + (after - before));
        assertEquals(ConnectionState.READY, c.client().state());
    }

    @Test
    void closeSendsNothingMoreAndDoesNotReconnect() {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 20));
        c.await(ConnectionState.READY);
        c.client().close().toCompletableFuture().join();
        ConnectionEvent.StateChanged closed = c.await(ConnectionState.CLOSED);
        assertTrue(closed.reason().isEmpty(), "a close is not a failure");
        TEST_KIT.createTestProbe().awaitAssert(() -> {
            assertEquals(0, simulator.stats().toCompletableFuture().join().openConnections());
            return null;
        });
        SimulatorStats afterClose = simulator.stats().toCompletableFuture().join();
        c.events().expectNoMessage(FAST_BACKOFF.max().multipliedBy(2));
        SimulatorStats later = simulator.stats().toCompletableFuture().join();
        assertEquals(afterClose.connectionsAccepted(), later.connectionsAccepted(), "no reconnect after close");
        assertEquals(afterClose.messagesIn(), later.messagesIn(), "nothing sent after close");
        assertThrows(CompletionException.class, () -> c.client().currentTime().toCompletableFuture().join());
    }

    @Test
    void rawMessagesGoOutAndUnhandledOnesComeBack() {
        TwsSimulator simulator = simulator(0);
        Connected c = connect(settings(simulator.address().getPort(), 23));
        c.await(ConnectionState.READY);
        TestProbe<io.github.twssupervisor.dispatch.RawEvent> raw = TEST_KIT.createTestProbe();
        c.client().subscribeRaw(raw.ref());
        // The simulator answers an unknown message id with a session-level error, which the supervisor publishes.
        c.client().sendRaw(List.of("999", "1")).toCompletableFuture().join();
        ConnectionEvent.Notice notice = (ConnectionEvent.Notice) c.events().fishForMessage(AWAIT, "error for 999",
                e -> e instanceof ConnectionEvent.Notice n && n.message().contains("999")
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
        assertEquals(TwsErrorCode.CANNOT_VALIDATE_REQUEST, notice.code());
        simulator.broadcast(List.of("998", "1", "unmodelled")).toCompletableFuture().join();
        assertEquals(new io.github.twssupervisor.dispatch.RawEvent(998, List.of("998", "1", "unmodelled")),
                raw.receiveMessage(AWAIT));
        CompletionException invalid = assertThrows(CompletionException.class,
                () -> c.client().sendRaw(List.of("49", "caf\u00e9")).toCompletableFuture().join());
        assertTrue(invalid.getCause().getMessage().contains("printable ASCII"), invalid.getCause().getMessage());
    }
}
