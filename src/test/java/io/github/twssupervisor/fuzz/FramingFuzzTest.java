package io.github.twssupervisor.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.japi.pf.PFBuilder;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The frame splitter under random byte streams cut into random chunks, against a reference model of the framing rules
 * (TWS-WIRE.md §1): the stream emits exactly the payloads of the complete, valid frames at the start of the input, then
 * completes if nothing is left or fails with {@link WireFormatException} at the first truncated, zero-length or
 * oversized frame. An oversized announced length fails at once, with the connection still open: nothing waits for, or
 * buffers towards, gigabytes.
 */
class FramingFuzzTest {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    /** Generous for a stream of a few kilobytes; an awaited 2 GiB frame would never finish. */
    private static final long TIMEOUT_SECONDS = 5;

    @AfterContainer
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Property(tries = 200)
    void payloadsEmitsTheValidFramesThenCompletesOrFailsWithAWireFormatError(@ForAll("streams") byte[] input,
                                                                            @ForAll("chunkSizes") List<Integer> cuts)
            throws Exception {
        Outcome outcome = run(TwsFraming.payloads(), chunks(input, cuts));
        assertPrefixOfInput(outcome, input);
        assertEquals(model(input, 0), outcome);
    }

    @Property(tries = 200)
    void serverInboundChecksThePreambleThenFrames(@ForAll("preambles") byte[] preamble, @ForAll("streams") byte[] rest,
                                                  @ForAll("chunkSizes") List<Integer> cuts) throws Exception {
        byte[] input = concat(preamble, rest);
        Outcome outcome = run(TwsFraming.serverInbound(), chunks(input, cuts));
        int preambleLength = Handshake.preamble().length;
        Outcome expected;
        if (input.length < preambleLength) {
            expected = new Outcome(List.of(), null);
        } else if (!Handshake.isPreamble(Arrays.copyOf(input, preambleLength))) {
            expected = new Outcome(List.of(), WireFormatException.class.getSimpleName());
        } else {
            expected = model(input, preambleLength);
        }
        assertEquals(expected, outcome);
    }

    /** Announced lengths above 0xFFFFFF, up to 2^32 - 1, with the connection left open after a few bytes. */
    @Property(tries = 100)
    void anOversizedLengthFailsPromptlyWhileTheConnectionStaysOpen(@ForAll("oversizedLengths") long length,
                                                                 @ForAll("chunkSizes") List<Integer> cuts)
            throws Exception {
        assertFailsPromptlyWhileOpen(concat(header(length), "abc".getBytes()), cuts);
    }

    @Example
    void twoGibibyteAndFourGibibyteAnnouncementsFailPromptly() throws Exception {
        for (long length : new long[] {0x7FFFFFFFL, 0xFFFFFFFFL, 0x80000000L, 0x7FFFFFFCL, 0x1000000L}) {
            assertFailsPromptlyWhileOpen(concat(header(length), "abc".getBytes()), List.of(64));
            assertFailsPromptlyWhileOpen(concat(header(length), "abc".getBytes()), List.of(1));
        }
    }

    @Example
    void aZeroLengthFrameFailsPromptlyWhileTheConnectionStaysOpen() throws Exception {
        assertFailsPromptlyWhileOpen(concat(header(0), "abc".getBytes()), List.of(64));
        assertFailsPromptlyWhileOpen(concat(header(0), "abc".getBytes()), List.of(1));
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> valid = Mutations.noise(300).filter(p -> p.length > 0).map(Frames::frame);
        Arbitrary<byte[]> zeroLength = Arbitraries.just(header(0));
        Arbitrary<byte[]> oversized = oversizedLengths().map(FramingFuzzTest::header);
        Arbitrary<byte[]> truncated = Mutations.noise(300).filter(p -> p.length > 0)
                .map(p -> Arrays.copyOf(Frames.frame(p), WireLimits.LENGTH_PREFIX_BYTES + p.length - 1));
        Arbitrary<byte[]> segment = Arbitraries.frequencyOf(
                Tuple.of(8, valid), Tuple.of(1, zeroLength), Tuple.of(1, oversized), Tuple.of(1, truncated),
                Tuple.of(1, Mutations.noise(12)));
        return segment.list().ofMaxSize(8).map(FramingFuzzTest::concat);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 16)),
                Tuple.of(1, Arbitraries.integers().between(1, 1000))).list().ofMinSize(1).ofMaxSize(10)
                .withoutEdgeCases();
    }

    @Provide
    Arbitrary<byte[]> preambles() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Handshake.preamble())),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(4)),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(i -> {
                    byte[] almost = Handshake.preamble();
                    almost[i] ^= 0x20;
                    return almost;
                }))).withoutEdgeCases();
    }

    @Provide
    Arbitrary<Long> oversizedLengths() {
        return Arbitraries.oneOf(Arbitraries.longs().between(WireLimits.MAX_FRAME_PAYLOAD + 1L, 0xFFFFFFFFL),
                Arbitraries.of(WireLimits.MAX_FRAME_PAYLOAD + 1L, 0x7FFFFFFBL, 0x7FFFFFFCL, 0x7FFFFFFFL, 0x80000000L,
                        0xFFFFFFFFL));
    }

    /**
     * What the stages emitted, and the simple name of the exception they failed with (null if they completed).
     *
     * @param payloads the payloads emitted, as byte arrays
     * @param failure  the failure's type, or null
     */
    private record Outcome(List<List<Byte>> payloads, String failure) {
    }

    private static Outcome run(Flow<ByteString, ?, NotUsed> flow, List<ByteString> chunks)
            throws Exception {
        List<Object> events = Source.from(chunks).via(flow).<Object>map(p -> p)
                .recover(new PFBuilder<Throwable, Object>().match(Throwable.class, e -> e).build())
                .runWith(Sink.seq(), TEST_KIT.system()).toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<List<Byte>> payloads = new ArrayList<>();
        String failure = null;
        for (Object event : events) {
            if (event instanceof ByteString payload) {
                payloads.add(bytes(payload.toArray()));
            } else {
                Throwable error = (Throwable) event;
                assertInstanceOf(WireFormatException.class, error, "the stream failed with " + error);
                failure = error.getClass().getSimpleName();
            }
        }
        return new Outcome(payloads, failure);
    }

    private static void assertFailsPromptlyWhileOpen(byte[] input, List<Integer> cuts) throws Exception {
        assertFailsPromptlyWhileOpen(TwsFraming.payloads(), input, cuts);
    }

    private static void assertFailsPromptlyWhileOpen(Flow<ByteString, ?, NotUsed> flow, byte[] input,
                                                     List<Integer> cuts) throws Exception {
        List<Object> events = Source.from(chunks(input, cuts)).concat(Source.maybe()).via(flow)
                .<Object>map(p -> p)
                .recover(new PFBuilder<Throwable, Object>().match(Throwable.class, e -> e).build())
                .runWith(Sink.seq(), TEST_KIT.system()).toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, events.size(), "expected only a failure, got " + events);
        assertInstanceOf(WireFormatException.class, events.get(0));
        long announced = Frames.readLength(input, 0);
        String reason = ((Throwable) events.get(0)).getMessage();
        assertTrue(announced == 0 || !reason.contains("zero-length"), announced + " failed as: " + reason);
    }

    /** The concatenation of the emitted payloads with their length prefixes put back is the start of the input. */
    private static void assertPrefixOfInput(Outcome outcome, byte[] input) {
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        for (List<Byte> payload : outcome.payloads()) {
            rebuilt.writeBytes(header(payload.size()));
            payload.forEach(rebuilt::write);
        }
        byte[] prefix = rebuilt.toByteArray();
        assertTrue(prefix.length <= input.length, "emitted more than the input");
        assertArrayEquals(Arrays.copyOf(input, prefix.length), prefix);
        if (outcome.failure() == null) {
            assertEquals(input.length, prefix.length, "completed with unframed bytes left over");
        }
    }

    /** The framing rules, read off TWS-WIRE.md §1, from {@code offset} on. */
    private static Outcome model(byte[] input, int offset) {
        List<List<Byte>> payloads = new ArrayList<>();
        int position = offset;
        while (position < input.length) {
            if (input.length - position < WireLimits.LENGTH_PREFIX_BYTES) {
                return new Outcome(payloads, WireFormatException.class.getSimpleName()); // truncated header
            }
            long length = Frames.readLength(input, position);
            int start = position + WireLimits.LENGTH_PREFIX_BYTES;
            if (length == 0 || length > WireLimits.MAX_FRAME_PAYLOAD || input.length - start < length) {
                return new Outcome(payloads, WireFormatException.class.getSimpleName());
            }
            payloads.add(bytes(Arrays.copyOfRange(input, start, start + (int) length)));
            position = start + (int) length;
        }
        return new Outcome(payloads, null);
    }

    private static List<ByteString> chunks(byte[] input, List<Integer> cuts) {
        List<ByteString> chunks = new ArrayList<>();
        int position = 0;
        for (int i = 0; position < input.length; i++) {
            int size = Math.min(cuts.get(i % cuts.size()), input.length - position);
            chunks.add(ByteString.fromArray(input, position, size));
            position += size;
        }
        return chunks;
    }

    private static byte[] header(long length) {
        byte[] header = new byte[WireLimits.LENGTH_PREFIX_BYTES];
        Frames.writeLength(header, 0, (int) length);
        return header;
    }

    private static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>(array.length);
        for (byte b : array) {
            list.add(b);
        }
        return list;
    }

    private static byte[] concat(byte[]... parts) {
        return concat(Arrays.asList(parts));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
