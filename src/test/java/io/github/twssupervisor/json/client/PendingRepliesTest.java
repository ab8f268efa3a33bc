package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Which reply answers which request: replies in order per socket, pongs by their ping's timestamp (a probe's pong
 * answers nobody), a reply on a later socket fails what the earlier one lost, and a lost socket fails what was sent
 * on it but not what still waits to be sent; a reply that comes before the pacer's word that its request was sent.
 */
class PendingRepliesTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Instant T0 = Instant.parse("2024-01-01T12:00:00.000Z");

    private final PendingReplies pending = new PendingReplies();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void repliesAnswerTheOldestRequestSentOnTheirSocket() {
        TestProbe<StatusReply<JsonMessage>> first = send(1, new JsonMessage.Echo("a", T0), 7);
        TestProbe<StatusReply<JsonMessage>> second = send(2, new JsonMessage.GetStats(T0), 7);
        JsonMessage echoed = new JsonMessage.EchoResponse("a", T0, "server");
        assertEquals(1, pending.answered(7, echoed).orElseThrow().id());
        assertEquals(2, pending.answered(7, new JsonMessage.Error("no", Optional.of("x"), T0)).orElseThrow().id());
        assertEquals(0, pending.inFlight());
        assertTrue(pending.answered(7, echoed).isEmpty(), "nobody waits any more");
        first.expectNoMessage();
        second.expectNoMessage();
    }

    @Test
    void pongsAreMatchedByTheirPingsTimestampAndAProbesPongAnswersNobody() {
        send(1, new JsonMessage.Echo("a", T0), 1);
        send(2, new JsonMessage.Ping(T0.plusMillis(5).plusNanos(123_456), "user"), 1); // the wire keeps millis
        assertTrue(pending.answered(1, new JsonMessage.Pong(T0.plusMillis(3), T0, "c")).isEmpty(), "a probe's pong");
        assertEquals(2, pending.answered(1, new JsonMessage.Pong(T0.plusMillis(5), T0, "c")).orElseThrow().id());
        assertEquals(1, pending.inFlight(), "the echo still waits: the pongs did not answer it");
    }

    @Test
    void aReplyOnALaterSocketFailsWhatTheEarlierOneLost() {
        TestProbe<StatusReply<JsonMessage>> lost = send(1, new JsonMessage.Echo("a", T0), 1);
        send(2, new JsonMessage.Echo("b", T0), 2);
        assertEquals(2, pending.answered(2, new JsonMessage.EchoResponse("b", T0, "s")).orElseThrow().id());
        assertTrue(lost.receiveMessage().getError().getMessage().contains("echo sent, but the connection was lost"));
    }

    @Test
    void aLostSocketFailsWhatWasSentButNotWhatWaits() {
        TestProbe<StatusReply<JsonMessage>> sent = send(1, new JsonMessage.Ping(T0, "user"), 1);
        TestProbe<StatusReply<JsonMessage>> waiting = testKit.createTestProbe();
        pending.waiting(new PendingReplies.Pending(2, new JsonMessage.Echo("b", T0), waiting.ref(), -1));
        pending.failSent();
        assertTrue(sent.receiveMessage().isError());
        waiting.expectNoMessage();
        assertEquals(1, pending.inFlight());
        pending.sent(2, 2);
        assertEquals(2, pending.answered(2, new JsonMessage.EchoResponse("b", T0, "s")).orElseThrow().id());
    }

    @Test
    void aRejectedRequestFailsWithThePacersWords() {
        TestProbe<StatusReply<JsonMessage>> probe = testKit.createTestProbe();
        pending.waiting(new PendingReplies.Pending(1, new JsonMessage.Echo("b", T0), probe.ref(), -1));
        pending.rejected(1, "echo not sent: the pacing queue is full");
        assertEquals("echo not sent: the pacing queue is full", probe.receiveMessage().getError().getMessage());
        assertEquals(0, pending.inFlight());
    }

    @Test
    void repliesThatComeBeforeThePacersSentAnswerTheOldestUnsentRequestsInOrder() {
        waiting(1, new JsonMessage.Echo("a", T0));
        waiting(2, new JsonMessage.Ping(T0.plusNanos(123_456), "user"));
        waiting(3, new JsonMessage.Echo("b", T0));
        assertEquals(1, pending.answered(1, new JsonMessage.EchoResponse("a", T0, "s")).orElseThrow().id());
        assertEquals(2, pending.answered(1, new JsonMessage.Pong(T0, T0, "c")).orElseThrow().id());
        // The late Sent of an answered request changes nothing; the next reply still answers the next request.
        pending.sent(1, 1);
        pending.sent(2, 1);
        assertEquals(3, pending.answered(1, new JsonMessage.EchoResponse("b", T0, "s")).orElseThrow().id());
        pending.sent(3, 1);
        assertEquals(0, pending.inFlight());
    }

    @Test
    void aSentRequestIsAnsweredBeforeAnUnsentOne() {
        send(1, new JsonMessage.Echo("a", T0), 1);
        waiting(2, new JsonMessage.Echo("b", T0));
        assertEquals(1, pending.answered(1, new JsonMessage.EchoResponse("a", T0, "s")).orElseThrow().id());
        assertEquals(2, pending.answered(1, new JsonMessage.EchoResponse("b", T0, "s")).orElseThrow().id());
    }

    private TestProbe<StatusReply<JsonMessage>> waiting(long id, JsonMessage request) {
        TestProbe<StatusReply<JsonMessage>> probe = testKit.createTestProbe();
        pending.waiting(new PendingReplies.Pending(id, request, probe.ref(), -1));
        return probe;
    }

    private TestProbe<StatusReply<JsonMessage>> send(long id, JsonMessage request, long epoch) {
        TestProbe<StatusReply<JsonMessage>> probe = waiting(id, request);
        pending.sent(id, epoch);
        return probe;
    }
}
