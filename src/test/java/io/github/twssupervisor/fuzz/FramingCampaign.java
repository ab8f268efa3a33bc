package io.github.twssupervisor.fuzz;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.japi.pf.PFBuilder;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.github.twssupervisor.framing.TwsFraming;
import io.github.twssupervisor.fuzz.FuzzReport.Failure;
import io.github.twssupervisor.fuzz.FuzzReport.Row;
import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.WireFormatException;
import io.github.twssupervisor.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The frame splitters under random chunkings, in the large fuzz run ({@link FuzzMain}): a stream of real and random
 * frames, zero-length, oversized and truncated frames and stray bytes, cut into random chunks, through the client's
 * {@link TwsFraming#payloads()} or (after the API preamble) the simulator's {@link TwsFraming#serverInbound()}. The
 * outcome must equal the framing rules' (TWS-WIRE.md §1, the model of {@code FramingFuzzTest}): the payloads of the
 * complete valid frames at the start, then completion, or a {@link WireFormatException} at the first bad frame; a
 * stream that does not finish within 5 s is a failure.
 */
final class FramingCampaign {

    private static final long TIMEOUT_SECONDS = 5;
    private static final int MAX_SEGMENTS = 8;
    /** Streams run side by side. */
    private static final int BATCH = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final FuzzReport report;
    private final ActorSystem<?> system;
    private final List<Labeled> seeds = CampaignSeeds.server();

    FramingCampaign(FuzzReport report, ActorSystem<?> system) {
        this.report = report;
        this.system = system;
    }

    /**
     * Runs {@code count} chunkings from {@code seed}; case {@code i} draws from {@code seed + i * GAMMA}. The streams
     * of a batch run side by side, so the time is the batch's, shared among its cases.
     */
    void run(long seed, long count) throws InterruptedException {
        for (long first = 0; first < count; first += BATCH) {
            List<Case> batch = new ArrayList<>();
            long started = System.nanoTime();
            for (long i = first; i < Math.min(count, first + BATCH); i++) {
                batch.add(start(seed + i * FuzzCampaign.GAMMA));
            }
            report.start("framing", batch.get(0).caseSeed(), batch.get(0).input());
            List<String> outcomes = new ArrayList<>();
            for (Case c : batch) {
                outcomes.add(outcome(c));
            }
            long share = (System.nanoTime() - started) / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                check(batch.get(i), outcomes.get(i), share);
            }
        }
    }

    /** One chunking in flight. */
    private record Case(long caseSeed, boolean server, byte[] input, int chunks,
                        CompletionStage<List<Object>> events) {
    }

    private Case start(long caseSeed) {
        SplittableRandom rng = new SplittableRandom(caseSeed);
        boolean server = rng.nextBoolean();
        byte[] input = server ? concat(List.of(preamble(rng), stream(rng))) : stream(rng);
        List<ByteString> chunks = chunks(input, rng);
        Flow<ByteString, ByteString, NotUsed> flow = server ? TwsFraming.serverInbound() : TwsFraming.payloads();
        CompletionStage<List<Object>> events = Source.from(chunks).via(flow).<Object>map(p -> p)
                .recover(new PFBuilder<Throwable, Object>().match(Throwable.class, e -> e).build())
                .runWith(Sink.seq(), system);
        return new Case(caseSeed, server, input, chunks.size(), events);
    }

    private static String outcome(Case c) throws InterruptedException {
        List<Object> events;
        try {
            events = c.events().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "no end within " + TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return "stream failed with " + e.getCause();
        }
        StringBuilder outcome = new StringBuilder();
        for (Object event : events) {
            if (event instanceof ByteString payload) {
                outcome.append(HEX.formatHex(payload.toArray())).append(" / ");
            } else {
                return outcome + (event instanceof WireFormatException ? "WireFormatException" : event.toString());
            }
        }
        return outcome + "completed";
    }

    private void check(Case c, String outcome, long nanos) {
        Row row = report.row("framing", c.server() ? "TwsFraming.serverInbound" : "TwsFraming.payloads",
                "random chunkings", "-");
        row.frames++;
        row.decodes += c.chunks();
        row.nanos += nanos;
        String expected = c.server() ? serverModel(c.input()) : model(c.input(), 0);
        if (!outcome.equals(expected)) {
            report.fail(row, new Failure("framing", row.decoder, c.caseSeed(), "-", c.chunks() + " chunks",
                    "expected " + expected + ", got " + outcome, c.input()));
        } else if (expected.endsWith("completed")) {
            row.decoded++;
        } else {
            row.rejected++;
        }
    }

    /** The framing rules, from {@code offset} on: the model of {@code FramingFuzzTest}, as text. */
    private static String model(byte[] input, int offset) {
        StringBuilder outcome = new StringBuilder();
        int position = offset;
        while (position < input.length) {
            if (input.length - position < WireLimits.LENGTH_PREFIX_BYTES) {
                return outcome + "WireFormatException"; // truncated header
            }
            long length = Frames.readLength(input, position);
            int start = position + WireLimits.LENGTH_PREFIX_BYTES;
            if (length == 0 || length > WireLimits.MAX_FRAME_PAYLOAD || input.length - start < length) {
                return outcome + "WireFormatException";
            }
            outcome.append(HEX.formatHex(Arrays.copyOfRange(input, start, start + (int) length)))
                    .append(" / ");
            position = start + (int) length;
        }
        return outcome + "completed";
    }

    private static String serverModel(byte[] input) {
        int preamble = Handshake.preamble().length;
        if (input.length < preamble) {
            return "completed";
        }
        return Handshake.isPreamble(Arrays.copyOf(input, preamble)) ? model(input, preamble) : "WireFormatException";
    }

    private byte[] stream(SplittableRandom rng) {
        List<byte[]> segments = new ArrayList<>();
        int count = rng.nextInt(MAX_SEGMENTS + 1);
        for (int i = 0; i < count; i++) {
            int pick = rng.nextInt(12);
            if (pick < 4) {
                segments.add(Frames.frame(seeds.get(rng.nextInt(seeds.size())).payload()));
            } else if (pick < 8) {
                segments.add(Frames.frame(nonEmpty(RandomFrames.noise(rng, 300))));
            } else if (pick < 9) {
                segments.add(header(0));
            } else if (pick < 10) {
                segments.add(header(WireLimits.MAX_FRAME_PAYLOAD + 1L
                        + (rng.nextLong() & Long.MAX_VALUE) % (0xFFFFFFFFL - WireLimits.MAX_FRAME_PAYLOAD)));
            } else if (pick < 11) {
                byte[] frame = Frames.frame(nonEmpty(RandomFrames.noise(rng, 300)));
                segments.add(Arrays.copyOf(frame, frame.length - 1 - rng.nextInt(frame.length - 1)));
            } else {
                segments.add(RandomFrames.noise(rng, 12));
            }
        }
        return concat(segments);
    }

    private static byte[] preamble(SplittableRandom rng) {
        int pick = rng.nextInt(10);
        byte[] preamble = Handshake.preamble();
        if (pick < 8) {
            return preamble;
        } else if (pick < 9) {
            preamble[rng.nextInt(preamble.length)] ^= 0x20;
            return preamble;
        }
        return Arrays.copyOf(RandomFrames.noise(rng, 4), rng.nextInt(5));
    }

    private static List<ByteString> chunks(byte[] input, SplittableRandom rng) {
        int[] cuts = new int[1 + rng.nextInt(10)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = rng.nextInt(4) < 3 ? 1 + rng.nextInt(16) : 1 + rng.nextInt(1000);
        }
        List<ByteString> chunks = new ArrayList<>();
        int position = 0;
        for (int i = 0; position < input.length; i++) {
            int size = Math.min(cuts[i % cuts.length], input.length - position);
            chunks.add(ByteString.fromArray(input, position, size));
            position += size;
        }
        return chunks;
    }

    private static byte[] nonEmpty(byte[] payload) {
        return payload.length == 0 ? new byte[] {'1'} : payload;
    }

    private static byte[] header(long length) {
        byte[] header = new byte[WireLimits.LENGTH_PREFIX_BYTES];
        Frames.writeLength(header, 0, (int) length);
        return header;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
