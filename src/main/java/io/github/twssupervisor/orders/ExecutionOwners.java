package io.github.twssupervisor.orders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which order each recent execution belongs to: a commissionReport names only the execId. Bounded: the oldest are
 * forgotten, and a commission for a forgotten execution is reported with order id 0. Plain Java owned by the book.
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

    void put(String execId, int orderId) {
        owners.put(execId, orderId);
    }

    /** @return the order of the execution, 0 if unknown */
    int orderOf(String execId) {
        return owners.getOrDefault(execId, 0);
    }
}
