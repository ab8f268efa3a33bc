package io.github.twssupervisor.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and allocation per group of threads between {@link #start()} and {@link #perTick}, divided by the ticks of a
 * run: where a run's time went (the simulator, the client's socket thread, its actors, the subscriber's dispatcher). JVM threads (GC, JIT) are not
 * Java threads and are not counted.
 */
final class ThreadCpu {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, long[]> before = new HashMap<>();

    private ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            before.put(id, new long[] {THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)});
        }
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** @return e.g. {@code simulator 250 ns 380 B, socket thread 175 ns 266 B, client's actors 120 ns 10 B, subscriber ...} */
    String perTick(long ticks) {
        Map<String, long[]> byGroup = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            long[] then = before.getOrDefault(id, new long[2]);
            long[] sum = byGroup.computeIfAbsent(group(info.getThreadName()), g -> new long[2]);
            sum[0] += cpu - then[0];
            sum[1] += THREADS.getThreadAllocatedBytes(id) - then[1];
        }
        StringBuilder line = new StringBuilder();
        byGroup.forEach((group, sum) -> {
            if (sum[0] >= 1_000_000) {
                line.append(line.length() == 0 ? "" : ", ").append(String.format("%s %.0f ns %.0f B", group,
                        (double) sum[0] / ticks, (double) sum[1] / ticks));
            }
        });
        return line.toString();
    }

    private static String group(String thread) {
        if (thread.startsWith("tws-socket")) {
            return "socket thread";
        } else if (thread.contains("simulator")) {
            return "simulator";
        } else if (thread.contains("tws.client-dispatcher")) {
            return "client's actors";
        } else if (thread.contains("bench-client")) {
            return "subscriber";
        } else if (thread.equals("main")) {
            return "bench thread";
        }
        return "other";
    }
}
