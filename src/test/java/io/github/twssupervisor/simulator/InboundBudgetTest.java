package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's inbound limits without a socket: the budget's arithmetic, and the framing stage with a small
 * max-frame-size and the budget around it, as {@link SessionSocket} wires them.
 */
class InboundBudgetTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int MAX_FRAME = 1024;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void sharesTakeAndGiveBackAndTheOneThatWouldPassTheLimitIsRefused() {
        InboundBudget budget = new InboundBudget(100);
        InboundBudget.Share first = budget.share();
        InboundBudget.Share second = budget.share();
        first.admit(bytes(60));
        second.admit(bytes(40));
        assertEquals(100, budget.held());
        InboundBudget.Exceeded e = assertThrows(InboundBudget.Exceeded.class, () -> second.admit(bytes(1)));
        assertTrue(e.getMessage().contains("tws.simulator.max-buffered-bytes (100)"), e.getMessage());
        assertEquals(100, budget.held(), "a refused read takes nothing");
        first.framed(bytes(20 - WireLimits.LENGTH_PREFIX_BYTES));
        assertEquals(40, first.held());
        assertEquals(80, budget.held());
        second.admit(bytes(20));
        first.release();
        assertEquals(60, budget.held());
        second.release();
        assertEquals(0, budget.held());
    }

    @Test
    void aFrameAnnouncedAboveMaxFrameSizeFailsAtItsHeaderWithoutWaitingForItsBytes() {
        InboundBudget budget = new InboundBudget(1 << 20);
        // The header alone, the payload never comes: the stream fails all the same.
        Throwable failure = run(budget, List.of(ByteString.fromArray(Handshake.preamble()), header(MAX_FRAME + 1)));
        assertInstanceOf(WireFormatException.class, failure);
        assertTrue(failure.getMessage().contains("frame rejected"), failure.getMessage());
        assertHeld(0, budget, "what the connection held is given back when its stream ends");
    }

    @Test
    void aReadThatWouldPassTheBudgetFailsTheConnectionAndFramesWithinItPass() {
        InboundBudget budget = new InboundBudget(MAX_FRAME + WireLimits.LENGTH_PREFIX_BYTES);
        InboundBudget.Share other = budget.share();
        other.admit(bytes(MAX_FRAME)); // another connection's unfinished frame
        Throwable failure = run(budget, List.of(ByteString.fromArray(Handshake.preamble()), header(10), bytes(5)));
        assertInstanceOf(InboundBudget.Exceeded.class, failure);
        assertHeld(MAX_FRAME, budget, "the other connection keeps what it holds");
        other.release();

        List<ByteString> payloads = Source.from(List.of(ByteString.fromArray(Handshake.preamble()), header(3),
                        bytes(3), header(MAX_FRAME), bytes(MAX_FRAME)))
                .via(inbound(budget))
                .runWith(Sink.seq(), TEST_KIT.system()).toCompletableFuture().join();
        assertEquals(List.of(3, MAX_FRAME), payloads.stream().map(ByteString::size).toList());
        assertHeld(0, budget, "every frame was handed on");
    }

    /** The release runs when the stream's termination is signalled, a moment after the failure reached the sink. */
    private static void assertHeld(long expected, InboundBudget budget, String message) {
        TEST_KIT.createTestProbe().awaitAssert(() -> {
            assertEquals(expected, budget.held(), message);
            return null;
        });
    }

    /** The inbound side of a session, as {@link SessionSocket#open} builds it. */
    private static Flow<ByteString, ByteString, ?> inbound(InboundBudget budget) {
        InboundBudget.Share share = budget.share();
        return TwsFraming.serverInbound(MAX_FRAME, Flow.<ByteString>create().map(share::admit))
                .map(share::framed)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, failure) -> share.release());
                    return notUsed;
                });
    }

    /** Runs the chunks through, the stream kept open after them, and returns its failure. */
    private static Throwable run(InboundBudget budget, List<ByteString> chunks) {
        CompletionException e = assertThrows(CompletionException.class, () -> Source.from(chunks)
                .concat(Source.maybe())
                .via(inbound(budget))
                .runWith(Sink.ignore(), TEST_KIT.system()).toCompletableFuture().join());
        return e.getCause();
    }

    private static ByteString header(int length) {
        return ByteString.fromArray(ByteBuffer.allocate(WireLimits.LENGTH_PREFIX_BYTES).putInt(length).array());
    }

    private static ByteString bytes(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'x');
        return ByteString.fromArray(b);
    }
}
