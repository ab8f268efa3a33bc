package io.github.twssupervisor.marketdata;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Both directions of the market data messages (TWS-WIRE.md §5.5, §5.6). The client encodes requests and decodes ticks
 * (as the dispatcher's {@link DomainDecoder}); the simulator decodes requests and encodes ticks.
 *
 * <pre>
 * OUT reqMktData        1|11|reqId|contract(12)|deltaNeutral=0|genericTicks|snapshot|regulatorySnapshot|options=""|
 * OUT cancelMktData     2|2|reqId|
 * OUT reqMarketDataType 59|1|type|
 * IN  tickPrice         1|6|reqId|tickType|price|size|attrMask|
 * IN  tickSize          2|6|reqId|tickType|size|
 * IN  tickGeneric       45|6|reqId|tickType|value|
 * IN  tickString        46|6|reqId|tickType|value|
 * IN  tickReqParams     81|reqId|minTick|bboExchange|snapshotPermissions|     (no version)
 * IN  marketDataType    58|1|reqId|type|
 * IN  tickSnapshotEnd   57|1|reqId|
 * </pre>
 */
public final class MarketDataCodec implements DomainDecoder {

    private static final int REQ_MKT_DATA_VERSION = 11;
    private static final int CANCEL_MKT_DATA_VERSION = 2;
    private static final int TICK_VERSION = 6;
    private static final int VERSION_1 = 1;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.TICK_PRICE,
            IncomingMessageId.TICK_SIZE, IncomingMessageId.TICK_GENERIC, IncomingMessageId.TICK_STRING,
            IncomingMessageId.TICK_REQ_PARAMS, IncomingMessageId.MARKET_DATA_TYPE, IncomingMessageId.TICK_SNAPSHOT_END);

    // ------------------------------------------------------------------ client: requests out

    /**
     * reqMktData (OUT 1), byte for byte as the official client writes it.
     *
     * @param serverVersion      the negotiated version
     * @param reqId              the request (ticker) id
     * @param contract           the contract; combo (BAG) contracts are not supported
     * @param genericTicks       comma-separated generic tick ids, empty for the default ticks
     * @param snapshot           one snapshot instead of a stream
     * @param regulatorySnapshot a paid regulatory snapshot (US stocks)
     * @return a complete frame
     * @throws IllegalArgumentException for a BAG contract or generic ticks with a snapshot (TWS error 321)
     */
    public static byte[] reqMktData(int serverVersion, int reqId, Contract contract, String genericTicks,
                                    boolean snapshot, boolean regulatorySnapshot) {
        if (contract.secType() == SecType.BAG) {
            throw new IllegalArgumentException("combo (BAG) contracts are not supported for market data yet");
        }
        if (snapshot && !genericTicks.isEmpty()) {
            throw new IllegalArgumentException("generic ticks cannot be requested with a snapshot (TWS error 321)");
        }
        FieldWriter writer = request(OutgoingMessageId.REQ_MKT_DATA).writeInt(REQ_MKT_DATA_VERSION).writeInt(reqId);
        ContractCodec.write(writer, contract);
        writer.writeBool(false) // no delta-neutral contract
                .writeString(genericTicks)
                .writeBool(snapshot);
        if (serverVersion >= ServerVersion.REQ_SMART_COMPONENTS) {
            writer.writeBool(regulatorySnapshot);
        }
        return writer.writeString("").toFrame(); // mktDataOptions: the official client refuses anything else
    }

    /**
     * @param reqId the request to cancel
     * @return cancelMktData (OUT 2) as a complete frame
     */
    public static byte[] cancelMktData(int reqId) {
        return request(OutgoingMessageId.CANCEL_MKT_DATA).writeInt(CANCEL_MKT_DATA_VERSION).writeInt(reqId).toFrame();
    }

    /**
     * @param type the kind of data later requests get
     * @return reqMarketDataType (OUT 59) as a complete frame
     */
    public static byte[] reqMarketDataType(MarketDataType type) {
        return request(OutgoingMessageId.REQ_MARKET_DATA_TYPE).writeInt(VERSION_1).writeInt(type.code()).toFrame();
    }

    // ------------------------------------------------------------------ client: ticks in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        switch (id) {
            case TICK_PRICE: {
                reader.skip();
                int reqId = reader.readInt();
                TickType field = TickType.fromCode(reader.readInt());
                double price = reader.readDouble();
                Optional<BigDecimal> size = reader.hasMore() ? reader.readDecimal() : Optional.empty();
                int attributes = reader.hasMore() ? reader.readInt() : 0;
                return new Addressed(reqId, new MarketDataEvent.Price(field, price, size, attributes));
            }
            case TICK_SIZE: {
                reader.skip();
                int reqId = reader.readInt();
                TickType field = TickType.fromCode(reader.readInt());
                return new Addressed(reqId, new MarketDataEvent.Size(field, reader.readDecimal().orElse(BigDecimal.ZERO)));
            }
            case TICK_GENERIC: {
                reader.skip();
                int reqId = reader.readInt();
                return new Addressed(reqId, new MarketDataEvent.Generic(TickType.fromCode(reader.readInt()),
                        reader.readDouble()));
            }
            case TICK_STRING: {
                reader.skip();
                int reqId = reader.readInt();
                return new Addressed(reqId, new MarketDataEvent.Text(TickType.fromCode(reader.readInt()),
                        reader.readString()));
            }
            case TICK_REQ_PARAMS: {
                int reqId = reader.readInt();
                return new Addressed(reqId, new MarketDataEvent.Params(reader.readDouble(), reader.readString(),
                        reader.readInt()));
            }
            case MARKET_DATA_TYPE: {
                reader.skip();
                int reqId = reader.readInt();
                int code = reader.readInt();
                MarketDataType type = MarketDataType.fromCode(code).orElseThrow(() -> new WireFormatException(
                        "marketDataType " + code + " is not 1..4"));
                return new Addressed(reqId, new MarketDataEvent.DataType(type));
            }
            case TICK_SNAPSHOT_END: {
                reader.skip();
                return new Addressed(reader.readInt(), new MarketDataEvent.SnapshotEnd());
            }
            default:
                throw new IllegalArgumentException("not a market data message: " + id);
        }
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * A reqMktData as the simulator reads it.
     *
     * @param reqId              the request id
     * @param contract           the contract
     * @param genericTicks       the generic tick list
     * @param snapshot           snapshot instead of stream
     * @param regulatorySnapshot regulatory snapshot
     */
    public record MarketDataRequest(int reqId, Contract contract, String genericTicks, boolean snapshot,
                                    boolean regulatorySnapshot) {
    }

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a reqMktData
     * @return the request; accepts both the official client's and @stoqey/ib's spellings of unset values
     * @throws WireFormatException for an unreadable number
     * @throws IllegalArgumentException for an invalid contract
     */
    public static MarketDataRequest decodeReqMktData(int serverVersion, FieldReader reader) {
        reader.skip();
        int reqId = reader.readInt();
        Contract contract = ContractCodec.read(reader);
        if (reader.readBool()) {
            reader.skipping(3); // delta-neutral conId, delta, price: not modelled by the simulator
        }
        String genericTicks = reader.readString();
        boolean snapshot = reader.readBool();
        boolean regulatory = serverVersion >= ServerVersion.REQ_SMART_COMPONENTS && reader.hasMore()
                && reader.readBool();
        return new MarketDataRequest(reqId, contract, genericTicks, snapshot, regulatory);
    }

    /**
     * @param reader positioned after the message id of a cancelMktData (version 1 or 2)
     * @return the request id to cancel
     */
    public static int decodeCancelMktData(FieldReader reader) {
        reader.skip();
        return reader.readInt();
    }

    /**
     * @param reader positioned after the message id of a reqMarketDataType
     * @return the type asked for
     */
    public static MarketDataType decodeReqMarketDataType(FieldReader reader) {
        reader.skip();
        int code = reader.readInt();
        return MarketDataType.fromCode(code).orElseThrow(() -> new WireFormatException("market data type " + code
                + " is not 1..4"));
    }

    // ------------------------------------------------------------------ simulator: ticks out

    /**
     * @param reqId      the request id
     * @param field      the price field
     * @param price      the price
     * @param size       the size, or null for none
     * @param attributes the attribute bits
     * @return tickPrice (IN 1) as a complete frame
     */
    public static byte[] tickPrice(int reqId, TickType field, double price, BigDecimal size, int attributes) {
        return event(IncomingMessageId.TICK_PRICE).writeInt(TICK_VERSION).writeInt(reqId).writeInt(field.code())
                .writeDouble(price).writeDecimal(size).writeInt(attributes).toFrame();
    }

    /**
     * @param reqId the request id
     * @param field the size field
     * @param size  the size
     * @return tickSize (IN 2) as a complete frame
     */
    public static byte[] tickSize(int reqId, TickType field, BigDecimal size) {
        return event(IncomingMessageId.TICK_SIZE).writeInt(TICK_VERSION).writeInt(reqId).writeInt(field.code())
                .writeDecimal(size).toFrame();
    }

    /**
     * @param reqId the request id
     * @param field the field
     * @param value the value
     * @return tickGeneric (IN 45) as a complete frame
     */
    public static byte[] tickGeneric(int reqId, TickType field, double value) {
        return event(IncomingMessageId.TICK_GENERIC).writeInt(TICK_VERSION).writeInt(reqId).writeInt(field.code())
                .writeDouble(value).toFrame();
    }

    /**
     * @param reqId the request id
     * @param field the field
     * @param value the text
     * @return tickString (IN 46) as a complete frame
     */
    public static byte[] tickString(int reqId, TickType field, String value) {
        return event(IncomingMessageId.TICK_STRING).writeInt(TICK_VERSION).writeInt(reqId).writeInt(field.code())
                .writeString(value).toFrame();
    }

    /**
     * @param reqId               the request id
     * @param minTick             the minimum tick
     * @param bboExchange         the BBO exchange code
     * @param snapshotPermissions the permission bits
     * @return tickReqParams (IN 81) as a complete frame
     */
    public static byte[] tickReqParams(int reqId, double minTick, String bboExchange, int snapshotPermissions) {
        return event(IncomingMessageId.TICK_REQ_PARAMS).writeInt(reqId).writeDouble(minTick).writeString(bboExchange)
                .writeInt(snapshotPermissions).toFrame();
    }

    /**
     * @param reqId the request id
     * @param type  the kind of data
     * @return marketDataType (IN 58) as a complete frame
     */
    public static byte[] marketDataType(int reqId, MarketDataType type) {
        return event(IncomingMessageId.MARKET_DATA_TYPE).writeInt(VERSION_1).writeInt(reqId).writeInt(type.code())
                .toFrame();
    }

    /**
     * @param reqId the request id
     * @return tickSnapshotEnd (IN 57) as a complete frame
     */
    public static byte[] tickSnapshotEnd(int reqId) {
        return event(IncomingMessageId.TICK_SNAPSHOT_END).writeInt(VERSION_1).writeInt(reqId).toFrame();
    }

    private static FieldWriter request(OutgoingMessageId id) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code());
    }

    private static FieldWriter event(IncomingMessageId id) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code());
    }
}
