package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.orders.OrderType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One order of the {@link SimulatedOrderBook}: what was placed, what became of it, and its fill rule. Prices are
 * compared as the doubles sent on the wire (a quote is the nearest double to its ticks, a limit the nearest double to
 * the client's decimal, so equal prices compare equal).
 *
 * <pre>
 * MKT       fills at the quote: the ask for a BUY, the bid for a SELL
 * LMT       fills at the quote once it is at or better than the limit (BUY: ask &lt;= limit; SELL: bid &gt;= limit)
 * STP       triggers once the quote reaches the stop (BUY: ask &gt;= stop; SELL: bid &lt;= stop), then is a MKT
 * STP LMT   triggers like STP, then is a LMT
 * TRAIL     the stop follows the best quote (BUY: lowest ask + amount or percent; SELL: highest bid - amount or
 *           percent), triggers like STP, then is a MKT
 * MOC, LOC  the simulator has no close: from the first matching round after acceptance they are a MKT and a LMT
 * </pre>
 *
 * Mutable; owned by the book.
 */
final class BookOrder {

    final int clientId;
    final int orderId;
    final long permId;
    final Contract contract;
    final Instrument instrument;
    /** The order's account, or the simulator's first account when it names none. */
    final String account;
    Order order;
    /** The parent's permanent id, 0 for none. */
    long parentPermId;
    OrderStatus status = OrderStatus.PRE_SUBMITTED;
    BigDecimal filled = BigDecimal.ZERO;
    /** Sum of price x quantity of the fills. */
    double cost;
    double lastFillPrice;
    /** False while a transmit=false order waits for a later order of its group. */
    boolean transmitted;
    /** STP, STP LMT, TRAIL: the stop was reached. */
    boolean triggered;
    /** TRAIL: the best quote since it started working. */
    double extreme = Double.NaN;
    final List<String> execIds = new ArrayList<>();
    String completedTime = "";
    String completedStatus = "";

    BookOrder(int clientId, int orderId, long permId, Contract contract, Instrument instrument, String account,
              Order order) {
        this.clientId = clientId;
        this.orderId = orderId;
        this.permId = permId;
        this.contract = contract;
        this.instrument = instrument;
        this.account = account;
        this.order = order;
        this.transmitted = order.transmit();
    }

    /** @return the quantity still to fill */
    BigDecimal remaining() {
        return order.totalQuantity().subtract(filled).max(BigDecimal.ZERO);
    }

    /** @return the average price of the fills, 0 before any */
    double avgPrice() {
        return filled.signum() == 0 ? 0 : cost / filled.doubleValue();
    }

    /** @return filled, cancelled or inactive */
    boolean terminal() {
        return status.isTerminal();
    }

    /** @return the placed order names a parent */
    boolean isChild() {
        return order.parentId() > 0;
    }

    /**
     * @param other another order of the same client
     * @return whether the first fill of one cancels the other: the same ocaGroup, or children of the same parent
     *     (TWS's implicit OCA of a bracket's exits)
     */
    boolean sharesOcaGroupWith(BookOrder other) {
        return !order.ocaGroup().isEmpty() && order.ocaGroup().equals(other.order.ocaGroup())
                || isChild() && order.parentId() == other.order.parentId();
    }

    private boolean buys() {
        return order.action() == OrderAction.BUY;
    }

    /**
     * Applies the fill rule to a quote, updating the trigger and the trailing stop.
     *
     * @param quote        the quote now
     * @param atAcceptance true when the order has just started working (MOC and LOC wait for a round)
     * @return the price it fills at now, or NaN when it does not
     */
    double fillPrice(BookQuotes.Quote quote, boolean atAcceptance) {
        double market = buys() ? quote.ask() : quote.bid();
        OrderType type = order.type();
        switch (type) {
            case MKT:
                return market;
            case LMT:
                return limitFill(market);
            case STP:
            case STP_LMT:
                triggered = triggered || reached(market, order.auxPrice().getAsDouble());
                return !triggered ? Double.NaN : type == OrderType.STP ? market : limitFill(market);
            case TRAIL:
                extreme = Double.isNaN(extreme) ? market : buys() ? Math.min(extreme, market) : Math.max(extreme, market);
                triggered = triggered || reached(market, trailStop());
                return triggered ? market : Double.NaN;
            case MOC:
                return atAcceptance ? Double.NaN : market;
            default: // LOC
                return atAcceptance ? Double.NaN : limitFill(market);
        }
    }

    /** @return the trailing stop now */
    double trailStop() {
        double sign = buys() ? 1 : -1;
        if (order.trailingPercent().isPresent()) {
            return extreme * (1 + sign * order.trailingPercent().getAsDouble() / 100);
        }
        return extreme + sign * order.auxPrice().getAsDouble();
    }

    private boolean reached(double market, double stop) {
        return buys() ? market >= stop : market <= stop;
    }

    private double limitFill(double market) {
        double limit = order.limitPrice().getAsDouble();
        return (buys() ? market <= limit : market >= limit) ? market : Double.NaN;
    }
}
