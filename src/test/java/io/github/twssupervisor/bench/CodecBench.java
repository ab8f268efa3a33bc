package io.github.twssupervisor.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issues 6 and 12, benchmark 1: runs {@link CodecBenchmark} under JMH (one thread, one fork) and reports each score.
 * Goals: tickPrice decoded at >= 10 M frames/s (issue 12: unchanged from the figures since issue 6), every other decode
 * at >= 5 M/s.
 */
final class CodecBench {

    private static final double GOAL_DECODES_PER_SECOND = 5_000_000;
    private static final double GOAL_TICK_PRICE_PER_SECOND = 10_000_000;

    List<BenchResult> run() {
        Collection<RunResult> runs;
        try {
            runs = new Runner(new OptionsBuilder().include(CodecBenchmark.class.getName()).threads(1).build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        List<BenchResult> results = new ArrayList<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            double score = run.getPrimaryResult().getScore();
            double error = run.getPrimaryResult().getScoreError();
            String figure = String.format("%,.0f ops/s ± %,.0f", score, error);
            if (method.startsWith("decode")) {
                double goal = method.startsWith("decodeTickPrice") ? GOAL_TICK_PRICE_PER_SECOND
                        : GOAL_DECODES_PER_SECOND;
                results.add(BenchResult.of("codec " + method + " (1 thread)", figure, ">= " + BenchSupport.perSecond(goal),
                        score >= goal));
            } else {
                results.add(BenchResult.info("codec " + method + " (1 thread)", figure));
            }
        }
        return results;
    }
}
