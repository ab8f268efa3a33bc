package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one way out: a full queue fails the socket as having stopped taking data; a stream that already failed or ended
 * refuses silently, so that its own end, with the real cause, is what the socket reports.
 */
class OutboundQueueTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load("application-test"));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** A queue of one frame that nobody reads. */
    private static BoundedSourceQueue<ByteString> unread() {
        Pair<BoundedSourceQueue<ByteString>, Source<ByteString, akka.NotUsed>> queue = Source.<ByteString>queue(1)
                .preMaterialize(testKit.system());
        return queue.first();
    }

    @Test
    void aFullQueueFailsTheSocket() {
        TestProbe<SocketActor.Command> socket = testKit.createTestProbe();
        OutboundQueue out = new OutboundQueue(unread(), socket.ref());
        out.write(new byte[] {1});
        socket.expectNoMessage(Duration.ofMillis(100));
        // The unconnected source's boundary takes a few frames of its own: write well past the queue and it.
        for (int i = 0; i < 64; i++) {
            out.write(new byte[] {2});
        }
        SocketActor.WriteRefused refused = socket.expectMessageClass(SocketActor.WriteRefused.class);
        assertTrue(refused.result().contains("Dropped"), refused.toString());
    }

    @Test
    void aStreamThatFailedRefusesWithoutMaskingItsOwnCause() {
        TestProbe<SocketActor.Command> socket = testKit.createTestProbe();
        BoundedSourceQueue<ByteString> queue = unread();
        queue.fail(new IllegalStateException("the framing stage failed"));
        new OutboundQueue(queue, socket.ref()).write(new byte[] {1});
        socket.expectNoMessage(Duration.ofMillis(200));
    }
}
