package io.github.twssupervisor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks of issues 6, 12 and 16 (codec, throughput, roundtrip, recovery, footprint, handshake, json) and prints one table of figures, baselines and goals; also writes it to
 * {@code target/bench/results.md}. Run it with {@code mvn -B -Pbench verify [-Dbench=codec,throughput,handshake,...]}, which
 * builds the jar first (the footprint benchmark starts it) and runs this class in a JVM of its own.
 *
 * <p>Knobs, as system properties: {@code bench.ticks} (blast size, 2,000,000), {@code bench.runs} (throughput runs,
 * 7, after 2 unrecorded warm-up rounds), {@code bench.samples} (round trips, 1,000), {@code bench.restarts} (recovery cycles, 5),
 * {@code bench.subscriptions} (footprint, 10,000),
 * {@code bench.handshakes} (socket open -> READY samples, 20, after 5 unrecorded), {@code bench.json.messages} (each
 * JSON throughput run, 200,000) and {@code bench.json.seconds} (the most a JSON throughput run may take, 10).
 */
public final class BenchMain {

    private static final List<String> ALL = List.of("codec", "throughput", "roundtrip", "recovery", "footprint",
            "handshake", "json");

    private BenchMain() {
    }

    /**
     * @param args one argument: a comma-separated list of benchmarks, or {@code all}
     */
    public static void main(String[] args) throws Exception {
        Set<String> chosen = chosen(args.length == 0 ? "all" : args[0]);
        List<BenchResult> results = new ArrayList<>();
        System.out.printf("tws-supervisor benchmarks: %s; %d cores, %s %s, max heap %s%n", chosen,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), BenchSupport.mib(Runtime.getRuntime().maxMemory()));
        for (String name : chosen) {
            System.out.println("== " + name);
            List<BenchResult> found = switch (name) {
                case "codec" -> new CodecBench().run();
                case "throughput" -> new ThroughputBench(Long.getLong("bench.ticks", 2_000_000),
                        Integer.getInteger("bench.runs", 7)).run();
                case "roundtrip" -> new RoundTripBench(Integer.getInteger("bench.samples", 1_000), 25).run();
                case "recovery" -> new RecoveryBench(Integer.getInteger("bench.restarts", 5)).run();
                case "footprint" -> new FootprintBench(Integer.getInteger("bench.subscriptions", 10_000)).run();
                case "handshake" -> new HandshakeBench(Integer.getInteger("bench.handshakes", 20)).run();
                case "json" -> new JsonProfileBench(Integer.getInteger("bench.samples", 1_000),
                        Long.getLong("bench.json.messages", 200_000),
                        java.time.Duration.ofSeconds(Long.getLong("bench.json.seconds", 10))).run();
                default -> throw new IllegalStateException(name);
            };
            found.forEach(r -> System.out.println("  " + r.markdownRow()));
            results.addAll(found);
        }
        String table = BenchResult.markdownHeader() + "\n"
                + results.stream().map(BenchResult::markdownRow).collect(Collectors.joining("\n"));
        System.out.println();
        System.out.println(table);
        write(Path.of("target", "bench", "results.md"), table);
        // Actor systems of the benchmarks are terminated; JMH's and the JDK's helper threads must not hold the JVM.
        System.exit(0);
    }

    private static Set<String> chosen(String arg) {
        if (arg.isBlank() || arg.equals("all")) {
            return new LinkedHashSet<>(ALL);
        }
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(arg.split(",")));
        chosen.removeIf(String::isBlank);
        for (String name : chosen) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown benchmark '" + name + "'; choose from " + ALL + " or all");
            }
        }
        return chosen;
    }

    private static void write(Path file, String table) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table + "\n");
            System.out.println("written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
