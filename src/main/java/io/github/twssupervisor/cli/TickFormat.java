package io.github.twssupervisor.cli;

import io.github.twssupervisor.marketdata.MarketDataEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import java.util.Optional;

/** How {@code run --subscribe} prints market data: one line per event, text or JSON. */
final class TickFormat {

    private final boolean json;

    TickFormat(boolean json) {
        this.json = json;
    }

    /**
     * @param symbol the contract's display name
     * @param event  the event
     * @return the line, or empty for events not worth a line (request parameters)
     */
    Optional<String> format(String symbol, MarketDataEvent event) {
        if (event instanceof MarketDataEvent.Price p) {
            return Optional.of(json ? Json.object("tick").put("symbol", symbol).put("field", p.field().name())
                    .put("price", p.price()).put("size", p.size().map(Object::toString)).toString()
                    : symbol + " " + p.field() + " " + p.price() + p.size().map(s -> " x " + s.toPlainString()).orElse(""));
        }
        if (event instanceof MarketDataEvent.Size s) {
            return Optional.of(json ? Json.object("tick").put("symbol", symbol).put("field", s.field().name())
                    .put("size", s.size().toPlainString()).toString()
                    : symbol + " " + s.field() + " " + s.size().toPlainString());
        }
        if (event instanceof MarketDataEvent.Generic g) {
            return Optional.of(json ? Json.object("tick").put("symbol", symbol).put("field", g.field().name())
                    .put("value", g.value()).toString() : symbol + " " + g.field() + " " + g.value());
        }
        if (event instanceof MarketDataEvent.Text t) {
            return Optional.of(json ? Json.object("tick").put("symbol", symbol).put("field", t.field().name())
                    .put("value", t.value()).toString() : symbol + " " + t.field() + " " + t.value());
        }
        Lifecycle signal = Lifecycle.of(event).orElse(null);
        if (signal instanceof Lifecycle.Interrupted i) {
            return Optional.of(json ? Json.object("interrupted").put("symbol", symbol).put("reason", i.reason())
                    .toString() : symbol + " INTERRUPTED: " + i.reason());
        }
        if (signal instanceof Lifecycle.Resumed) {
            return Optional.of(json ? Json.object("resumed").put("symbol", symbol).toString() : symbol + " RESUMED");
        }
        if (signal instanceof Lifecycle.Warning w) {
            return Optional.of(json ? Json.object("warning").put("symbol", symbol).put("code", w.code())
                    .put("message", w.message()).toString() : symbol + " WARNING " + w.code() + ": " + w.message());
        }
        if (signal instanceof Lifecycle.Ended e) {
            return Optional.of(json ? Json.object("ended").put("symbol", symbol).put("code", e.code())
                    .put("message", e.message()).toString() : symbol + " ENDED " + e.code() + ": " + e.message());
        }
        if (event instanceof MarketDataEvent.DataType d) {
            return Optional.of(json ? Json.object("dataType").put("symbol", symbol).put("type", d.type().name())
                    .toString() : symbol + " data type " + d.type());
        }
        return Optional.empty();
    }
}
