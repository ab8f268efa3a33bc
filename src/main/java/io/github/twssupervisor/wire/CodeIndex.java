package io.github.twssupervisor.wire;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A guarded lookup from a wire code to its constant, by array index: the codes are small and dense, and the lookup
 * runs once or twice per frame. The array holds the {@code Optional} answers themselves, built once, so that a lookup
 * allocates nothing whether or not escape analysis removes the wrapper.
 *
 * @param <E> the constant type
 */
public final class CodeIndex<E> {

    private final Optional<E>[] byCode;

    /**
     * @param values the constants that have a code (none negative)
     * @param code   the code of a constant
     */
    public CodeIndex(E[] values, ToIntFunction<E> code) {
        int max = 0;
        for (E value : values) {
            max = Math.max(max, code.applyAsInt(value));
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
        Optional<E>[] table = new Optional[max + 1];
        Arrays.fill(table, Optional.empty());
        for (E value : values) {
            table[code.applyAsInt(value)] = Optional.of(value);
        }
        byCode = table;
    }

    /**
     * @param code a code read from the wire
     * @return its constant, or empty for any code not listed (negative, unknown, huge)
     */
    public Optional<E> find(int code) {
        return code >= 0 && code < byCode.length ? byCode[code] : Optional.empty();
    }
}
