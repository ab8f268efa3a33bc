package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.history.HeadTimestamp;
import io.github.twssupervisor.history.HeadTimestampCodec;
import io.github.twssupervisor.history.HeadTimestampRequest;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalDataEvent;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * keepUpToDate: the initial bars and the end, then historicalDataUpdate frames from the {@link HistoricalUpdates} child
 * on its timer (100 ms here), until cancelHistoricalData. The session actor is stood in for by one that owns the
 * handler, forwards {@link SimulatorSession.SendFrame} like the session, and cancels on {@link SimulatorSession.Close}.
 */
class HistoricalDataSessionTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int REQ_ID = 51;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void keepUpToDateStreamsTheFormingBarUntilCancelled() {
        TestProbe<byte[]> frames = TEST_KIT.createTestProbe();
        TEST_KIT.spawn(session(frames));
        HistoricalDataCodec codec = new HistoricalDataCodec();
        assertEquals(IncomingMessageId.HISTORICAL_DATA.code(), idOf(frames.receiveMessage()));
        assertEquals(IncomingMessageId.HISTORICAL_DATA_END.code(), idOf(frames.receiveMessage()));
        for (int i = 0; i < 2; i++) {
            byte[] update = frames.receiveMessage(Duration.ofSeconds(3));
            Addressed addressed = codec.decode(200, IncomingMessageId.HISTORICAL_DATA_UPDATE, readerOf(update));
            assertEquals(RouteKey.request(REQ_ID), addressed.key());
            HistoricalDataEvent.Update u = assertInstanceOf(HistoricalDataEvent.Update.class, addressed.event());
            assertEquals(-1, u.bar().count(), "MIDPOINT has no trades");
        }
    }

    @Test
    void theHeadTimestampIsFixedPerInstrumentInTheAskedFormatAndPacedLikeBars() {
        TestProbe<byte[]> frames = TEST_KIT.createTestProbe();
        TEST_KIT.spawn(Behaviors.<SimulatorSession.Command>setup(ctx -> {
            HistoricalDataSession handler = new HistoricalDataSession(200, 42, frames.ref()::tell, ctx,
                    new SimulatorMetrics(), Clock.systemUTC(), Duration.ofSeconds(5));
            HeadTimestampRequest aapl = new HeadTimestampRequest(Contract.stock("AAPL"), "TRADES", true);
            for (int i = 0; i < 2; i++) { // the second is identical within 15 s: 162
                byte[] request = HeadTimestampCodec.reqHeadTimestamp(61 + i, aapl);
                handler.onRequest(OutgoingMessageId.REQ_HEAD_TIMESTAMP, payloadOf(request), readerOf(request));
            }
            byte[] unknown = HeadTimestampCodec.reqHeadTimestamp(63, new HeadTimestampRequest(Contract.stock("ZZZZ"),
                    "TRADES", true));
            handler.onRequest(OutgoingMessageId.REQ_HEAD_TIMESTAMP, payloadOf(unknown), readerOf(unknown));
            return Behaviors.empty();
        }));
        Addressed head = new HeadTimestampCodec().decode(200, IncomingMessageId.HEAD_TIMESTAMP,
                readerOf(frames.receiveMessage()));
        assertEquals(new Addressed(61, new HeadTimestamp(Instant.parse("1982-06-27T14:30:00Z"))), head);
        assertEquals("162", fields(frames.receiveMessage())[2], "an identical request within 15 s");
        assertEquals("200", fields(frames.receiveMessage())[2], "no such contract");
    }

    private static String[] fields(byte[] frame) {
        return new String(payloadOf(frame), java.nio.charset.StandardCharsets.US_ASCII).split("\0");
    }

    private static Behavior<SimulatorSession.Command> session(TestProbe<byte[]> frames) {
        return Behaviors.setup(ctx -> {
            HistoricalDataSession handler = new HistoricalDataSession(200, 42, frames.ref()::tell, ctx,
                    new SimulatorMetrics(), Clock.systemUTC(), Duration.ofMillis(100));
            HistoricalRequest keep = new HistoricalRequest(Contract.stock("AAPL"), "", "1 D", "1 hour", "MIDPOINT",
                    false, 1, true);
            byte[] request = HistoricalDataCodec.reqHistoricalData(200, REQ_ID, keep);
            handler.onRequest(OutgoingMessageId.REQ_HISTORICAL_DATA, payloadOf(request), readerOf(request));
            return Behaviors.receive(SimulatorSession.Command.class)
                    .onMessage(SimulatorSession.SendFrame.class, f -> {
                        frames.ref().tell(f.frame());
                        return Behaviors.same();
                    })
                    .onMessageEquals(SimulatorSession.Close.INSTANCE, () -> {
                        byte[] cancel = HistoricalDataCodec.cancelHistoricalData(REQ_ID);
                        handler.onRequest(OutgoingMessageId.CANCEL_HISTORICAL_DATA, payloadOf(cancel),
                                readerOf(cancel));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    @Test
    void cancelStopsTheUpdates() {
        TestProbe<byte[]> frames = TEST_KIT.createTestProbe();
        var session = TEST_KIT.spawn(session(frames));
        frames.receiveMessage();
        frames.receiveMessage();
        assertEquals(IncomingMessageId.HISTORICAL_DATA_UPDATE.code(), idOf(frames.receiveMessage(
                Duration.ofSeconds(3))));
        session.tell(SimulatorSession.Close.INSTANCE);
        try { // one update may have been on its way when the cancel stopped the stream
            frames.receiveMessage(Duration.ofMillis(250));
        } catch (AssertionError noneOnItsWay) {
            // nothing was
        }
        frames.expectNoMessage(Duration.ofMillis(400)); // four intervals without an update: the stream stopped
    }

    private static int idOf(byte[] frame) {
        return new FieldReader(payloadOf(frame)).readInt();
    }

    private static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    private static FieldReader readerOf(byte[] frame) {
        return new FieldReader(payloadOf(frame)).skipping(1);
    }
}
