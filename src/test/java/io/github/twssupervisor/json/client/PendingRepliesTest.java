package io.github.twssupervisor.json.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Which reply answers which request, including a reply that comes before the pacer's word that its request went out. */
class PendingRepliesTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final long EPOCH = 1;
    /** A ping's own clock has microseconds; the wire, and so the pong, only milliseconds. */
    private static final Instant PING_TIME = Instant.parse("2024-01-01T12:00:00.123456Z");

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static PendingReplies.Pending pending(long id, JsonMessage request) {
        TestProbe<StatusReply<JsonMessage>> probe = KIT.createTestProbe();
        return new PendingReplies.Pending(id, request, probe.ref(), -1);
    }

    private static JsonMessage.Pong pong(Instant pingTime) {
        return new JsonMessage.Pong(pingTime.truncatedTo(ChronoUnit.MILLIS), pingTime, "127.0.0.1:50000");
    }

    private static JsonMessage.EchoResponse echoed(String content) {
        return new JsonMessage.EchoResponse(content, PING_TIME, "server");
    }

    @Test
    void aPongAnswersThePingItsMillisecondTimestampNames() {
        PendingReplies replies = new PendingReplies();
        PendingReplies.Pending ping = pending(1, new JsonMessage.Ping(PING_TIME, "test"));
        replies.waiting(ping);
        replies.sent(1, EPOCH);

        assertEquals(Optional.of(1L), replies.answered(EPOCH, pong(PING_TIME)).map(PendingReplies.Pending::id));
        assertEquals(0, replies.inFlight());
    }

    @Test
    void repliesThatComeBeforeTheirSentAnswerTheOldestUnsentRequestsInOrder() {
        PendingReplies replies = new PendingReplies();
        replies.waiting(pending(1, new JsonMessage.Echo("a", PING_TIME)));
        replies.waiting(pending(2, new JsonMessage.Ping(PING_TIME, "test")));
        replies.waiting(pending(3, new JsonMessage.Echo("b", PING_TIME)));

        assertEquals(Optional.of(1L), replies.answered(EPOCH, echoed("a")).map(PendingReplies.Pending::id));
        assertEquals(Optional.of(2L), replies.answered(EPOCH, pong(PING_TIME)).map(PendingReplies.Pending::id));
        // The late Sent of an answered request changes nothing; the next reply still answers the next request.
        replies.sent(1, EPOCH);
        replies.sent(2, EPOCH);
        assertEquals(Optional.of(3L), replies.answered(EPOCH, echoed("b")).map(PendingReplies.Pending::id));
        replies.sent(3, EPOCH);
        assertEquals(0, replies.inFlight());
    }

    @Test
    void aSentRequestIsAnsweredBeforeAnUnsentOneAndAProbesPongAnswersNothing() {
        PendingReplies replies = new PendingReplies();
        replies.waiting(pending(1, new JsonMessage.Echo("a", PING_TIME)));
        replies.waiting(pending(2, new JsonMessage.Echo("b", PING_TIME)));
        replies.sent(1, EPOCH);

        assertTrue(replies.answered(EPOCH, pong(PING_TIME.plusSeconds(1))).isEmpty());
        assertEquals(Optional.of(1L), replies.answered(EPOCH, echoed("a")).map(PendingReplies.Pending::id));
        assertEquals(Optional.of(2L), replies.answered(EPOCH, echoed("b")).map(PendingReplies.Pending::id));
    }
}
