package io.github.twssupervisor.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tick type ids (TWS-WIRE.md §5.6, the official clients' ticktype list). */
class TickTypeTest {

    @ParameterizedTest
    @EnumSource(value = TickType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyListedTypeIsFoundByItsCode(TickType type) {
        assertEquals(type, TickType.fromCode(type.code()));
    }

    @Test
    void listedCodesAreDistinctAndNotNegative() {
        Set<Integer> codes = Arrays.stream(TickType.values()).filter(t -> t != TickType.UNKNOWN)
                .map(TickType::code).collect(Collectors.toSet());

        assertEquals(TickType.values().length - 1, codes.size(), "one constant per code");
        assertTrue(codes.stream().allMatch(c -> c >= 0), "wire ids are not negative");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 105, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void anUnlistedCodeIsUnknown(int code) {
        assertEquals(TickType.UNKNOWN, TickType.fromCode(code));
    }

    @Property(tries = 500)
    void fromCodeNeverThrowsAndIsConsistentWithCode(@ForAll int code) {
        TickType type = TickType.fromCode(code);

        assertTrue(type == TickType.UNKNOWN || type.code() == code, () -> code + " -> " + type);
    }

    static Stream<Arguments> specIds() {
        // TWS-WIRE.md §5.6 "Common tick type ids".
        return Stream.of(
                Arguments.of(0, TickType.BID_SIZE),
                Arguments.of(1, TickType.BID),
                Arguments.of(2, TickType.ASK),
                Arguments.of(3, TickType.ASK_SIZE),
                Arguments.of(4, TickType.LAST),
                Arguments.of(5, TickType.LAST_SIZE),
                Arguments.of(6, TickType.HIGH),
                Arguments.of(7, TickType.LOW),
                Arguments.of(8, TickType.VOLUME),
                Arguments.of(9, TickType.CLOSE),
                Arguments.of(14, TickType.OPEN),
                Arguments.of(45, TickType.LAST_TIMESTAMP),
                Arguments.of(46, TickType.SHORTABLE),
                Arguments.of(48, TickType.RT_VOLUME),
                Arguments.of(49, TickType.HALTED),
                Arguments.of(66, TickType.DELAYED_BID),
                Arguments.of(67, TickType.DELAYED_ASK),
                Arguments.of(68, TickType.DELAYED_LAST),
                Arguments.of(69, TickType.DELAYED_BID_SIZE),
                Arguments.of(70, TickType.DELAYED_ASK_SIZE),
                Arguments.of(71, TickType.DELAYED_LAST_SIZE),
                Arguments.of(72, TickType.DELAYED_HIGH),
                Arguments.of(73, TickType.DELAYED_LOW),
                Arguments.of(74, TickType.DELAYED_VOLUME),
                Arguments.of(75, TickType.DELAYED_CLOSE),
                Arguments.of(76, TickType.DELAYED_OPEN),
                Arguments.of(88, TickType.DELAYED_LAST_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("specIds")
    void specIdsMapToTheirTypes(int code, TickType expected) {
        assertEquals(expected, TickType.fromCode(code));
        assertEquals(code, expected.code());
    }
}
