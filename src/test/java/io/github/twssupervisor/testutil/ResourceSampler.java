package io.github.twssupervisor.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A long run's resources, sampled on a schedule: heap used right after a full GC ({@link MemoryMXBean#gc()}, twice),
 * the live actors the caller counts, the JVM's threads, and its open file descriptors ({@code /proc/self/fd}; -1
 * where there is none, e.g. not Linux). The series is printed, and the heap's growth is fitted by least squares.
 *
 * <p>A sample is taken when the caller asks and one is due ({@link #sampleIfDue()}), so a soak can take it at a quiet
 * point (after a recovery) rather than in the middle of a reconnect.
 */
public final class ResourceSampler {

    /**
     * @param at        since the start
     * @param heapBytes heap used after GC
     * @param actors    live actors, as the caller counts them
     * @param threads   the JVM's live threads
     * @param fds       open file descriptors, or -1 when unknown
     */
    public record Sample(Duration at, long heapBytes, int actors, int threads, int fds) {
        public double minutes() {
            return at.toMillis() / 60_000.0;
        }
    }

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final double MIB = 1 << 20;

    private final IntSupplier actors;
    private final Duration every;
    private final long start = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private long nextDue;

    /**
     * @param actors counts the live actors
     * @param every  how often a sample is due
     */
    public ResourceSampler(IntSupplier actors, Duration every) {
        this.actors = actors;
        this.every = every;
    }

    /** Takes a sample now (the baseline) and schedules the next. */
    public Sample sample() {
        long now = System.nanoTime();
        Sample s = new Sample(Duration.ofNanos(now - start), heapAfterGc(), actors.getAsInt(), threads(), fds());
        samples.add(s);
        nextDue = now + every.toNanos();
        return s;
    }

    /** @return whether a sample was due and taken */
    public boolean sampleIfDue() {
        if (System.nanoTime() - nextDue < 0) {
            return false;
        }
        Sample s = sample();
        System.out.println("soak sample: " + line(s));
        return true;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * @param from the first minute that counts
     * @return the heap's growth in MiB per 10 minutes, fitted by least squares over the samples from that minute on;
     *     empty with fewer than three
     */
    public OptionalDouble heapSlopeMibPer10Min(double from) {
        return heapSlopeMibPer10Min(samples, from);
    }

    /**
     * @param samples the series
     * @param from    the first minute that counts
     * @return the heap's growth in MiB per 10 minutes, fitted by least squares over the samples from that minute on;
     *     empty with fewer than three
     */
    static OptionalDouble heapSlopeMibPer10Min(List<Sample> samples, double from) {
        List<Sample> fit = samples.stream().filter(s -> s.minutes() >= from).toList();
        if (fit.size() < 3) {
            return OptionalDouble.empty();
        }
        double n = fit.size();
        double mx = fit.stream().mapToDouble(Sample::minutes).sum() / n;
        double my = fit.stream().mapToDouble(s -> s.heapBytes() / MIB).sum() / n;
        double sxy = fit.stream().mapToDouble(s -> (s.minutes() - mx) * (s.heapBytes() / MIB - my)).sum();
        double sxx = fit.stream().mapToDouble(s -> (s.minutes() - mx) * (s.minutes() - mx)).sum();
        return sxx == 0 ? OptionalDouble.empty() : OptionalDouble.of(10 * sxy / sxx);
    }

    /** @return the series, one line per sample */
    public String series() {
        StringBuilder b = new StringBuilder(String.format("| %6s | %12s | %6s | %7s | %4s |%n", "minute",
                "heap MiB", "actors", "threads", "fds"));
        b.append(String.format("|%s|%s|%s|%s|%s|%n", "-".repeat(8), "-".repeat(14), "-".repeat(8), "-".repeat(9),
                "-".repeat(6)));
        samples.forEach(s -> b.append(String.format("| %6.1f | %12.1f | %6d | %7d | %4s |%n", s.minutes(),
                s.heapBytes() / MIB, s.actors(), s.threads(), s.fds() < 0 ? "n/a" : String.valueOf(s.fds()))));
        return b.toString();
    }

    private static String line(Sample s) {
        return String.format("minute %.1f heap %.1f MiB, actors %d, threads %d, fds %d", s.minutes(),
                s.heapBytes() / MIB, s.actors(), s.threads(), s.fds());
    }

    /** @return heap used after two full collections */
    public static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** @return the JVM's live threads */
    public static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** @return open file descriptors, or -1 without {@code /proc/self/fd} */
    public static int fds() {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
