package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Both directions of the position messages (TWS-WIRE.md §5.8). They carry no request id: the decoder addresses them
 * by message kind ({@link RouteKey#kind}). The layout is the same for every server version from 176 to 200.
 *
 * <pre>
 * OUT reqPositions    61|1|
 * OUT cancelPositions 64|1|
 * IN  position        61|3|account|conId|symbol|secType|lastTradeDateOrContractMonth|strike|right|multiplier|
 *                     exchange|currency|localSymbol|tradingClass|position(dec)|avgCost|
 *                     e.g. 61|3|DU9000001|3691937|AMZN|STK||0.0|||NASDAQ|USD|AMZN|NMS|15|200.25|
 * IN  positionEnd     62|1|
 * </pre>
 *
 * The version of position is 3 at every TWS in range (the official decoder reads avgCost only from 3 on, so does this
 * one). There is no primaryExchange field: the exchange slot holds it.
 */
public final class PositionCodec implements DomainDecoder {

    private static final int VERSION_1 = 1;
    private static final int POSITION_VERSION = 3;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.POSITION,
            IncomingMessageId.POSITION_END);

    // ------------------------------------------------------------------ client: requests out

    /** @return reqPositions (OUT 61) as a complete frame, byte for byte as the official client writes it */
    public static byte[] reqPositions() {
        return request(OutgoingMessageId.REQ_POSITIONS);
    }

    /** @return cancelPositions (OUT 64) as a complete frame */
    public static byte[] cancelPositions() {
        return request(OutgoingMessageId.CANCEL_POSITIONS);
    }

    private static byte[] request(OutgoingMessageId id) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code()).writeInt(VERSION_1).toFrame();
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws WireFormatException for a truncated frame, an unreadable number or a contract {@link Contract} refuses
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        int version = reader.readInt();
        switch (id) {
            case POSITION: {
                String account = reader.readString();
                Contract contract = ContractCodec.readReported(reader);
                BigDecimal position = reader.readDecimal().orElse(BigDecimal.ZERO);
                double averageCost = version >= POSITION_VERSION ? reader.readDouble() : 0;
                return new Addressed(RouteKey.kind(id), new PositionEvent.Position(account, contract, position,
                        averageCost));
            }
            case POSITION_END:
                return new Addressed(RouteKey.kind(id), new PositionEvent.End());
            default:
                throw new IllegalArgumentException("not a position message: " + id);
        }
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * Reads a reqPositions or cancelPositions (both are a version field only).
     *
     * @param reader positioned after the message id
     * @throws WireFormatException for a missing version field
     */
    public static void decodePositionsRequest(FieldReader reader) {
        reader.skip(); // version 1
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param p the holding; its contract's exchange goes in the exchange slot (the primary exchange for stocks)
     * @return position (IN 61, version 3) as a complete frame
     */
    public static byte[] position(PositionEvent.Position p) {
        FieldWriter w = new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.POSITION.code())
                .writeInt(POSITION_VERSION).writeString(p.account());
        ContractCodec.writeReported(w, p.contract(), "");
        return w.writeDecimal(p.position()).writeDouble(p.averageCost()).toFrame();
    }

    /** @return positionEnd (IN 62) as a complete frame */
    public static byte[] positionEnd() {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.POSITION_END.code()).writeInt(VERSION_1)
                .toFrame();
    }
}
