package io.github.twssupervisor.cli;

import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.FailureReason;
import io.github.twssupervisor.connection.Ready;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How {@code run} prints connection events: one line each, human-readable or JSON. */
final class EventFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final boolean json;
    private final LogSettings log;

    /**
     * @param json one JSON object per line instead of text
     * @param log  how accounts are shown (DU****11 when masked)
     */
    EventFormat(boolean json, LogSettings log) {
        this.json = json;
        this.log = log;
    }

    String format(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.StateChanged s) {
            return json ? stateJson(s) : stateLine(s);
        }
        if (event instanceof ConnectionEvent.NextValidId id) {
            return json ? Json.object("nextValidId").put("time", id.at().toString()).put("orderId", id.orderId())
                    .toString() : time(id) + " nextValidId "
                    + id.orderId();
        }
        ConnectionEvent.Notice n = (ConnectionEvent.Notice) event;
        return json ? Json.object("notice").put("time", n.at().toString()).put("code", n.code())
                .put("kind", n.kind().name()).put("message", n.message()).toString()
                : time(n) + " notice " + n.code() + " " + n.kind() + ": " + n.message();
    }

    String summary(ConnectionMetrics metrics) {
        long readyMs = metrics.timeConnected().toMillis();
        return json ? Json.object("summary").put("reconnects", metrics.reconnects()).put("readyMs", readyMs)
                .put("messagesIn", metrics.messagesIn()).put("messagesOut", metrics.messagesOut()).toString()
                : "summary: reconnects=" + metrics.reconnects() + " timeReady=" + Duration.ofMillis(readyMs)
                + " messagesIn=" + metrics.messagesIn() + " messagesOut=" + metrics.messagesOut();
    }

    private String stateJson(ConnectionEvent.StateChanged s) {
        Optional<Ready> ready = s.ready();
        Json object = Json.object("state").put("time", s.at().toString()).put("state", s.state().name())
                .put("previous", s.previous().name()).put("reason", s.reason().map(FailureReason::kind).map(Enum::name))
                .put("message", s.reason().map(FailureReason::message)).put("attempt", s.attempt())
                .put("delayMs", s.nextDelay().map(Duration::toMillis));
        if (ready.isPresent()) {
            object.put("serverVersion", ready.get().serverVersion()).put("clientId", ready.get().clientId())
                    .put("accounts", log.accounts(ready.get().accounts())).put("nextOrderId", ready.get().nextOrderId())
                    .put("dataLost", s.dataLost());
        }
        return object.toString();
    }

    private String stateLine(ConnectionEvent.StateChanged s) {
        StringBuilder line = new StringBuilder(time(s)).append(' ').append(s.state());
        s.nextDelay().ifPresent(d -> line.append(" in ").append(d.toMillis()).append(" ms"));
        line.append(" (attempt ").append(s.attempt()).append(')');
        s.ready().ifPresent(r -> line.append(" serverVersion=").append(r.serverVersion()).append(" clientId=")
                .append(r.clientId()).append(" accounts=").append(String.join(",", log.accounts(r.accounts())))
                .append(" nextOrderId=").append(r.nextOrderId()).append(s.dataLost() ? "" : " (data kept)"));
        s.reason().ifPresent(r -> line.append(": ").append(r));
        return line.toString();
    }

    private static String time(ConnectionEvent event) {
        return TIME.format(LocalTime.ofInstant(event.at(), ZoneId.systemDefault()));
    }
}
