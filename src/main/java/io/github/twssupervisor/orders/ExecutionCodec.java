package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The execution messages TWS sends (TWS-WIRE.md §5.13): the client decodes them (as the dispatcher's
 * {@link DomainDecoder}), the simulator encodes them as TWS does (Java double spelling).
 *
 * <pre>
 * IN execDetails      11|reqId|orderId|contract(11)|execId|time|acctNumber|exchange|side|shares|price|permId|clientId|
 *                     liquidation|cumQty|avgPrice|orderRef|evRule|evMultiplier|modelCode|lastLiquidity|
 *                     [sv&gt;=178 pendingPriceRevision]|[sv&gt;=198 submitter]          (no version field since sv 136)
 * IN execDetailsEnd   55|1|reqId|
 * IN commissionReport 59|1|execId|commission|currency|realizedPNL|yield|yieldRedemptionDate|
 * </pre>
 *
 * Routing: execDetails with request id -1 is a fill as it happens and goes to the owner of the message kind (the order
 * book); with a request id it answers reqExecutions and goes to that request, as does execDetailsEnd.
 * commissionReport carries no id and goes to the owner of its kind. The time is kept as TWS wrote it: both
 * {@code 20250415  19:38:31} and {@code 20260413 15:27:04 US/Eastern} occur. A frame with too few fields throws
 * {@link WireFormatException}.
 */
public final class ExecutionCodec implements DomainDecoder {

    /** execDetails' request id for a fill TWS reports unasked. */
    public static final int UNSOLICITED = -1;

    private static final int VERSION_1 = 1;
    /** What sv 178 and 198 add at the end of execDetails, with TWS's values. */
    private static final OrderWire.VersionedFields TAIL = OrderWire.VersionedFields.none()
            .since(ServerVersion.PENDING_PRICE_REVISION, "0") // pendingPriceRevision false
            .since(ServerVersion.SUBMITTER, ""); // submitter
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.EXEC_DETAILS,
            IncomingMessageId.EXEC_DETAILS_END, IncomingMessageId.COMMISSION_REPORT);

    // ------------------------------------------------------------------ client: events in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        switch (id) {
            case EXEC_DETAILS: {
                int requestId = reader.readInt();
                Execution execution = readExecution(serverVersion, reader);
                RouteKey key = requestId == UNSOLICITED ? RouteKey.kind(id) : RouteKey.request(requestId);
                return new Addressed(key, new OrderMessage.ExecutionReceived(requestId, execution));
            }
            case EXEC_DETAILS_END: {
                reader.skip(); // version
                int requestId = reader.readInt();
                return new Addressed(requestId, new OrderMessage.ExecutionsEnd(requestId));
            }
            case COMMISSION_REPORT: {
                reader.skip(); // version
                String execId = reader.readString();
                double commission = reader.readDouble();
                String currency = reader.readString();
                OptionalDouble realized = OrderWire.readPrice(reader);
                reader.skipping(2); // yield, yieldRedemptionDate
                return new Addressed(RouteKey.kind(id), new OrderMessage.CommissionReceived(new CommissionReport(
                        execId, commission, currency, realized)));
            }
            default:
                throw new IllegalArgumentException("not an execution message: " + id);
        }
    }

    private static Execution readExecution(int serverVersion, FieldReader r) {
        int orderId = r.readInt();
        Contract contract = ContractCodec.readReported(r);
        String execId = r.readString();
        String time = r.readString();
        String account = r.readString();
        String exchange = r.readString();
        String side = r.readString();
        BigDecimal shares = OrderWire.readQuantity(r);
        double price = r.readDouble();
        long permId = r.readLong();
        int clientId = r.readInt();
        int liquidation = r.readInt();
        BigDecimal cumQty = OrderWire.readQuantity(r);
        double avgPrice = r.readDouble();
        String orderRef = r.readString();
        r.skipping(3); // evRule, evMultiplier, modelCode
        int lastLiquidity = r.readInt();
        r.skipping(TAIL.count(serverVersion));
        return new Execution(orderId, contract, execId, time, account, exchange, side, shares, price, permId,
                clientId, liquidation, cumQty, avgPrice, orderRef, lastLiquidity);
    }

    // ------------------------------------------------------------------ simulator: events out

    /**
     * @param serverVersion the negotiated version
     * @param requestId     the reqExecutions request id, or {@link #UNSOLICITED} for a fill as it happens
     * @param e             the fill
     * @return execDetails (IN 11) as a complete frame; evRule, evMultiplier and modelCode empty, no price revision
     */
    public static byte[] execDetails(int serverVersion, int requestId, Execution e) {
        FieldWriter w = event(IncomingMessageId.EXEC_DETAILS).writeInt(requestId).writeInt(e.orderId());
        ContractCodec.writeReported(w, e.contract(), "");
        w.writeString(e.execId()).writeString(e.time()).writeString(e.account()).writeString(e.exchange())
                .writeString(e.side()).writeDecimal(e.shares()).writeDouble(e.price()).writeLong(e.permId())
                .writeInt(e.clientId()).writeInt(e.liquidation()).writeDecimal(e.cumQty()).writeDouble(e.avgPrice())
                .writeString(e.orderRef()).writeEmpty().writeEmpty().writeEmpty().writeInt(e.lastLiquidity());
        TAIL.write(serverVersion, w);
        return w.toFrame();
    }

    /**
     * @param requestId the reqExecutions request id
     * @return execDetailsEnd (IN 55) as a complete frame
     */
    public static byte[] execDetailsEnd(int requestId) {
        return event(IncomingMessageId.EXEC_DETAILS_END).writeInt(VERSION_1).writeInt(requestId).toFrame();
    }

    /**
     * @param report the commission
     * @return commissionReport (IN 59) as a complete frame; no realized P&amp;L and the yield are the max-double
     *     sentinel, as TWS writes them
     */
    public static byte[] commissionReport(CommissionReport report) {
        return event(IncomingMessageId.COMMISSION_REPORT).writeInt(VERSION_1).writeString(report.execId())
                .writeDouble(report.commission()).writeString(report.currency())
                .writeDouble(report.realizedPnl().orElse(Double.MAX_VALUE)).writeDouble(Double.MAX_VALUE)
                .writeEmpty().toFrame();
    }

    private static FieldWriter event(IncomingMessageId id) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code());
    }
}
