package io.github.twssupervisor.orders;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The requests waiting for TWS's answer to reqOpenOrders (or reqCompletedOrders), which carries no request id: TWS
 * answers them in order, each with rows and an End, so the oldest waiting request owns the next End. Every waiting
 * request takes every row (keyed, so a row repeated by two answers counts once), and one that timed out stays in line
 * until its End comes, so that the answers stay matched to their requests. Plain Java owned by the order book.
 *
 * @param <T> a row
 */
final class AnswerQueue<T> {

    /** One waiting request. */
    private static final class Waiting<T> {
        private final long id;
        private final Map<Object, T> rows = new LinkedHashMap<>();
        private final BiConsumer<List<T>, String> done;
        private boolean expired;

        private Waiting(long id, BiConsumer<List<T>, String> done) {
            this.id = id;
            this.done = done;
        }
    }

    /** Rows a waiting request holds at most: more is a flood, and the request fails. */
    static final int MAX_ROWS = 100_000;

    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private final Function<T, Object> key;
    private long nextId;

    /** @param key what makes two rows the same order */
    AnswerQueue(Function<T, Object> key) {
        this.key = key;
    }

    /**
     * @param done told the rows at the End (and a null reason), or null rows and why the request failed (timeout,
     *             flood, lost connection)
     * @return the request's id, for its timeout
     */
    long add(BiConsumer<List<T>, String> done) {
        long id = nextId++;
        waiting.addLast(new Waiting<>(id, done));
        return id;
    }

    void row(T row) {
        for (Waiting<T> w : waiting) {
            if (!w.expired) {
                w.rows.put(key.apply(row), row);
                if (w.rows.size() > MAX_ROWS) {
                    expire(w, "more than " + MAX_ROWS + " orders in one answer");
                }
            }
        }
    }

    void end() {
        Waiting<T> first = waiting.pollFirst();
        if (first != null && !first.expired) {
            first.done.accept(new ArrayList<>(first.rows.values()), null);
        }
    }

    /**
     * The request with this id took too long: it fails now, and still owns the next End.
     *
     * @param reason for a person
     */
    void timedOut(long id, String reason) {
        waiting.stream().filter(w -> w.id == id && !w.expired).findFirst().ifPresent(w -> expire(w, reason));
    }

    /**
     * The request never went out (the pacer refused it): it leaves the line, since no End will come for it.
     *
     * @param reason for a person
     */
    void notSent(long id, String reason) {
        waiting.stream().filter(w -> w.id == id).findFirst().ifPresent(w -> {
            waiting.remove(w);
            if (!w.expired) {
                w.done.accept(null, reason);
            }
        });
    }

    /**
     * The connection is gone, or the request never went out: no End will come for any of them.
     *
     * @param reason for a person
     */
    void failAll(String reason) {
        List<Waiting<T>> all = new ArrayList<>(waiting);
        waiting.clear();
        all.stream().filter(w -> !w.expired).forEach(w -> w.done.accept(null, reason));
    }

    private void expire(Waiting<T> w, String reason) {
        w.expired = true;
        w.rows.clear();
        w.done.accept(null, reason);
    }
}
