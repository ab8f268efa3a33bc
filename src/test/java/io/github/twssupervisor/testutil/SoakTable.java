package io.github.twssupervisor.testutil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A soak's faults by kind: how many were injected and recovered, and the recovery times' mean, p99 and max, as a
 * Markdown table. One long per recovery (a 30-minute run keeps about a thousand).
 */
public final class SoakTable {

    private final Map<String, Integer> injected = new HashMap<>();
    private final Map<String, List<Long>> recoveries = new HashMap<>();

    public void injected(String kind) {
        injected.merge(kind, 1, Integer::sum);
    }

    public void recovered(String kind, long millis) {
        recoveries.computeIfAbsent(kind, k -> new ArrayList<>()).add(millis);
    }

    /** @return faults injected, every kind */
    public int injectedTotal() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return faults recovered, every kind */
    public int recoveredTotal() {
        return recoveries.values().stream().mapToInt(List::size).sum();
    }

    /**
     * @param kinds the rows, in order
     * @return the table, with a total row
     */
    public String render(List<String> kinds) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("| %-24s | %8s | %9s | %7s | %7s | %7s |%n", "fault", "injected", "recovered",
                "mean ms", "p99 ms", "max ms"));
        table.append(String.format("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(26), "-".repeat(10), "-".repeat(11),
                "-".repeat(9), "-".repeat(9), "-".repeat(9)));
        List<Long> everything = new ArrayList<>();
        for (String kind : kinds) {
            List<Long> times = recoveries.getOrDefault(kind, List.of());
            everything.addAll(times);
            table.append(row(kind, injected.getOrDefault(kind, 0), times));
        }
        table.append(row("all", injectedTotal(), everything));
        return table.toString();
    }

    private static String row(String label, int count, List<Long> times) {
        if (times.isEmpty()) {
            return String.format("| %-24s | %8d | %9d | %7s | %7s | %7s |%n", label, count, 0, "-", "-", "-");
        }
        List<Long> sorted = times.stream().sorted().toList();
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
        long p99 = sorted.get(Math.max(0, (int) Math.ceil(0.99 * sorted.size()) - 1));
        long max = sorted.get(sorted.size() - 1);
        return String.format("| %-24s | %8d | %9d | %7.0f | %7d | %7d |%n", label, count, times.size(), mean, p99,
                max);
    }
}
