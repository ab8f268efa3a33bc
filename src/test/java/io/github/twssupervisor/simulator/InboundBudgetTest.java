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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's inbound limits without a socket: the budget's arithmetic, and the framing stage with a small
 * max-frame-size and the budget around it, as {@link SessionSocket} wires them.
 */
class InboundBudgetTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int MAX_FRAME = 4 * InboundBudget.ALWAYS_ADMITTED;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static final int SMALL = InboundBudget.ALWAYS_ADMITTED;

    @Test
    void sharesTakeAndGiveBackAndTheOneThatWouldPassTheLimitIsRefused() {
        InboundBudget budget = new InboundBudget(10 * SMALL);
        InboundBudget.Share first = budget.share();
        InboundBudget.Share second = budget.share();
        first.admit(bytes(6 * SMALL));
        second.admit(bytes(4 * SMALL));
        assertEquals(10 * SMALL, budget.held());
        InboundBudget.Exceeded e = assertThrows(InboundBudget.Exceeded.class, () -> second.admit(bytes(1)));
        assertTrue(e.getMessage().contains("tws.simulator.max-buffered-bytes (" + 10 * SMALL + ")"),
                e.getMessage());
        assertEquals(10 * SMALL, budget.held(), "a refused read takes nothing");
        first.framed(bytes(2 * SMALL - WireLimits.LENGTH_PREFIX_BYTES));
        assertEquals(4 * SMALL, first.held());
        assertEquals(8 * SMALL, budget.held());
        second.admit(bytes(2 * SMALL));
        first.release();
        assertEquals(6 * SMALL, budget.held());
        second.release();
        assertEquals(0, budget.held());
    }

    @Test
    void aConnectionHoldingLittleIsAdmittedEvenWhenOthersHoldTheWholeBudget() {
        InboundBudget budget = new InboundBudget(4 * SMALL);
        InboundBudget.Share greedy = budget.share();
        greedy.admit(bytes(4 * SMALL));
        InboundBudget.Share polite = budget.share();
        polite.admit(bytes(100));
        polite.admit(bytes(SMALL - 100));
        assertEquals(5 * SMALL, budget.held(), "over the limit by the polite connection's small share");
        assertThrows(InboundBudget.Exceeded.class, () -> polite.admit(bytes(1)));
        assertThrows(InboundBudget.Exceeded.class, () -> greedy.admit(bytes(1)));
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
        Throwable failure = run(budget, List.of(ByteString.fromArray(Handshake.preamble()), header(SMALL),
                bytes(SMALL)));
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
        ExecutionException e = assertThrows(ExecutionException.class, () -> Source.from(chunks)
                .concat(Source.maybe())
                .via(inbound(budget))
                .runWith(Sink.ignore(), TEST_KIT.system()).toCompletableFuture().get(10, TimeUnit.SECONDS));
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
