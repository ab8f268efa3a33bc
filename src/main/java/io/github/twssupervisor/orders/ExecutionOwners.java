package io.github.twssupervisor.orders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which order each recent execution belongs to: a commissionReport names only the execId. A commission can also come
 * before its execution reaches the book (reqExecutions' commissions arrive while its rows wait for their End), so
 * such commissions wait here for their fill. Bounded: the oldest are forgotten, and a commission for a forgotten
 * execution is reported with order id 0. Plain Java owned by the book.
 */
final class ExecutionOwners {

    /** Executions remembered. */
    static final int MAX = 100_000;

    private final Map<String, Integer> owners = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX;
        }
    };

    private final Map<String, CommissionReport> early = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommissionReport> eldest) {
            return size() > MAX;
        }
    };

    /** @param report a commission whose execution the book has not seen yet */
    void holdEarly(CommissionReport report) {
        early.put(report.execId(), report);
    }

    /** @return the commission that came before this execution, if one did */
    java.util.Optional<CommissionReport> takeEarly(String execId) {
        return java.util.Optional.ofNullable(early.remove(execId));
    }

    void put(String execId, int orderId) {
        owners.put(execId, orderId);
    }

    /** @return the order of the execution, 0 if unknown */
    int orderOf(String execId) {
        return owners.getOrDefault(execId, 0);
    }

    /** @return whether the book has seen the execution */
    boolean knows(String execId) {
        return owners.containsKey(execId);
    }
}
