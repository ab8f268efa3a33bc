package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.orders.CompletedOrder;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderStatusReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How the order commands print: an order's events one line each, and open orders, completed orders and executions as
 * tables; with {@code --json}, one JSON object per line instead.
 */
final class OrderFormat {

    private static final String ROW = "%-6s %-12s %-4s %10s %-8s %10s %-13s %10s";
    private static final String EXEC_ROW = "%-6s %-12s %-4s %10s %10s %-26s %s";

    private final boolean json;
    private final LogSettings log;

    /** @param json one JSON object per line instead of text; accounts masked */
    OrderFormat(boolean json) {
        this(json, LogSettings.DEFAULT);
    }

    /**
     * @param json one JSON object per line instead of text
     * @param log  how accounts are shown (DU****11 when masked)
     */
    OrderFormat(boolean json, LogSettings log) {
        this.json = json;
        this.log = log;
    }

    /** @return one line for an order event */
    String event(OrderEvent event) {
        int id = event.orderId();
        if (event instanceof OrderEvent.Acknowledged a) {
            return json ? Json.object("acknowledged").put("orderId", id).put("status", a.ack().status().wireName())
                    .put("permId", a.ack().permId()).toString()
                    : "order " + id + " acknowledged: " + a.ack().status().wireName() + " permId " + a.ack().permId();
        }
        if (event instanceof OrderEvent.StatusChanged s) {
            OrderStatusReport r = s.report();
            return json ? Json.object("status").put("orderId", id).put("status", r.status().wireName())
                    .put("filled", r.filled()).put("remaining", r.remaining()).put("avgFillPrice", r.avgFillPrice())
                    .toString()
                    : "order " + id + " " + r.status().wireName() + " filled " + plain(r.filled()) + " remaining "
                    + plain(r.remaining()) + (r.filled().signum() > 0 ? " avg " + r.avgFillPrice() : "");
        }
        if (event instanceof OrderEvent.Filled f) {
            Execution e = f.execution();
            return json ? Json.object("fill").put("orderId", id).put("symbol", e.contract().displayName())
                    .put("side", e.side()).put("shares", e.shares()).put("price", e.price()).put("execId", e.execId())
                    .put("time", e.time()).toString()
                    : "order " + id + " fill " + e.side() + " " + plain(e.shares()) + " " + e.contract().displayName()
                    + " @ " + e.price() + " (" + e.execId() + ")";
        }
        if (event instanceof OrderEvent.Commission c) {
            return json ? Json.object("commission").put("orderId", id).put("execId", c.report().execId())
                    .put("commission", c.report().commission()).put("currency", c.report().currency()).toString()
                    : "order " + id + " commission " + c.report().commission() + " " + c.report().currency();
        }
        if (event instanceof OrderEvent.Warning w) {
            return json ? Json.object("warning").put("orderId", id).put("code", w.code()).put("message", w.message())
                    .toString() : "order " + id + " warning " + w.code() + ": " + w.message();
        }
        if (event instanceof OrderEvent.Closed c) {
            return json ? Json.object("closed").put("orderId", id).put("status", c.status().wireName())
                    .put("filled", c.filled()).put("code", c.failure().flatMap(f -> f.twsCode().isPresent()
                            ? java.util.Optional.of(f.twsCode().getAsInt()) : java.util.Optional.empty()))
                    .put("error", c.failure().map(TwsSession::describe)).toString()
                    : "order " + id + " closed: " + (c.status().wireName().isEmpty() ? "not working"
                    : c.status().wireName()) + " filled " + plain(c.filled())
                    + c.failure().map(f -> " (" + TwsSession.describe(f) + ")").orElse("");
        }
        // Interrupted, Unknown, Reconciled, Adopted: rare in a short command; the record says it all.
        return json ? Json.object("order").put("orderId", id).put("detail", event.toString()).toString()
                : "order " + id + " " + event;
    }

    /** @return a line saying the order is still working when the command stops following it */
    String stillWorking(int orderId, String status) {
        return json ? Json.object("working").put("orderId", orderId).put("status", status).toString()
                : "order " + orderId + " still working (" + status + "): see 'orders', stop it with 'cancel "
                + orderId + "'";
    }

    /** @return the header and a row per order, open ones first; JSON: one object per order */
    List<String> orders(List<OpenOrder> open, List<CompletedOrder> completed) {
        List<String> lines = new ArrayList<>();
        if (!json) {
            lines.add(String.format(ROW, "ID", "SYMBOL", "SIDE", "QTY", "TYPE", "PRICE", "STATUS", "FILLED").trim());
        }
        for (OpenOrder o : open) {
            String price = price(o.limitPrice(), o.auxPrice());
            lines.add(json ? Json.object("open").put("orderId", o.orderId()).put("symbol", o.contract().displayName())
                    .put("side", o.action().name()).put("qty", o.totalQuantity()).put("type", o.orderType())
                    .put("price", price).put("status", o.status().wireName()).put("tif", o.tif())
                    .put("permId", o.permId()).toString()
                    : String.format(ROW, o.orderId(), o.contract().displayName(), o.action(), plain(o.totalQuantity()),
                    o.orderType(), price, o.status().wireName(), "").trim());
        }
        for (CompletedOrder o : completed) {
            String price = price(o.limitPrice(), o.auxPrice());
            lines.add(json ? Json.object("completed").put("permId", o.permId())
                    .put("symbol", o.contract().displayName()).put("side", o.action().name())
                    .put("qty", o.totalQuantity()).put("type", o.orderType()).put("price", price)
                    .put("status", o.status().wireName()).put("filled", o.filledQuantity())
                    .put("completedTime", o.completedTime()).toString()
                    : String.format(ROW, "-", o.contract().displayName(), o.action(), plain(o.totalQuantity()),
                    o.orderType(), price, o.status().wireName(), plain(o.filledQuantity())).trim());
        }
        return lines;
    }

    /** @return the header and a row per execution; JSON: one object per execution */
    List<String> executions(List<Execution> executions) {
        List<String> lines = new ArrayList<>();
        if (!json) {
            lines.add(String.format(EXEC_ROW, "ID", "SYMBOL", "SIDE", "QTY", "PRICE", "TIME", "EXEC ID").trim());
        }
        for (Execution e : executions) {
            lines.add(json ? Json.object("execution").put("orderId", e.orderId())
                    .put("symbol", e.contract().displayName()).put("side", e.side()).put("shares", e.shares())
                    .put("price", e.price()).put("time", e.time()).put("execId", e.execId())
                    .put("account", log.account(e.account())).put("exchange", e.exchange()).toString()
                    : String.format(EXEC_ROW, e.orderId(), e.contract().displayName(), e.side(), plain(e.shares()),
                    e.price(), e.time(), e.execId()).trim());
        }
        return lines;
    }

    /** @return the limit, else the stop or trailing amount, else {@code -} */
    static String price(OptionalDouble limit, OptionalDouble aux) {
        if (limit.isPresent()) {
            return String.valueOf(limit.getAsDouble());
        }
        return aux.isPresent() ? String.valueOf(aux.getAsDouble()) : "-";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
