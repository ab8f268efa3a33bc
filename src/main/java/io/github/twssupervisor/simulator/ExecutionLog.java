package io.github.twssupervisor.simulator;

import io.github.twssupervisor.orders.CommissionReport;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.ExecutionFilter;
import io.github.twssupervisor.orders.OrderAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The fills of the run, as the {@link SimulatedOrderBook} makes them and reqExecutions reads them. The simulator's day
 * does not end: every fill since the start is kept.
 *
 * <pre>
 * execId      0000e0d5.&lt;n as 8 hex digits&gt;.01.01, n counting the run's fills from 1
 * time        yyyyMMdd HH:mm:ss &lt;zone&gt; in the simulator's zone (as TWS 10 writes it)
 * commission  1.0 USD a fill, realized P&amp;L unset
 * filter      client id (0: any), account, symbol, secType, exchange, side (BUY = BOT, SELL = SLD), time: after
 *             yyyyMMdd-HH:mm:ss (UTC) or yyyyMMdd HH:mm:ss [zone] (the simulator's zone when none); a time that
 *             cannot be read filters nothing
 * </pre>
 *
 * Not thread-safe.
 */
final class ExecutionLog {

    /** The commission of every fill, in {@link #COMMISSION_CURRENCY}. */
    static final double COMMISSION = 1.0;
    static final String COMMISSION_CURRENCY = "USD";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");
    private static final DateTimeFormatter UTC_FILTER = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss");

    /**
     * One fill.
     *
     * @param execution  its execDetails
     * @param commission its commissionReport
     * @param time       when
     */
    record Fill(Execution execution, CommissionReport commission, Instant time) {
    }

    private final List<Fill> fills = new ArrayList<>();
    private final Clock clock;
    private long count;

    /** @param clock the time of fills, in the simulator's zone */
    ExecutionLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a fill of an order whose quantities already include it.
     *
     * @param o         the order
     * @param quantity  this fill's quantity
     * @param price     its price
     * @param liquidity 1 added, 2 removed
     * @return the fill
     */
    Fill record(BookOrder o, BigDecimal quantity, double price, int liquidity) {
        String execId = String.format("0000e0d5.%08x.01.01", ++count);
        Instant now = clock.instant();
        Execution execution = new Execution(o.orderId, o.contract, execId, format(now), o.account,
                o.instrument.exchange(), o.order.action() == OrderAction.BUY ? "BOT" : "SLD", quantity, price,
                o.permId, o.clientId, 0, o.filled, o.avgPrice(), o.order.orderRef(), liquidity);
        Fill fill = new Fill(execution, new CommissionReport(execId, COMMISSION, COMMISSION_CURRENCY,
                OptionalDouble.empty()), now);
        fills.add(fill);
        return fill;
    }

    /** @return the time now, as executions and completed orders write it */
    String now() {
        return format(clock.instant());
    }

    /**
     * @param clientId  the client asking, whose fills are wanted
     * @param requestId its reqExecutions request id
     * @param filter    the request's filter
     * @return execDetails + commissionReport for each of its fills that pass the filter, oldest first, then
     *     execDetailsEnd
     */
    List<OrderEvent> answer(int clientId, int requestId, ExecutionFilter filter) {
        Instant after = after(filter.time());
        List<OrderEvent> answer = new ArrayList<>();
        for (Fill f : fills) {
            if (f.execution().clientId() == clientId && matches(filter, f.execution())
                    && (after == null || f.time().isAfter(after))) {
                answer.add(new OrderEvent.Fill(requestId, f.execution()));
                answer.add(new OrderEvent.Commission(f.commission()));
            }
        }
        answer.add(new OrderEvent.FillsEnd(requestId));
        return List.copyOf(answer);
    }

    private static boolean matches(ExecutionFilter f, Execution e) {
        String side = e.side().equals("BOT") ? OrderAction.BUY.name() : OrderAction.SELL.name();
        return (f.clientId() == 0 || f.clientId() == e.clientId())
                && (f.account().isEmpty() || f.account().equalsIgnoreCase(e.account()))
                && (f.symbol().isEmpty() || f.symbol().equalsIgnoreCase(e.contract().symbol()))
                && (f.secType().isEmpty() || f.secType().equalsIgnoreCase(e.contract().secType().name()))
                && (f.exchange().isEmpty() || f.exchange().equalsIgnoreCase(e.exchange()))
                && (f.side().isEmpty() || f.side().equalsIgnoreCase(side));
    }

    /** @return the instant a filter's time names, or null for none (or one that cannot be read) */
    private Instant after(String time) {
        try {
            if (time.length() == 17 && time.charAt(8) == '-') {
                return LocalDateTime.parse(time, UTC_FILTER).toInstant(ZoneOffset.UTC);
            } else if (time.length() >= 17) {
                ZoneId zone = time.length() > 18 ? ZoneId.of(time.substring(18)) : clock.getZone();
                return LocalDateTime.parse(time.substring(0, 17), TIME).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private String format(Instant instant) {
        return TIME.format(instant.atZone(clock.getZone())) + " " + clock.getZone().getId();
    }
}
