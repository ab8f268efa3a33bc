package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The two message-id namespaces (TWS-WIRE.md §4) and their guarded lookups. */
class MessageIdTest {

    @ParameterizedTest
    @EnumSource(OutgoingMessageId.class)
    void everyOutgoingIdIsFoundByItsCode(OutgoingMessageId id) {
        assertEquals(Optional.of(id), OutgoingMessageId.fromCode(id.code()));
    }

    @ParameterizedTest
    @EnumSource(IncomingMessageId.class)
    void everyIncomingIdIsFoundByItsCode(IncomingMessageId id) {
        assertEquals(Optional.of(id), IncomingMessageId.fromCode(id.code()));
    }

    @Test
    void outgoingCodesAreUnique() {
        assertUnique(OutgoingMessageId.values(), OutgoingMessageId::code);
    }

    @Test
    void incomingCodesAreUnique() {
        assertUnique(IncomingMessageId.values(), IncomingMessageId::code);
    }

    /** Codes that §4 lists in neither namespace (60, 26..44), or that cannot be a message id at all. */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 26, 44, 48, 60, 1000, Integer.MAX_VALUE})
    void unlistedCodesAreEmptyInBothNamespaces(int code) {
        assertEquals(Optional.empty(), OutgoingMessageId.fromCode(code));
        assertEquals(Optional.empty(), IncomingMessageId.fromCode(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {110, 111})
    void codesBeyondTheLastOutgoingIdAreEmpty(int code) {
        // OUT ends at 109 updateConfig; IN goes on to 111.
        assertEquals(Optional.empty(), OutgoingMessageId.fromCode(code));
    }

    @Test
    void codesBeyondTheLastIncomingIdAreEmpty() {
        assertEquals(Optional.empty(), IncomingMessageId.fromCode(112));
    }

    @ParameterizedTest(name = "OUT {0} = {1}")
    @CsvSource({
        "71, startApi",
        "49, reqCurrentTime",
        "62, reqAccountSummary",
        "1, reqMktData",
        "8, reqIds",
        "17, reqManagedAccts",
        "109, updateConfig"})
    void outgoingSpotChecksAgainstTwsWire(int code, String apiName) {
        assertEquals(apiName, OutgoingMessageId.fromCode(code).orElseThrow().apiName());
    }

    @ParameterizedTest(name = "IN {0} = {1}")
    @CsvSource({
        "4, error",
        "62, positionEnd",
        "9, nextValidId",
        "15, managedAccounts",
        "49, currentTime",
        "109, currentTimeInMillis",
        "111, updateConfigResponse"})
    void incomingSpotChecksAgainstTwsWire(int code, String apiName) {
        assertEquals(apiName, IncomingMessageId.fromCode(code).orElseThrow().apiName());
    }

    @Test
    void theSameCodeMeansDifferentMessagesInTheTwoNamespaces() {
        assertEquals(OutgoingMessageId.REQ_ACCOUNT_SUMMARY, OutgoingMessageId.fromCode(62).orElseThrow());
        assertEquals(IncomingMessageId.POSITION_END, IncomingMessageId.fromCode(62).orElseThrow());
    }

    @Test
    void namespacesHaveTheSizesListedInTwsWire() {
        // §4: OUT 1..25, 49..59, 61..109 (85 ids); IN 1..21, 45..47, 49..59, 61..111 (86 ids).
        assertEquals(25 + 11 + 49, OutgoingMessageId.values().length);
        assertEquals(21 + 3 + 11 + 51, IncomingMessageId.values().length);
    }

    @Test
    void toStringNamesTheApiMessageAndItsCode() {
        assertEquals("startApi(71)", OutgoingMessageId.START_API.toString());
        assertEquals("error(4)", IncomingMessageId.ERROR.toString());
    }

    private static <E> void assertUnique(E[] ids, ToIntFunction<E> code) {
        long distinct = Arrays.stream(ids).mapToInt(code).distinct().count();

        assertEquals(ids.length, distinct, "duplicate codes in " + Arrays.toString(ids));
    }
}
