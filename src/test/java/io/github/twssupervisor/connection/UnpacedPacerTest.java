package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.stream.javadsl.Flow;
import akka.util.ByteString;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The pacer for a protocol that sets no rate ({@link Protocol#paced} false): requests go out as they come, far past
 * the configured rate and with no time passing, and those made while there is no socket all go on the next READY.
 */
class UnpacedPacerTest {

    private static final ActorTestKit testKit = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    /** A rate the test goes far past. */
    private static final int RATE = 5;
    private static final ConnectionSettings SETTINGS = TwsSettings.defaults().connection().withPacing(
            new ConnectionSettings.Pacing(RATE, 1000), ConnectionSettings.DisconnectedBehavior.QUEUE);

    private final TestProbe<byte[]> written = testKit.createTestProbe();
    private final TestProbe<OutboundRequest.Outcome> outcomes = testKit.createTestProbe();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void sendsEveryRequestAtOnceWhateverTheRate() {
        ActorRef<Pacer.Command> pacer = testKit.spawn(Pacer.create(SETTINGS, new ConnectionMetrics(), UNPACED));
        pacer.tell(ready());
        for (int i = 0; i < 20 * RATE; i++) {
            pacer.tell(new Pacer.Enqueue(request(i)));
        }
        for (int i = 0; i < 20 * RATE; i++) {
            assertEquals(i, written.receiveMessage(Duration.ofSeconds(3))[0]);
            assertInstanceOf(OutboundRequest.Sent.class, outcomes.receiveMessage(Duration.ofSeconds(3)));
        }
    }

    @Test
    void holdsRequestsUntilReadyThenSendsThemAllInOrder() {
        ActorRef<Pacer.Command> pacer = testKit.spawn(Pacer.create(SETTINGS, new ConnectionMetrics(), UNPACED));
        for (int i = 0; i < 3 * RATE; i++) {
            pacer.tell(new Pacer.Enqueue(request(i)));
        }
        written.expectNoMessage(Duration.ofMillis(200));
        pacer.tell(ready());
        for (int i = 0; i < 3 * RATE; i++) {
            assertEquals(i, written.receiveMessage(Duration.ofSeconds(3))[0]);
        }
    }

    private Pacer.SocketReady ready() {
        return new Pacer.SocketReady(1, testKit.<SocketActor.Command>createTestProbe().ref(),
                frame -> written.ref().tell(frame), 0);
    }

    private OutboundRequest request(int n) {
        return new OutboundRequest(n, "request " + n, version -> new byte[] {(byte) n}, outcomes.ref());
    }

    /** TWS's protocol with its pacing off. */
    private static final Protocol UNPACED = new Protocol() {
        private final Protocol tws = TwsProtocol.INSTANCE;

        @Override
        public String name() {
            return "unpaced";
        }

        @Override
        public String peerName() {
            return "the peer";
        }

        @Override
        public String connectHint(String target) {
            return tws.connectHint(target);
        }

        @Override
        public <D> Flow<ByteString, InboundBatch<D>, NotUsed> inbound(InboundDecoder<D> decoder) {
            return tws.inbound(decoder);
        }

        @Override
        public boolean isViolation(Throwable cause) {
            return tws.isViolation(cause);
        }

        @Override
        public Behavior<SessionHandshake.Command> handshake(ActorRef<SocketActor.Command> socket,
                                                            ConnectionSettings settings, int clientId) {
            return tws.handshake(socket, settings, clientId);
        }

        @Override
        public String describe(Ready ready, io.github.twssupervisor.config.LogSettings log) {
            return tws.describe(ready, log);
        }

        @Override
        public byte[] livenessProbe() {
            return tws.livenessProbe();
        }

        @Override
        public String livenessProbeName() {
            return tws.livenessProbeName();
        }

        @Override
        public SessionRules sessionRules(Logger log, Consumer<ConnectionEvent> publish) {
            return tws.sessionRules(log, publish);
        }

        @Override
        public Optional<Supplier<byte[]>> clockRequest() {
            return Optional.empty();
        }

        @Override
        public boolean paced() {
            return false;
        }

        @Override
        public Optional<Supplier<SSLEngine>> tls() {
            return Optional.empty();
        }
    };
}
