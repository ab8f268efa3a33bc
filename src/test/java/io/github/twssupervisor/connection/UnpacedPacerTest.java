package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.TwsSettings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

    /** TWS's protocol with its pacing off: every other method is TWS's. */
    private static final Protocol UNPACED = (Protocol) Proxy.newProxyInstance(Protocol.class.getClassLoader(),
            new Class<?>[] {Protocol.class}, (proxy, method, args) -> method.getName().equals("paced") ? Boolean.FALSE
                    : method.invoke(TwsProtocol.INSTANCE, args));
}
