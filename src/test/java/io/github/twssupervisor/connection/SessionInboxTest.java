package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import io.github.twssupervisor.wire.SessionCodec;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Session events from a socket's thread: currentTime answers straight to their callers, the rest to the supervisor. */
class SessionInboxTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    private final TestProbe<ConnectionSupervisor.Command> supervisor =
            testKit.createTestProbe(ConnectionSupervisor.Command.class);
    private final Waiters<Instant> timeWaiters = new Waiters<>();
    private final SessionInbox inbox = new SessionInbox(supervisor.ref(), timeWaiters);

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void aCurrentTimeAnswersTheOldestCallerWithoutTheSupervisor() {
        TestProbe<StatusReply<Instant>> first = testKit.createTestProbe();
        TestProbe<StatusReply<Instant>> second = testKit.createTestProbe();
        timeWaiters.add(1, first.ref());
        timeWaiters.add(2, second.ref());

        inbox.received(3, new SessionEvent.CurrentTime(1_700_000_000L));
        first.expectMessage(StatusReply.success(Instant.ofEpochSecond(1_700_000_000L)));
        second.expectNoMessage();
        inbox.received(3, new SessionEvent.CurrentTime(1_700_000_001L));
        second.expectMessage(StatusReply.success(Instant.ofEpochSecond(1_700_000_001L)));
        // One nobody waits for (a heartbeat probe's answer) is dropped.
        inbox.received(3, new SessionEvent.CurrentTime(1_700_000_002L));
        supervisor.expectNoMessage();
    }

    @Test
    void otherSessionEventsGoToTheSupervisorWithTheirEpoch() {
        SessionEvent notice = new SessionEvent.Error(SessionCodec.TwsError.of(-1, 2104, "farm OK", 0));
        inbox.received(7, notice);
        supervisor.expectMessage(new ConnectionSupervisor.SessionEventReceived(7, notice));
    }

    @Test
    void eachCallerIsAnsweredOnceWhenAnswersAndFailuresRace() throws Exception {
        int callers = 300;
        TestProbe<StatusReply<Instant>> replies = testKit.createTestProbe();
        for (int i = 0; i < callers; i++) {
            timeWaiters.add(i, replies.ref());
        }
        CountDownLatch start = new CountDownLatch(1);
        Thread socketThread = new Thread(() -> {
            await(start);
            for (int i = 0; i < callers; i++) {
                inbox.received(1, new SessionEvent.CurrentTime(i));
            }
        });
        Thread supervisorThread = new Thread(() -> {
            await(start);
            for (int i = 0; i < callers; i++) {
                timeWaiters.fail(i, "rejected");
            }
        });
        socketThread.start();
        supervisorThread.start();
        start.countDown();
        socketThread.join();
        supervisorThread.join();

        assertEquals(callers, replies.receiveSeveralMessages(callers).size());
        replies.expectNoMessage();
        // Nobody is left waiting: a new caller is the oldest, and gets the next answer.
        TestProbe<StatusReply<Instant>> late = testKit.createTestProbe();
        timeWaiters.add(callers, late.ref());
        inbox.received(1, new SessionEvent.CurrentTime(5));
        late.expectMessage(StatusReply.success(Instant.ofEpochSecond(5)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
