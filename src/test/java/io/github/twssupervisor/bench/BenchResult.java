package io.github.twssupervisor.bench;

import java.util.Optional;

/**
 * One line of the benchmark report: a figure, the baseline it is compared with (if any), and the goal of issues 6 and 12.
 *
 * @param benchmark what was measured
 * @param figure    the measured value, with its unit
 * @param baseline  the baseline's value, or empty when the figure stands alone
 * @param ratio     figure / baseline, as the goal reads it, or empty
 * @param goal      the goal, in words
 * @param met       whether the goal is met; empty when there is no goal
 */
record BenchResult(String benchmark, String figure, Optional<String> baseline, Optional<String> ratio, String goal,
                   Optional<Boolean> met) {

    static BenchResult of(String benchmark, String figure, String goal, boolean met) {
        return new BenchResult(benchmark, figure, Optional.empty(), Optional.empty(), goal, Optional.of(met));
    }

    static BenchResult info(String benchmark, String figure) {
        return new BenchResult(benchmark, figure, Optional.empty(), Optional.empty(), "", Optional.empty());
    }

    static BenchResult compared(String benchmark, String figure, String baseline, String ratio, String goal,
                                boolean met) {
        return new BenchResult(benchmark, figure, Optional.of(baseline), Optional.of(ratio), goal, Optional.of(met));
    }

    /** @return a figure beside its baseline, with no goal of its own */
    static BenchResult compared(String benchmark, String figure, String baseline, String ratio) {
        return new BenchResult(benchmark, figure, Optional.of(baseline), Optional.of(ratio), "", Optional.empty());
    }

    /** @return the row of a Markdown table */
    String markdownRow() {
        return "| " + benchmark + " | " + figure + " | " + baseline.orElse("") + " | " + ratio.orElse("") + " | "
                + goal + " | " + met.map(m -> m ? "met" : "NOT met").orElse("") + " |";
    }

    static String markdownHeader() {
        return "| benchmark | figure | baseline | ratio | goal | |\n|---|---|---|---|---|---|";
    }
}
