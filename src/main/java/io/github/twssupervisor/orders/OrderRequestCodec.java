package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireFormatException;

/**
 * Both directions of the order requests (TWS-WIRE.md §5.11–§5.13): the client encodes them byte for byte as the
 * official Python client does (golden frames at sv 176); the simulator decodes them, accepting the official spelling
 * and @stoqey/ib's (empty fields where the official client writes {@code 0}, {@code -1}, {@code 2147483647} or the
 * max-double sentinel).
 *
 * <pre>
 * OUT placeOrder         3|orderId|...                       see {@link PlaceOrderLayout}; 115..119 fields by version
 * OUT cancelOrder        4|1|orderId|manualOrderCancelTime|              sv 176..186, 190..191
 *                        4|1|orderId|manualOrderCancelTime|""|""|2147483647|  sv 187..189
 *                        4|orderId|manualOrderCancelTime|extOperator|manualOrderIndicator|  sv &gt;= 192
 * OUT reqGlobalCancel    58|1|                    sv &lt; 192
 *                        58|extOperator|manualOrderIndicator|   sv &gt;= 192: 58||2147483647|
 * OUT reqOpenOrders      5|1|
 * OUT reqAllOpenOrders   16|1|
 * OUT reqCompletedOrders 99|apiOnly|              (no version field)
 * OUT reqExecutions      7|3|reqId|clientId|acctCode|time|symbol|secType|exchange|side|
 *                        [sv &gt;= 200: lastNDays|specificDateCount|date...|]    empty filter: 2147483647|0|
 * </pre>
 *
 * reqGlobalCancel and reqCompletedOrders follow the official Python client 10.46.01 ({@code ibapi/client.py}
 * {@code reqGlobalCancel}, {@code reqCompletedOrders}; {@code nautechsystems/nautilus_ibapi} {@code 0496bf2}).
 *
 * <p>Errors of the simulator's decoders: a frame that is not readable (too few fields, a number that is not one) is a
 * {@link WireFormatException}; a readable placeOrder whose contract or order this library refuses (an order type it
 * does not place, a limit order without a limit) is a {@link RejectedOrderException}, an
 * {@link IllegalArgumentException} carrying the order id, which the simulator answers with error 321 as TWS does.
 */
public final class OrderRequestCodec {

    private static final int VERSION_1 = 1;
    private static final int REQ_EXECUTIONS_VERSION = 3;

    private OrderRequestCodec() {
    }

    /**
     * A placeOrder as the simulator reads it.
     *
     * @param orderId  the order id
     * @param contract the contract
     * @param order    the order, validated
     */
    public record PlaceOrderRequest(int orderId, Contract contract, Order order) {
    }

    /**
     * A reqExecutions as the simulator reads it (lastNDays and specific dates, sv 200, are read and dropped).
     *
     * @param requestId the request id
     * @param filter    the filter
     */
    public record ExecutionsRequest(int requestId, ExecutionFilter filter) {
    }

    /** A readable placeOrder whose contract or order is invalid: TWS answers error 321 for the order id. */
    public static final class RejectedOrderException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** The order id the frame carried. */
        private final int orderId;

        /**
         * @param orderId the order id of the frame
         * @param message what is wrong, from the validation
         */
        public RejectedOrderException(int orderId, String message) {
            super(message);
            this.orderId = orderId;
        }

        /** @return the order id of the rejected frame */
        public int orderId() {
            return orderId;
        }
    }

    // ------------------------------------------------------------------ client: requests out

    /**
     * placeOrder (OUT 3), byte for byte as the official client writes it for this order.
     *
     * @param serverVersion the negotiated version
     * @param orderId       the order id
     * @param contract      the contract; combo (BAG) contracts are not supported
     * @param order         the order
     * @return a complete frame
     * @throws IllegalArgumentException for a BAG contract
     */
    public static byte[] placeOrder(int serverVersion, int orderId, Contract contract, Order order) {
        if (contract.secType() == SecType.BAG) {
            throw new IllegalArgumentException("combo (BAG) orders are not supported");
        }
        FieldWriter writer = request(OutgoingMessageId.PLACE_ORDER);
        PlaceOrderLayout.write(serverVersion, writer, orderId, contract, order);
        return writer.toFrame();
    }

    /**
     * @param serverVersion the negotiated version
     * @param orderId       the order to cancel
     * @return cancelOrder (OUT 4) as a complete frame, no manual cancel time, no CME tags
     */
    public static byte[] cancelOrder(int serverVersion, int orderId) {
        FieldWriter writer = request(OutgoingMessageId.CANCEL_ORDER);
        if (serverVersion < ServerVersion.CME_TAGGING_FIELDS) {
            writer.writeInt(VERSION_1);
        }
        writer.writeInt(orderId).writeEmpty();
        if (serverVersion >= ServerVersion.RFQ_FIELDS && serverVersion < ServerVersion.UNDO_RFQ_FIELDS) {
            writer.writeEmpty().writeEmpty().writeInt(Integer.MAX_VALUE);
        }
        if (serverVersion >= ServerVersion.CME_TAGGING_FIELDS) {
            writer.writeEmpty().writeInt(Integer.MAX_VALUE); // extOperator, manualOrderIndicator unset
        }
        return writer.toFrame();
    }

    /**
     * @param serverVersion the negotiated version
     * @return reqGlobalCancel (OUT 58) as a complete frame: {@code 58|1|} before sv 192, {@code 58||2147483647|} after
     */
    public static byte[] reqGlobalCancel(int serverVersion) {
        FieldWriter writer = request(OutgoingMessageId.REQ_GLOBAL_CANCEL);
        if (serverVersion < ServerVersion.CME_TAGGING_FIELDS) {
            return writer.writeInt(VERSION_1).toFrame();
        }
        return writer.writeEmpty().writeInt(Integer.MAX_VALUE).toFrame();
    }

    /** @return reqOpenOrders (OUT 5) as a complete frame */
    public static byte[] reqOpenOrders() {
        return request(OutgoingMessageId.REQ_OPEN_ORDERS).writeInt(VERSION_1).toFrame();
    }

    /** @return reqAllOpenOrders (OUT 16) as a complete frame */
    public static byte[] reqAllOpenOrders() {
        return request(OutgoingMessageId.REQ_ALL_OPEN_ORDERS).writeInt(VERSION_1).toFrame();
    }

    /**
     * @param apiOnly only the orders placed through the API
     * @return reqCompletedOrders (OUT 99) as a complete frame
     */
    public static byte[] reqCompletedOrders(boolean apiOnly) {
        return request(OutgoingMessageId.REQ_COMPLETED_ORDERS).writeBool(apiOnly).toFrame();
    }

    /**
     * @param serverVersion the negotiated version
     * @param requestId     the request id execDetails and execDetailsEnd will carry
     * @param filter        which executions
     * @return reqExecutions (OUT 7) as a complete frame; at sv 200 with lastNDays unset and no specific dates
     */
    public static byte[] reqExecutions(int serverVersion, int requestId, ExecutionFilter filter) {
        FieldWriter writer = request(OutgoingMessageId.REQ_EXECUTIONS).writeInt(REQ_EXECUTIONS_VERSION)
                .writeInt(requestId).writeInt(filter.clientId()).writeString(filter.account())
                .writeString(filter.time()).writeString(filter.symbol()).writeString(filter.secType())
                .writeString(filter.exchange()).writeString(filter.side());
        if (serverVersion >= ServerVersion.PARAMETRIZED_DAYS_OF_EXECUTIONS) {
            writer.writeInt(Integer.MAX_VALUE).writeInt(0);
        }
        return writer.toFrame();
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a placeOrder
     * @return the request
     * @throws WireFormatException for a frame that cannot be read
     * @throws RejectedOrderException for a contract or order this library refuses (TWS's error 321)
     */
    public static PlaceOrderRequest decodePlaceOrder(int serverVersion, FieldReader reader) {
        return PlaceOrderLayout.read(serverVersion, reader);
    }

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a cancelOrder
     * @return the order id to cancel (the manual cancel time and CME tags are not modelled)
     */
    public static int decodeCancelOrder(int serverVersion, FieldReader reader) {
        if (serverVersion < ServerVersion.CME_TAGGING_FIELDS) {
            reader.skip(); // version
        }
        return reader.readInt();
    }

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of a reqExecutions
     * @return the request
     * @throws WireFormatException for a frame that cannot be read or a negative client id
     */
    public static ExecutionsRequest decodeReqExecutions(int serverVersion, FieldReader reader) {
        reader.skip(); // version
        int requestId = reader.readInt();
        int clientId = reader.readInt();
        String[] text = new String[6];
        for (int i = 0; i < text.length; i++) {
            text[i] = reader.readString();
        }
        if (serverVersion >= ServerVersion.PARAMETRIZED_DAYS_OF_EXECUTIONS && reader.hasMore()) {
            reader.skip(); // lastNDays
            OrderWire.skipBlocks(reader, reader.readInt(), 1);
        }
        try {
            return new ExecutionsRequest(requestId, new ExecutionFilter(clientId, text[0], text[1], text[2], text[3],
                    text[4], text[5]));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("reqExecutions: " + e.getMessage());
        }
    }

    /**
     * @param reader positioned after the message id of a reqCompletedOrders
     * @return apiOnly
     */
    public static boolean decodeReqCompletedOrders(FieldReader reader) {
        return reader.readBool();
    }

    private static FieldWriter request(OutgoingMessageId id) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code());
    }
}
