package io.github.twssupervisor.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The events of the {@link SimulatedOrderBook}'s call in progress, each for one client, in order; an order's
 * orderStatus goes out twice now and then (seeded), as TWS repeats them. Plain Java, not thread-safe.
 */
final class BookEvents {

    private final SplittableRandom random;
    private final double duplicateStatusChance;
    private List<SimulatedOrderBook.Out> out = new ArrayList<>();

    /**
     * @param seed                  the seed of the repeated orderStatus messages
     * @param duplicateStatusChance how often an orderStatus is sent twice, 0..1
     */
    BookEvents(long seed, double duplicateStatusChance) {
        this.random = new SplittableRandom(seed);
        this.duplicateStatusChance = duplicateStatusChance;
    }

    /** A call begins: whatever a call that failed left is dropped. */
    void start() {
        out = new ArrayList<>();
    }

    /** The order's orderStatus, now and then twice. */
    void status(BookOrder o) {
        OrderEvent.Status status = new OrderEvent.Status(BookReports.status(o));
        tell(o, status);
        if (random.nextDouble() < duplicateStatusChance) {
            tell(o, status);
        }
    }

    /** An event for the order's client. */
    void tell(BookOrder o, OrderEvent event) {
        out.add(new SimulatedOrderBook.Out(o.clientId, event));
    }

    /** An error about the client's order id. */
    void error(int clientId, int orderId, int code, String message) {
        out.add(new SimulatedOrderBook.Out(clientId, new OrderEvent.OrderError(orderId, code, message)));
    }

    /** @return the call's events, which are then forgotten */
    List<SimulatedOrderBook.Out> done() {
        List<SimulatedOrderBook.Out> events = List.copyOf(out);
        out = new ArrayList<>();
        return events;
    }
}
