package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Both directions of the P&amp;L messages, routed by request id. Layouts from the official clients (Python
 * {@code client.py} reqPnL/cancelPnL/reqPnLSingle/cancelPnLSingle, {@code decoder.py} processPnLMsg and
 * processPnLSingleMsg); none has a version field, and unrealized and realized P&amp;L are present at every server
 * version in range (they came at sv 129 and 134):
 *
 * <pre>
 * OUT reqPnL          92|reqId|account|modelCode|
 * OUT cancelPnL       93|reqId|
 * OUT reqPnLSingle    94|reqId|account|modelCode|conId|
 * OUT cancelPnLSingle 95|reqId|
 * IN  pnl             94|reqId|dailyPnL|unrealizedPnL|realizedPnL|
 * IN  pnlSingle       95|reqId|pos(dec)|dailyPnL|unrealizedPnL|realizedPnL|value|
 * </pre>
 *
 * An unset value (max-double, either spelling, or empty) decodes as {@link Double#NaN}; the simulator writes NaN as
 * the max-double sentinel, as TWS does. The simulator reads an empty conId (an unset number as @stoqey/ib writes it)
 * as 0.
 */
public final class PnlCodec implements DomainDecoder {

    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.PNL,
            IncomingMessageId.PNL_SINGLE);

    /**
     * A reqPnL (conId 0) or reqPnLSingle as the simulator reads it.
     *
     * @param reqId     the request id
     * @param account   the account
     * @param modelCode the model, usually empty
     * @param conId     the position's contract for reqPnLSingle, 0 for reqPnL
     */
    public record PnlRequest(int reqId, String account, String modelCode, int conId) {
    }

    // ------------------------------------------------------------------ client: requests out

    /**
     * @param reqId     the request id
     * @param account   the account id
     * @param modelCode the model code, usually empty
     * @return reqPnL (OUT 92) as a complete frame
     */
    public static byte[] reqPnL(int reqId, String account, String modelCode) {
        return request(OutgoingMessageId.REQ_PNL, reqId).writeString(account).writeString(modelCode).toFrame();
    }

    /**
     * @param reqId the subscription to end
     * @return cancelPnL (OUT 93) as a complete frame
     */
    public static byte[] cancelPnL(int reqId) {
        return request(OutgoingMessageId.CANCEL_PNL, reqId).toFrame();
    }

    /**
     * @param reqId     the request id
     * @param account   the account id
     * @param modelCode the model code, usually empty
     * @param conId     the position's contract id
     * @return reqPnLSingle (OUT 94) as a complete frame
     */
    public static byte[] reqPnLSingle(int reqId, String account, String modelCode, int conId) {
        return request(OutgoingMessageId.REQ_PNL_SINGLE, reqId).writeString(account).writeString(modelCode)
                .writeInt(conId).toFrame();
    }

    /**
     * @param reqId the subscription to end
     * @return cancelPnLSingle (OUT 95) as a complete frame
     */
    public static byte[] cancelPnLSingle(int reqId) {
        return request(OutgoingMessageId.CANCEL_PNL_SINGLE, reqId).toFrame();
    }

    private static FieldWriter request(OutgoingMessageId id, int reqId) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code()).writeInt(reqId);
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws io.github.twssupervisor.wire.WireFormatException for a truncated frame or an unreadable number
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        int reqId = reader.readInt();
        switch (id) {
            case PNL:
                return new Addressed(reqId, new PnlEvent.Pnl(AccountUpdatesCodec.unsetAsNaN(reader),
                        AccountUpdatesCodec.unsetAsNaN(reader), AccountUpdatesCodec.unsetAsNaN(reader)));
            case PNL_SINGLE: {
                BigDecimal position = reader.readDecimal().orElse(BigDecimal.ZERO);
                return new Addressed(reqId, new PnlEvent.Single(position, AccountUpdatesCodec.unsetAsNaN(reader),
                        AccountUpdatesCodec.unsetAsNaN(reader), AccountUpdatesCodec.unsetAsNaN(reader),
                        AccountUpdatesCodec.unsetAsNaN(reader)));
            }
            default:
                throw new IllegalArgumentException("not a P&L message: " + id);
        }
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * @param reader positioned after the message id of a reqPnL
     * @return the request, conId 0
     * @throws io.github.twssupervisor.wire.WireFormatException for a missing or unreadable field
     */
    public static PnlRequest decodeReqPnL(FieldReader reader) {
        return new PnlRequest(reader.readInt(), reader.readString(), reader.readString(), 0);
    }

    /**
     * @param reader positioned after the message id of a reqPnLSingle
     * @return the request
     * @throws io.github.twssupervisor.wire.WireFormatException for a missing or unreadable field
     */
    public static PnlRequest decodeReqPnLSingle(FieldReader reader) {
        int reqId = reader.readInt();
        String account = reader.readString();
        String modelCode = reader.readString();
        int conId = reader.readIntOrUnset();
        return new PnlRequest(reqId, account, modelCode, conId == Integer.MAX_VALUE ? 0 : conId);
    }

    /**
     * @param reader positioned after the message id of a cancelPnL or cancelPnLSingle
     * @return the request id to cancel
     * @throws io.github.twssupervisor.wire.WireFormatException for a missing or unreadable field
     */
    public static int decodeCancel(FieldReader reader) {
        return reader.readInt();
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param reqId the request id
     * @param pnl   the account's P&amp;L; NaN goes out as the max-double sentinel
     * @return pnl (IN 94) as a complete frame
     */
    public static byte[] pnl(int reqId, PnlEvent.Pnl pnl) {
        FieldWriter w = event(IncomingMessageId.PNL, reqId);
        AccountUpdatesCodec.writeOrUnset(w, pnl.daily());
        AccountUpdatesCodec.writeOrUnset(w, pnl.unrealized());
        AccountUpdatesCodec.writeOrUnset(w, pnl.realized());
        return w.toFrame();
    }

    /**
     * @param reqId the request id
     * @param s     the position's P&amp;L; NaN goes out as the max-double sentinel
     * @return pnlSingle (IN 95) as a complete frame
     */
    public static byte[] pnlSingle(int reqId, PnlEvent.Single s) {
        FieldWriter w = event(IncomingMessageId.PNL_SINGLE, reqId).writeDecimal(s.position());
        AccountUpdatesCodec.writeOrUnset(w, s.daily());
        AccountUpdatesCodec.writeOrUnset(w, s.unrealized());
        AccountUpdatesCodec.writeOrUnset(w, s.realized());
        AccountUpdatesCodec.writeOrUnset(w, s.value());
        return w.toFrame();
    }

    private static FieldWriter event(IncomingMessageId id, int reqId) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code()).writeInt(reqId);
    }
}
