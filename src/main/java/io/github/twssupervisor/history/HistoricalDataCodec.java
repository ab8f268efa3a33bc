package io.github.twssupervisor.history;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Both directions of the historical data messages (TWS-WIRE.md §5.10). The client encodes reqHistoricalData and
 * cancelHistoricalData and decodes the answers (as the dispatcher's {@link DomainDecoder}, routed by request id); the
 * simulator decodes the requests and encodes the answers.
 *
 * <pre>
 * OUT reqHistoricalData    20|reqId|contract(12, with primaryExchange)|includeExpired|endDateTime|barSize|duration|
 *                          useRTH|whatToShow|formatDate|keepUpToDate|chartOptions|   (no version field since sv 124)
 *                          e.g. 20|4001|0|AAPL|STK||0.0|||SMART||USD|||0||1 hour|1 D|1|TRADES|1|0||
 * OUT cancelHistoricalData 25|1|reqId|
 * IN  historicalData       sv 176..195: 17|reqId|startDate|endDate|n|n × (date|open|high|low|close|volume|wap|count)
 *                          sv ≥ 196:    17|reqId|n|n × (date|open|high|low|close|volume|wap|count)
 * IN  historicalDataEnd    108|reqId|startDate|endDate|   (sv ≥ 196)
 * IN  historicalDataUpdate 90|reqId|barCount|date|open|close|high|low|wap|volume|   (note the order)
 * </pre>
 *
 * The client writes doubles as the official Python client does, the simulator as TWS (Java) does. BAG contracts (combo
 * legs) are not supported. An empty volume or wap decodes as -1, TWS's own "none".
 */
public final class HistoricalDataCodec implements DomainDecoder {

    private static final int CANCEL_VERSION = 1;
    private static final int BAR_FIELDS = 8;
    private static final BigDecimal NONE = BigDecimal.ONE.negate();
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.HISTORICAL_DATA,
            IncomingMessageId.HISTORICAL_DATA_END, IncomingMessageId.HISTORICAL_DATA_UPDATE);

    /**
     * A reqHistoricalData as the simulator reads it.
     *
     * @param reqId   the request id
     * @param request what it asks for
     */
    public record HistoricalDataRequest(int reqId, HistoricalRequest request) {
    }

    // ------------------------------------------------------------------ client: requests out

    /**
     * reqHistoricalData (OUT 20), byte for byte as the official client writes it; expired contracts are not included
     * and no chart options are sent.
     *
     * @param serverVersion the negotiated version (the layout is the same from 176 to 200)
     * @param reqId         the request id
     * @param r             what to ask for
     * @return a complete frame
     */
    public static byte[] reqHistoricalData(int serverVersion, int reqId, HistoricalRequest r) {
        FieldWriter w = new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.REQ_HISTORICAL_DATA.code())
                .writeInt(reqId);
        ContractCodec.write(w, r.contract());
        return w.writeBool(false) // includeExpired
                .writeString(r.endDateTime()).writeString(r.barSize()).writeString(r.duration())
                .writeBool(r.useRth()).writeString(r.whatToShow()).writeInt(r.formatDate())
                .writeBool(r.keepUpToDate())
                .writeEmpty() // chartOptions
                .toFrame();
    }

    /**
     * @param reqId the request to cancel
     * @return cancelHistoricalData (OUT 25) as a complete frame
     */
    public static byte[] cancelHistoricalData(int reqId) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.CANCEL_HISTORICAL_DATA.code())
                .writeInt(CANCEL_VERSION).writeInt(reqId).toFrame();
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws WireFormatException for a truncated or unreadable frame, or a bar count the frame cannot hold
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        int reqId = reader.readInt();
        switch (id) {
            case HISTORICAL_DATA: {
                boolean old = serverVersion < ServerVersion.HISTORICAL_DATA_END;
                String start = old ? reader.readString() : "";
                String end = old ? reader.readString() : "";
                int index = reader.fieldIndex();
                int n = reader.readInt();
                if (n < 0 || n > reader.remainingFields() / BAR_FIELDS) {
                    throw new WireFormatException("field " + index + ": bar count " + n + " does not fit the "
                            + reader.remainingFields() + " fields left");
                }
                List<Bar> bars = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    bars.add(new Bar(reader.readString(), reader.readDouble(), reader.readDouble(),
                            reader.readDouble(), reader.readDouble(), decimal(reader), decimal(reader),
                            reader.readInt()));
                }
                return new Addressed(reqId, new HistoricalDataEvent.Bars(bars, start, end));
            }
            case HISTORICAL_DATA_END:
                return new Addressed(reqId, new HistoricalDataEvent.End(reader.readString(), reader.readString()));
            case HISTORICAL_DATA_UPDATE: {
                int count = reader.readInt();
                String time = reader.readString();
                double open = reader.readDouble();
                double close = reader.readDouble();
                double high = reader.readDouble();
                double low = reader.readDouble();
                BigDecimal wap = decimal(reader);
                BigDecimal volume = decimal(reader);
                return new Addressed(reqId, new HistoricalDataEvent.Update(new Bar(time, open, high, low, close,
                        volume, wap, count)));
            }
            default:
                throw new IllegalArgumentException("not a historical data message: " + id);
        }
    }

    private static BigDecimal decimal(FieldReader reader) {
        return reader.readDecimal().orElse(NONE);
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a reqHistoricalData
     * @return the request; accepts both the official client's and @stoqey/ib's spellings of unset values
     * @throws WireFormatException for an unreadable or missing field
     * @throws IllegalArgumentException for an invalid contract or request (TWS: error 321)
     */
    public static HistoricalDataRequest decodeReqHistoricalData(int serverVersion, FieldReader reader) {
        int reqId = reader.readInt();
        Contract contract = ContractCodec.read(reader);
        reader.readBool(); // includeExpired: the simulator has no expired contracts
        String endDateTime = reader.readString();
        String barSize = reader.readString();
        String duration = reader.readString();
        boolean useRth = reader.readBool();
        String whatToShow = reader.readString();
        int formatDate = reader.readInt();
        boolean keepUpToDate = reader.readBool();
        if (reader.hasMore()) {
            reader.skip(); // chartOptions
        }
        return new HistoricalDataRequest(reqId, new HistoricalRequest(contract, endDateTime, duration, barSize,
                whatToShow, useRth, formatDate, keepUpToDate));
    }

    /**
     * @param reader positioned after the message id of a cancelHistoricalData
     * @return the request id to cancel
     * @throws WireFormatException for an unreadable or missing field
     */
    public static int decodeCancelHistoricalData(FieldReader reader) {
        reader.skip(); // version 1
        return reader.readInt();
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param serverVersion the negotiated version: before 196 the range is in this message and ends the data set; from
     *                      196 it is not, and {@link #historicalDataEnd} must follow
     * @param reqId         the request id
     * @param start         the start of the range
     * @param end           the end of the range
     * @param bars          the bars, oldest first
     * @return historicalData (IN 17) as a complete frame
     */
    public static byte[] historicalData(int serverVersion, int reqId, String start, String end, List<Bar> bars) {
        FieldWriter w = new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.HISTORICAL_DATA.code())
                .writeInt(reqId);
        if (serverVersion < ServerVersion.HISTORICAL_DATA_END) {
            w.writeString(start).writeString(end);
        }
        w.writeInt(bars.size());
        for (Bar b : bars) {
            w.writeString(b.time()).writeDouble(b.open()).writeDouble(b.high()).writeDouble(b.low())
                    .writeDouble(b.close()).writeDecimal(b.volume()).writeDecimal(b.wap()).writeInt(b.count());
        }
        return w.toFrame();
    }

    /**
     * @param reqId the request id
     * @param start the start of the range
     * @param end   the end of the range
     * @return historicalDataEnd (IN 108, sv ≥ 196) as a complete frame
     */
    public static byte[] historicalDataEnd(int reqId, String start, String end) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.HISTORICAL_DATA_END.code()).writeInt(reqId)
                .writeString(start).writeString(end).toFrame();
    }

    /**
     * @param reqId the request id
     * @param bar   the forming bar; its count goes out as barCount
     * @return historicalDataUpdate (IN 90) as a complete frame, in its own field order
     */
    public static byte[] historicalDataUpdate(int reqId, Bar bar) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.HISTORICAL_DATA_UPDATE.code())
                .writeInt(reqId).writeInt(bar.count()).writeString(bar.time()).writeDouble(bar.open())
                .writeDouble(bar.close()).writeDouble(bar.high()).writeDouble(bar.low()).writeDecimal(bar.wap())
                .writeDecimal(bar.volume()).toFrame();
    }
}
