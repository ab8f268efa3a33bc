package io.github.twssupervisor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract block (TWS-WIRE.md §5.5): what we write reads back, and both client spellings read as the server must. */
class ContractCodecTest {

    /** Fields 3..14 of a reqMktData frame are the contract block (TWS-WIRE.md §5.5). */
    private static final int CONTRACT_FIRST_FIELD = 3;
    private static final int CONTRACT_FIELDS = 12;

    /** What step 3 of the golden request script asked for (golden/README.md). */
    private static final Contract SCRIPT_AAPL = Contract.stock("AAPL").withPrimaryExchange("NASDAQ");

    // ------------------------------------------------------------------ round trip

    @Provide
    Arbitrary<Contract> contracts() {
        return ContractArbitraries.contracts();
    }

    @Property(tries = 500)
    void whatIsWrittenReadsBackEqual(@ForAll("contracts") Contract contract) {
        for (DoubleStyle style : DoubleStyle.values()) {
            FieldWriter writer = new FieldWriter(style);
            ContractCodec.write(writer, contract);
            FieldReader reader = new FieldReader(writer.toPayload());

            assertEquals(contract, ContractCodec.read(reader), style.name());
            assertFalse(reader.hasMore(), "the block is exactly " + CONTRACT_FIELDS + " fields");
        }
    }

    @Property(tries = 200)
    void theBlockIsTwelveFieldsInTheDocumentedOrder(@ForAll("contracts") Contract contract) {
        FieldWriter writer = new FieldWriter(DoubleStyle.PYTHON);
        ContractCodec.write(writer, contract);

        List<String> fields = fieldsOf(writer.toPayload());

        assertEquals(CONTRACT_FIELDS, fields.size());
        assertEquals(String.valueOf(contract.conId()), fields.get(0));
        assertEquals(contract.symbol(), fields.get(1));
        assertEquals(contract.secType().name(), fields.get(2));
        assertEquals(contract.lastTradeDateOrContractMonth(), fields.get(3));
        assertEquals(contract.strike(), Double.parseDouble(fields.get(4)));
        assertEquals(contract.right(), fields.get(5));
        assertEquals(contract.multiplier(), fields.get(6));
        assertEquals(contract.exchange(), fields.get(7));
        assertEquals(contract.primaryExchange(), fields.get(8));
        assertEquals(contract.currency(), fields.get(9));
        assertEquals(contract.localSymbol(), fields.get(10));
        assertEquals(contract.tradingClass(), fields.get(11));
    }

    @ParameterizedTest
    @EnumSource(SecType.class)
    void everySecurityTypeIsWrittenAsItsWireName(SecType type) {
        Contract contract = new Contract(42, "", type, "", 0, "", "", "", "", "", "", "");
        FieldWriter writer = new FieldWriter(DoubleStyle.PYTHON);
        ContractCodec.write(writer, contract);

        assertEquals(type.name(), fieldsOf(writer.toPayload()).get(2));
        assertEquals(contract, ContractCodec.read(new FieldReader(writer.toPayload())));
    }

    @Test
    void writesTheOfficialClientsSpellingOfUnsetConIdAndStrike() {
        List<String> golden = contractBlock(Golden.named(Golden.officialClientFrames(), "REQ_MKT_DATA").fields());
        FieldWriter writer = new FieldWriter(DoubleStyle.PYTHON);
        ContractCodec.write(writer, SCRIPT_AAPL);

        assertEquals(golden, fieldsOf(writer.toPayload()));
    }

    // ------------------------------------------------------------------ reading both client spellings

    @Test
    void readsTheOfficialClientsSpellingZeroAndZeroPointZero() {
        List<String> block = contractBlock(Golden.named(Golden.officialClientFrames(), "REQ_MKT_DATA").fields());
        assertEquals("0", block.get(0), "precondition: the official client writes conId 0");
        assertEquals("0.0", block.get(4), "precondition: the official client writes strike 0.0");

        assertEquals(SCRIPT_AAPL, ContractCodec.read(readerOf(block)));
    }

    @Test
    void readsStoqeysSpellingEmptyConIdAndStrike() {
        for (int serverVersion : new int[] {176, 193}) {
            List<String> block = contractBlock(Golden.named(Golden.stoqeyClientFrames(serverVersion),
                    "REQ_MKT_DATA").fields());
            assertEquals("", block.get(0), "precondition: @stoqey/ib writes an empty conId");
            assertEquals("", block.get(4), "precondition: @stoqey/ib writes an empty strike");

            Contract read = ContractCodec.read(readerOf(block));

            assertEquals(SCRIPT_AAPL, read, "sv " + serverVersion);
            assertEquals(0, read.conId());
            assertEquals(0.0, read.strike());
        }
    }

    @Test
    void readsTheUnsetStrikeSentinelInEitherExponentStyleAsZero() {
        for (String sentinel : new String[] {"1.7976931348623157e+308", "1.7976931348623157E308"}) {
            Contract read = ContractCodec.read(readerOf(List.of("0", "AAPL", "STK", "", sentinel, "", "", "SMART", "",
                    "USD", "", "")));

            assertEquals(0.0, read.strike(), sentinel);
        }
    }

    @Test
    void readsTheForexPairOfTheScript() {
        List<String> block = contractBlock(Golden.officialClientFrames().stream()
                .filter(f -> f.name().equals("REQ_MKT_DATA")).skip(1).findFirst().orElseThrow().fields());

        assertEquals(Contract.forex("EUR", "USD"), ContractCodec.read(readerOf(block)));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void unknownSecurityTypeIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractCodec.read(readerOf(List.of("0", "AAPL", "XYZ", "", "0.0", "", "", "SMART", "", "USD",
                        "", ""))));

        assertTrue(e.getMessage().contains("XYZ"), e.getMessage());
    }

    @Test
    void nonNumericConIdIsAWireFormatError() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> ContractCodec.read(readerOf(List.of("abc", "AAPL", "STK", "", "0.0", "", "", "SMART", "", "USD",
                        "", ""))));

        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void nonNumericStrikeIsAWireFormatError() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> ContractCodec.read(readerOf(List.of("0", "AAPL", "OPT", "20261120", "two hundred", "C", "100",
                        "SMART", "", "USD", "", ""))));

        assertTrue(e.getMessage().contains("two hundred"), e.getMessage());
    }

    @Test
    void aBlockThatBreaksContractRulesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractCodec.read(readerOf(List.of("-5", "AAPL", "STK", "", "0.0", "", "", "SMART", "", "USD",
                        "", ""))));

        assertTrue(e.getMessage().contains("conId"), e.getMessage());
    }

    @Test
    void aTruncatedBlockIsAWireFormatError() {
        assertThrows(WireFormatException.class,
                () -> ContractCodec.read(readerOf(List.of("0", "AAPL", "STK", "", "0.0", "", "", "SMART"))));
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> contractBlock(List<String> reqMktDataFields) {
        return List.copyOf(reqMktDataFields.subList(CONTRACT_FIRST_FIELD, CONTRACT_FIRST_FIELD + CONTRACT_FIELDS));
    }

    /** A reader over the fields, each NUL-terminated, built without our writer. */
    private static FieldReader readerOf(List<String> fields) {
        StringBuilder payload = new StringBuilder();
        fields.forEach(f -> payload.append(f).append('\0'));
        return new FieldReader(payload.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> fieldsOf(byte[] payload) {
        String text = new String(payload, StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("\0"), "every field is NUL-terminated, the last one too");
        return List.of(text.substring(0, text.length() - 1).split("\0", -1));
    }
}
