package io.github.twssupervisor.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.javadsl.Adapter;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.testkit.TestSubscriber;
import akka.stream.testkit.javadsl.TestSink;
import akka.util.ByteString;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.SessionCodec.TwsError;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The socket stream's inbound stage: the version frame read in the stream, later frames decoded with its version,
 * batches, and runs of identical notices coalesced.
 */
class InboundBatchesTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int VERSION = 187;
    private static final String CONNECTION_TIME = "20261203 10:30:00 UTC";

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** Decodes a frame into a session event when it is one, and into its text fields otherwise (for the dispatcher). */
    private record Recorded(int serverVersion, List<String> fields) {
    }

    private static final class RecordingDecoder implements InboundDecoder<List<Recorded>> {
        @Override
        public Optional<List<Recorded>> decode(int serverVersion, List<byte[]> payloads, List<SessionEvent> session) {
            List<Recorded> rest = new ArrayList<>();
            for (byte[] payload : payloads) {
                List<String> fields = io.github.twssupervisor.wire.Frames.fields(payload);
                if (fields.get(0).equals("4")) {
                    session.add(new TwsSessionEvent.Error(TwsError.of(-1, Integer.parseInt(fields.get(3)),
                            fields.get(4), 0)));
                } else {
                    rest.add(new Recorded(serverVersion, fields));
                }
            }
            return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        }

        @Override
        public void deliver(long epoch, List<Recorded> decoded, akka.actor.typed.ActorRef<akka.Done> taken) {
            throw new UnsupportedOperationException("the stage never delivers");
        }
    }

    /** The stage takes whole frames, header included, as {@code TwsFraming.framedInto} cuts them. */
    private static ByteString payload(byte[] frame) {
        return ByteString.fromArray(frame);
    }

    private static byte[] versionFrameBytes() {
        return Handshake.serverHelloFrame(new Handshake.ServerHello(VERSION, CONNECTION_TIME));
    }

    private static ByteString versionFrame() {
        return payload(versionFrameBytes());
    }

    private static ByteString notice(int code, String text) {
        return payload(SessionCodec.error(VERSION, TwsError.of(-1, code, text, 0)));
    }

    private static ByteString message(String... fields) {
        return payload(FieldWriter.frameOf(List.of(fields)));
    }

    private static List<InboundBatch<List<Recorded>>> run(List<ByteString> payloads) throws Exception {
        return Source.from(payloads)
                .via(InboundBatches.decoded(new RecordingDecoder()))
                .runWith(Sink.seq(), testKit.system())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** All the batches' events in order: what the socket actor would hand on. */
    private static List<Object> flattened(List<InboundBatch<List<Recorded>>> batches) {
        List<Object> all = new ArrayList<>();
        for (InboundBatch<List<Recorded>> batch : batches) {
            all.addAll(batch.session());
            batch.forDispatcher().ifPresent(all::addAll);
        }
        return all;
    }

    @Test
    void framesBeforeTheVersionFrameAreIgnoredAndLaterOnesDecodedWithItsVersion() throws Exception {
        List<InboundBatch<List<Recorded>>> batches = run(List.of(message("news", "x", "y"), versionFrame(),
                message("9", "1", "1001")));
        assertEquals(List.of(new TwsSessionEvent.ServerVersion(VERSION, CONNECTION_TIME),
                new Recorded(VERSION, List.of("9", "1", "1001"))), flattened(batches));
        assertEquals(3, batches.stream().mapToInt(InboundBatch::frames).sum(), "every frame is counted");
    }

    @Test
    void aFrameOfTwoFieldsWhoseVersionIsNoNumberFailsTheStream() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> run(List.of(message("banana",
                CONNECTION_TIME), versionFrame())));
        assertInstanceOf(WireFormatException.class, failure.getCause());
        assertEquals("not a TWS server version: 'banana'", failure.getCause().getMessage());
    }

    @Test
    void aZeroLengthFrameFailsTheStreamWithAWireFormatError() {
        byte[] empty = new byte[WireLimits.LENGTH_PREFIX_BYTES];
        ExecutionException failure = assertThrows(ExecutionException.class, () -> Source.single(
                        ByteString.fromArray(Arrays.copyOf(versionFrameBytes(), versionFrameBytes().length)).concat(
                                ByteString.fromArray(empty)))
                .via(TwsFraming.framedInto(InboundBatches.decoded(new RecordingDecoder())))
                .runWith(Sink.seq(), testKit.system())
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(WireFormatException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("zero-length"), failure.getCause().getMessage());
    }

    @Test
    void withoutAVersionFrameNothingIsDecoded() throws Exception {
        List<InboundBatch<List<Recorded>>> batches = run(List.of(message("9", "1", "1001")));
        assertEquals(List.of(), flattened(batches));
        assertEquals(1, batches.stream().mapToInt(InboundBatch::frames).sum());
    }

    @Test
    void aRunOfIdenticalNoticesIsOneEventThatCountsThemAndOrderIsKept() {
        SessionEvent farmOk = new TwsSessionEvent.Error(TwsError.of(-1, TwsErrorCode.MARKET_DATA_FARM_OK, "ok", 1));
        SessionEvent lost = new TwsSessionEvent.Error(TwsError.of(-1, TwsErrorCode.CONNECTIVITY_LOST, "lost", 2));
        SessionEvent kept = new TwsSessionEvent.Error(TwsError.of(-1, TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT,
                "kept", 3));
        SessionEvent id = new TwsSessionEvent.NextValidId(5);
        List<SessionEvent> coalesced = InboundBatches.coalesced(List.of(farmOk, farmOk, farmOk, lost, kept, lost,
                lost, id, farmOk));
        assertEquals(List.of(new TwsSessionEvent.Error(((TwsSessionEvent.Error) farmOk).error(), 3), lost, kept,
                new TwsSessionEvent.Error(((TwsSessionEvent.Error) lost).error(), 2), id, farmOk), coalesced);
    }

    @Test
    void aFloodOfOneNoticeBecomesFewEventsEachCountingItsRepeats() throws Exception {
        int flood = 20_000;
        List<ByteString> payloads = new ArrayList<>();
        payloads.add(versionFrame());
        for (int i = 0; i < flood; i++) {
            payloads.add(notice(TwsErrorCode.MARKET_DATA_FARM_OK, "Market data farm connection is OK:usfarm"));
        }
        // Demand one batch at a time, as the socket actor does: the stage batches while it waits.
        TestSubscriber.Probe<InboundBatch<List<Recorded>>> probe = Source.from(payloads)
                .via(InboundBatches.decoded(new RecordingDecoder()))
                .runWith(TestSink.probe(Adapter.toClassic(testKit.system())), testKit.system());
        List<InboundBatch<List<Recorded>>> batches = new ArrayList<>();
        for (int frames = 0; frames < payloads.size(); frames += batches.get(batches.size() - 1).frames()) {
            probe.request(1);
            batches.add(probe.expectNext());
        }
        probe.request(1);
        probe.expectComplete();
        int repeats = 0;
        int events = 0;
        for (Object event : flattened(batches)) {
            if (event instanceof TwsSessionEvent.Error notice) {
                repeats += notice.repeats();
                events++;
            }
        }
        assertEquals(flood, repeats, "every notice is counted");
        assertTrue(events <= batches.size(), events + " events in " + batches.size() + " batches");
        assertTrue(batches.size() < flood, "frames were batched while downstream was busy: " + batches.size());
    }
}
