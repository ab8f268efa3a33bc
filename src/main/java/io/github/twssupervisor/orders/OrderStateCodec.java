package io.github.twssupervisor.orders;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The order state messages TWS sends (TWS-WIRE.md §5.12): the client decodes them (as the dispatcher's
 * {@link DomainDecoder}), the simulator encodes them as TWS does (Java double spelling). None carries a request id;
 * each goes to the owner of its message kind, the order book.
 *
 * <pre>
 * IN openOrder          5|orderId|...                 156 fields at sv 200, see {@link OpenOrderLayout}
 * IN orderStatus        3|orderId|status|filled|remaining|avgFillPrice|permId|parentId|lastFillPrice|clientId|
 *                       whyHeld|mktCapPrice|          (no version field since sv 131)
 * IN openOrderEnd       53|1|
 * IN completedOrder     101|...                       no order id, see {@link CompletedOrderLayout}
 * IN completedOrdersEnd 102|                          (no version field, nothing else)
 * </pre>
 *
 * A frame with too few fields, an unreadable number, an action other than BUY/SELL or a contract the library refuses
 * throws {@link WireFormatException}; the dispatcher logs it as a decode failure and keeps the connection.
 */
public final class OrderStateCodec implements DomainDecoder {

    private static final int VERSION_1 = 1;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.OPEN_ORDER,
            IncomingMessageId.ORDER_STATUS, IncomingMessageId.OPEN_ORDER_END, IncomingMessageId.COMPLETED_ORDER,
            IncomingMessageId.COMPLETED_ORDERS_END);

    // ------------------------------------------------------------------ client: events in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        RouteKey key = RouteKey.kind(id);
        switch (id) {
            case OPEN_ORDER:
                return new Addressed(key, new OrderMessage.OpenOrderReceived(OpenOrderLayout.read(serverVersion,
                        reader)));
            case ORDER_STATUS:
                return new Addressed(key, new OrderMessage.StatusReceived(readStatus(reader)));
            case OPEN_ORDER_END:
                reader.skip(); // version
                return new Addressed(key, new OrderMessage.OpenOrdersEnd());
            case COMPLETED_ORDER:
                return new Addressed(key, new OrderMessage.CompletedOrderReceived(CompletedOrderLayout.read(
                        serverVersion, reader)));
            case COMPLETED_ORDERS_END:
                return new Addressed(key, new OrderMessage.CompletedOrdersEnd());
            default:
                throw new IllegalArgumentException("not an order state message: " + id);
        }
    }

    private static OrderStatusReport readStatus(FieldReader r) {
        int orderId = r.readInt();
        OrderStatus status = OrderStatus.fromWire(r.readString());
        return new OrderStatusReport(orderId, status, OrderWire.readQuantity(r), OrderWire.readQuantity(r),
                r.readDouble(), r.readLong(), r.readInt(), r.readDouble(), r.readInt(), r.readString(),
                r.readDouble());
    }

    // ------------------------------------------------------------------ simulator: events out

    /**
     * openOrder as TWS writes it, with TWS's values for the fields the record does not carry.
     *
     * @param serverVersion the negotiated version
     * @param order         the open order
     * @return a complete frame
     */
    public static byte[] openOrder(int serverVersion, OpenOrder order) {
        return openOrder(serverVersion, order, null);
    }

    /**
     * openOrder with the fields of the order as placed that {@link OpenOrder} does not carry: outsideRth, goodTillDate,
     * ocaType and trailingPercent (the simulator echoes what the client sent, as TWS does).
     *
     * @param serverVersion the negotiated version
     * @param order         the open order
     * @param placed        the order as placed, or null for TWS's defaults
     * @return a complete frame
     */
    public static byte[] openOrder(int serverVersion, OpenOrder order, Order placed) {
        FieldWriter writer = event(IncomingMessageId.OPEN_ORDER);
        OpenOrderLayout.write(serverVersion, writer, order, placed);
        return writer.toFrame();
    }

    /**
     * @param report the status
     * @return orderStatus (IN 3) as a complete frame
     */
    public static byte[] orderStatus(OrderStatusReport report) {
        return event(IncomingMessageId.ORDER_STATUS).writeInt(report.orderId())
                .writeString(report.status().wireName()).writeDecimal(report.filled())
                .writeDecimal(report.remaining()).writeDouble(report.avgFillPrice()).writeLong(report.permId())
                .writeInt(report.parentId()).writeDouble(report.lastFillPrice()).writeInt(report.clientId())
                .writeString(report.whyHeld()).writeDouble(report.mktCapPrice()).toFrame();
    }

    /** @return openOrderEnd (IN 53) as a complete frame */
    public static byte[] openOrderEnd() {
        return event(IncomingMessageId.OPEN_ORDER_END).writeInt(VERSION_1).toFrame();
    }

    /**
     * @param serverVersion the negotiated version
     * @param order         the completed order
     * @return completedOrder (IN 101) as a complete frame
     */
    public static byte[] completedOrder(int serverVersion, CompletedOrder order) {
        FieldWriter writer = event(IncomingMessageId.COMPLETED_ORDER);
        CompletedOrderLayout.write(serverVersion, writer, order);
        return writer.toFrame();
    }

    /** @return completedOrdersEnd (IN 102) as a complete frame: the id alone */
    public static byte[] completedOrdersEnd() {
        return event(IncomingMessageId.COMPLETED_ORDERS_END).toFrame();
    }

    private static FieldWriter event(IncomingMessageId id) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code());
    }
}
