package io.github.twssupervisor.contracts;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.WireFormatException;

/**
 * The contract block of requests such as reqMktData (TWS-WIRE.md §5.5), both directions, and the shorter block in which
 * TWS reports a contract in openOrder, completedOrder and execDetails (§5.12, §5.13).
 *
 * <pre>
 * request  conId|symbol|secType|lastTradeDateOrContractMonth|strike|right|multiplier|exchange|primaryExchange|currency|
 *          localSymbol|tradingClass|             e.g. 0|AAPL|STK||0.0|||SMART|NASDAQ|USD|||
 * reported conId|symbol|secType|lastTradeDateOrContractMonth|strike|right|multiplier|exchange|currency|localSymbol|
 *          tradingClass|                         (no primaryExchange; TWS writes right "?" in openOrder when none)
 * </pre>
 *
 * Written as the official client writes it (conId {@code 0} and strike {@code 0.0} when unset, see the golden frames);
 * read leniently, as a server must: empty conId and strike read as 0 (the @stoqey/ib spelling). A reported expiry may
 * name a time of day ({@code 20261218 16:00 US/Eastern}); only the date is kept.
 */
public final class ContractCodec {

    /** How TWS spells "no right" in openOrder (TWS-WIRE.md §9 items 27, 28). */
    public static final String NO_RIGHT = "?";

    private ContractCodec() {
    }

    /**
     * @param writer   the frame being written
     * @param contract the contract
     */
    public static void write(FieldWriter writer, Contract contract) {
        write(writer, contract, contract.right(), true);
    }

    /**
     * @param writer  the frame being written
     * @param c       the contract; its primaryExchange is not part of this block
     * @param noRight what to write when the contract has no right: {@link #NO_RIGHT} in openOrder, empty elsewhere
     */
    public static void writeReported(FieldWriter writer, Contract c, String noRight) {
        write(writer, c, c.right().isEmpty() ? noRight : c.right(), false);
    }

    private static void write(FieldWriter writer, Contract c, String right, boolean primaryExchange) {
        writer.writeInt(c.conId())
                .writeString(c.symbol())
                .writeString(c.secType().name())
                .writeString(c.lastTradeDateOrContractMonth())
                .writeDouble(c.strike())
                .writeString(right)
                .writeString(c.multiplier())
                .writeString(c.exchange());
        if (primaryExchange) {
            writer.writeString(c.primaryExchange());
        }
        writer.writeString(c.currency())
                .writeString(c.localSymbol())
                .writeString(c.tradingClass());
    }

    /**
     * @param reader positioned at conId
     * @return the contract
     * @throws io.github.twssupervisor.wire.WireFormatException for an unreadable number
     * @throws IllegalArgumentException for an unknown security type or an invalid contract
     */
    public static Contract read(FieldReader reader) {
        return read(reader, false);
    }

    /**
     * @param reader positioned at conId
     * @return the contract, its right {@code ?} read as none and its expiry's time of day dropped; a contract TWS
     *     describes but {@link Contract} refuses (an unknown security type, say) is a {@link WireFormatException}, so
     *     the dispatcher logs it as a decode failure
     */
    public static Contract readReported(FieldReader reader) {
        return read(reader, true);
    }

    private static Contract read(FieldReader reader, boolean reported) {
        int conId = reader.readInt();
        String symbol = reader.readString();
        String secType = reader.readString();
        String expiry = reader.readString();
        double strike = reader.readDouble();
        if (strike == Double.MAX_VALUE) {
            strike = 0;
        }
        String right = reader.readString();
        String multiplier = reader.readString();
        String exchange = reader.readString();
        String primaryExchange = reported ? "" : reader.readString();
        String currency = reader.readString();
        String localSymbol = reader.readString();
        String tradingClass = reader.readString();
        if (reported) {
            expiry = expiry.contains(" ") ? expiry.substring(0, expiry.indexOf(' ')) : expiry; // keep the date only
            right = NO_RIGHT.equals(right) ? "" : right;
        }
        try {
            return new Contract(conId, symbol, secType(secType), expiry, strike, right, multiplier, exchange,
                    primaryExchange, currency, localSymbol, tradingClass);
        } catch (IllegalArgumentException e) {
            if (!reported) {
                throw e;
            }
            throw new WireFormatException("contract of " + Frames.abbreviate(symbol) + " " + Frames.abbreviate(secType)
                    + ": " + Frames.abbreviate(e.getMessage(), Frames.REASON_LIMIT));
        }
    }

    private static SecType secType(String secType) {
        try {
            return SecType.valueOf(secType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid contract: unknown secType '" + Frames.abbreviate(secType)
                    + "'");
        }
    }
}
