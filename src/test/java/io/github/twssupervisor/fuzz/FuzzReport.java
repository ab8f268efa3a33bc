package io.github.twssupervisor.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a fuzz campaign counted, per decoder and message kind, and every failure with the seed that rebuilds it. Also
 * the case now running, for the watchdog that reports a case that never ends ({@link FuzzMain}).
 */
final class FuzzReport {

    /** Hex of at most this many bytes per failing frame; the seed rebuilds the rest. */
    private static final int MAX_HEX_BYTES = 4096;
    /** Failures printed in full; the rest are counted. */
    private static final int MAX_PRINTED = 20;

    private final Map<String, Row> rows = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final AtomicReference<Running> running = new AtomicReference<>();

    /** One line of the summary: frames of one kind through one decoder. */
    static final class Row {
        final String campaign;
        final String decoder;
        final String kind;
        final String versions;
        long frames;
        long decodes;
        long decoded;
        long rejected;
        long failures;
        long nanos;

        Row(String campaign, String decoder, String kind, String versions) {
            this.campaign = campaign;
            this.decoder = decoder;
            this.kind = kind;
            this.versions = versions;
        }
    }

    /**
     * A case that broke the contract.
     *
     * @param campaign what ran it
     * @param kind     the decoder and message kind
     * @param caseSeed the seed that rebuilds it
     * @param version  the server version, or "-"
     * @param origin   the seed frame and the damage
     * @param error    what happened
     * @param payload  the frame (or stream)
     */
    record Failure(String campaign, String kind, long caseSeed, String version, String origin, String error,
                   byte[] payload) {
    }

    /**
     * The case being decoded.
     *
     * @param campaign its campaign
     * @param caseSeed its seed
     * @param payload  its frame
     * @param started  {@link System#nanoTime()} at its start
     */
    record Running(String campaign, long caseSeed, byte[] payload, long started) {
    }

    Row row(String campaign, String decoder, String kind, String versions) {
        return rows.computeIfAbsent(campaign + "\0" + decoder + "\0" + kind,
                k -> new Row(campaign, decoder, kind, versions));
    }

    void fail(Row row, Failure failure) {
        row.failures++;
        failures.add(failure);
    }

    void start(String campaign, long caseSeed, byte[] payload) {
        running.lazySet(new Running(campaign, caseSeed, payload, System.nanoTime()));
    }

    Running running() {
        return running.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    long total(String campaign) {
        return rows.values().stream().filter(r -> r.campaign.equals(campaign)).mapToLong(r -> r.frames).sum();
    }

    /** Prints the summary table, then the failures. */
    void print(PrintStream out) {
        out.println("| campaign | decoder | message kind | versions | frames | decodes | decoded | rejected | failures"
                + " | frames/s | decodes/s |");
        out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing((Row r) -> r.campaign).thenComparing(r -> r.decoder)
                .thenComparing(r -> r.kind));
        for (Row r : sorted) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %,.0f | %,.0f |%n",
                    r.campaign, r.decoder, r.kind, r.versions, r.frames, r.decodes, r.decoded, r.rejected, r.failures,
                    rate(r.frames, r.nanos), rate(r.decodes, r.nanos));
        }
        for (String campaign : List.of("decoders", "requests", "framing")) {
            long frames = 0;
            long decodes = 0;
            long failed = 0;
            long nanos = 0;
            for (Row r : rows.values()) {
                if (r.campaign.equals(campaign)) {
                    frames += r.frames;
                    decodes += r.decodes;
                    failed += r.failures;
                    nanos += r.nanos;
                }
            }
            if (frames > 0) {
                out.printf(Locale.ROOT, "| **%s** | all | all | %s | **%,d** | **%,d** | | | **%,d** | **%,.0f** |"
                        + " **%,.0f** |%n", campaign, campaign.equals("framing") ? "-" : FuzzCampaign.VERSIONS, frames,
                        decodes, failed, rate(frames, nanos), rate(decodes, nanos));
            }
        }
        for (Failure f : failures.subList(0, Math.min(MAX_PRINTED, failures.size()))) {
            out.println(describe(f));
        }
        if (failures.size() > MAX_PRINTED) {
            out.println("... and " + (failures.size() - MAX_PRINTED) + " more failures");
        }
    }

    private static double rate(long count, long nanos) {
        return nanos == 0 ? 0.0 : count * 1e9 / nanos;
    }

    static String describe(Failure f) {
        byte[] shown = f.payload().length > MAX_HEX_BYTES ? Arrays.copyOf(f.payload(), MAX_HEX_BYTES)
                : f.payload();
        return "FAILURE " + f.campaign() + " " + f.kind() + " at server version " + f.version() + ": " + f.error()
                + "\n  from: " + f.origin()
                + "\n  replay: mvn -B -o verify -Pfuzz -Dfuzz.campaigns=" + f.campaign() + " -Dfuzz.seed="
                + f.caseSeed() + " -D" + FuzzCampaign.countProperty(f.campaign()) + "=1"
                + "\n  frame (" + f.payload().length + " bytes" + (shown.length < f.payload().length ? ", first "
                + shown.length : "") + "): " + HexFormat.of().formatHex(shown);
    }
}
