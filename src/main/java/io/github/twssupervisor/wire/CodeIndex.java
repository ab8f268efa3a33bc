package io.github.twssupervisor.wire;

import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A guarded lookup from a wire code to its constant, by array index: the codes are small and dense, and the lookup
 * runs once per frame.
 *
 * @param <E> the constant type
 */
public final class CodeIndex<E> {

    private final Object[] byCode;

    public CodeIndex(E[] values, ToIntFunction<E> code) {
        int max = 0;
        for (E value : values) {
            max = Math.max(max, code.applyAsInt(value));
        }
        byCode = new Object[max + 1];
        for (E value : values) {
            byCode[code.applyAsInt(value)] = value;
        }
    }

    /**
     * @param code a code read from the wire
     * @return its constant, or empty for any code not listed (negative, unknown, huge)
     */
    @SuppressWarnings("unchecked")
    public Optional<E> find(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable((E) byCode[code]) : Optional.empty();
    }
}
