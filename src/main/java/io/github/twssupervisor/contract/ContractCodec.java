package io.github.twssupervisor.contract;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;

/**
 * The contract block of requests such as reqMktData (TWS-WIRE.md §5.5), both directions.
 *
 * <pre>
 * conId|symbol|secType|lastTradeDateOrContractMonth|strike|right|multiplier|exchange|primaryExchange|currency|
 * localSymbol|tradingClass|                       e.g. 0|AAPL|STK||0.0|||SMART|NASDAQ|USD|||
 * </pre>
 *
 * Written as the official client writes it (conId {@code 0} and strike {@code 0.0} when unset, see the golden frames);
 * read leniently, as a server must: empty conId and strike read as 0 (the @stoqey/ib spelling).
 */
public final class ContractCodec {

    private ContractCodec() {
    }

    /**
     * @param writer   the frame being written
     * @param contract the contract
     */
    public static void write(FieldWriter writer, Contract contract) {
        writer.writeInt(contract.conId())
                .writeString(contract.symbol())
                .writeString(contract.secType().name())
                .writeString(contract.lastTradeDateOrContractMonth())
                .writeDouble(contract.strike())
                .writeString(contract.right())
                .writeString(contract.multiplier())
                .writeString(contract.exchange())
                .writeString(contract.primaryExchange())
                .writeString(contract.currency())
                .writeString(contract.localSymbol())
                .writeString(contract.tradingClass());
    }

    /**
     * @param reader positioned at conId
     * @return the contract
     * @throws io.github.twssupervisor.wire.WireFormatException for an unreadable number
     * @throws IllegalArgumentException for an unknown security type or an invalid contract
     */
    public static Contract read(FieldReader reader) {
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
        String primaryExchange = reader.readString();
        String currency = reader.readString();
        String localSymbol = reader.readString();
        String tradingClass = reader.readString();
        SecType type;
        try {
            type = SecType.valueOf(secType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid contract: unknown secType '" + secType + "'");
        }
        return new Contract(conId, symbol, type, expiry, strike, right, multiplier, exchange, primaryExchange,
                currency, localSymbol, tradingClass);
    }
}
