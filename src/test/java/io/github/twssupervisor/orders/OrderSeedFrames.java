package io.github.twssupervisor.orders;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Well-formed order frames from the orders codecs' own encoders (the ones the simulator sends and the client sends),
 * at one server version: starting points for the fuzz campaign ({@code fuzz.FuzzCampaign}), payloads without their
 * length prefix. Built from the same random contracts and orders as the codecs' round-trip tests.
 */
public final class OrderSeedFrames {

    private OrderSeedFrames() {
    }

    /**
     * @param serverVersion the layout
     * @param random        the source of contracts and orders
     * @return openOrder (both forms), orderStatus, openOrderEnd, completedOrder, completedOrdersEnd, execDetails
     *         (solicited and unsolicited), execDetailsEnd, commissionReport
     */
    public static List<byte[]> server(int serverVersion, Random random) {
        Contract contract = OrderStateCodecTest.withoutPrimaryExchange(OrderRequestCodecTest.randomContract(random));
        Order placed = OrderRequestCodecTest.randomOrder(random);
        OrderStatus status = OrderStatus.values()[random.nextInt(OrderStatus.values().length - 1)]; // not OTHER
        BigDecimal quantity = new BigDecimal(placed.totalQuantity().toPlainString());
        OpenOrder open = new OpenOrder(random.nextInt(100_000), contract, placed.action(), quantity,
                placed.type().wireName(), placed.limitPrice(), placed.auxPrice(), placed.tif().name(),
                placed.ocaGroup(), placed.account(), placed.orderRef(), random.nextInt(50),
                random.nextLong() & Long.MAX_VALUE, placed.parentId(), status, random.nextBoolean() ? "" : "careful");
        OrderStatusReport report = new OrderStatusReport(open.orderId(), status, new BigDecimal("12.5"),
                new BigDecimal("87.5"), 101.25, open.permId(), 0, 101.5, 3, "locate", 0);
        CompletedOrder completed = new CompletedOrder(contract, placed.action(), quantity, placed.type().wireName(),
                placed.limitPrice(), placed.auxPrice(), placed.tif().name(), placed.account(), placed.orderRef(),
                open.permId(), 77L, status, new BigDecimal(random.nextInt(100)), "20260413 15:27:04 America/New_York",
                "Filled Size: 1");
        Execution execution = new Execution(open.orderId(), contract, "0000e0d5.67fe667b.01.01",
                "20260413 15:27:04 US/Eastern", "DU9000001", "ISLAND", "BOT", new BigDecimal(1 + random.nextInt(500)),
                101.25, open.permId(), 3, 0, new BigDecimal("100"), 101.25, "ref", 1);
        CommissionReport commission = new CommissionReport(execution.execId(), 1.25, "USD", OptionalDouble.of(-68.05));
        return unframed(OrderStateCodec.openOrder(serverVersion, open),
                OrderStateCodec.openOrder(serverVersion, open, placed), OrderStateCodec.orderStatus(report),
                OrderStateCodec.openOrderEnd(), OrderStateCodec.completedOrder(serverVersion, completed),
                OrderStateCodec.completedOrdersEnd(),
                ExecutionCodec.execDetails(serverVersion, ExecutionCodec.UNSOLICITED, execution),
                ExecutionCodec.execDetails(serverVersion, 42, execution), ExecutionCodec.execDetailsEnd(42),
                ExecutionCodec.commissionReport(commission));
    }

    /**
     * @param serverVersion the layout
     * @param random        the source of contracts and orders
     * @return placeOrder, cancelOrder, reqExecutions, reqCompletedOrders
     */
    public static List<byte[]> client(int serverVersion, Random random) {
        return unframed(OrderRequestCodec.placeOrder(serverVersion, 1 + random.nextInt(10_000),
                        OrderRequestCodecTest.randomContract(random), OrderRequestCodecTest.randomOrder(random)),
                OrderRequestCodec.cancelOrder(serverVersion, 7),
                OrderRequestCodec.reqExecutions(serverVersion, 42, ExecutionFilter.ofClient(3)),
                OrderRequestCodec.reqExecutions(serverVersion, 43, ExecutionFilter.all()),
                OrderRequestCodec.reqCompletedOrders(random.nextBoolean()));
    }

    private static List<byte[]> unframed(byte[]... frames) {
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] frame : frames) {
            payloads.add(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length));
        }
        return payloads;
    }
}
