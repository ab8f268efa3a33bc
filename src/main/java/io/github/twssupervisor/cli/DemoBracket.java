package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Bracket;
import io.github.twssupervisor.orders.OrderAction;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The demo's order: once READY, a small bracket on the simulator (buy 100 AAPL a little above the ask, so the entry
 * fills at once; take-profit 1 % above, stop-loss 1 % below), its events printed as they happen, so the demo shows an
 * order acknowledged, filled, and its exits working.
 */
final class DemoBracket {

    private static final Contract AAPL = Contract.stock("AAPL");

    private DemoBracket() {
    }

    /**
     * @param client the demo's client
     * @param system to run the event stream in
     * @param json   one JSON object per event instead of text
     * @param lines  where each line goes (the quote table's event list, or stdout)
     */
    static void place(TwsClient client, ActorSystem<?> system, boolean json, Consumer<String> lines) {
        OrderFormat format = new OrderFormat(json);
        client.orders().events().runForeach(e -> lines.accept(format.event(e)), system);
        client.ready()
                .thenCompose(ready -> client.marketData().snapshot(AAPL))
                .thenCompose(quote -> {
                    double ask = quote.ask().orElseThrow(() -> new IllegalStateException("no ask for AAPL"));
                    Bracket bracket = Bracket.of(OrderAction.BUY, 100, round(ask * 1.001), round(ask * 1.011),
                            round(ask * 0.99));
                    lines.accept(json ? Json.object("bracket").put("entry", bracket.parent().describe())
                            .put("takeProfit", bracket.takeProfit().describe())
                            .put("stopLoss", bracket.stopLoss().describe()).toString()
                            : "placing a bracket on AAPL: " + bracket.parent().describe() + ", take-profit "
                            + bracket.takeProfit().describe() + ", stop-loss " + bracket.stopLoss().describe());
                    return client.orders().bracket(AAPL, bracket);
                })
                .whenComplete((handles, failure) -> {
                    if (failure != null) {
                        LoggerFactory.getLogger(DemoBracket.class).warn("The demo's bracket order was not placed: {}",
                                failure.getMessage());
                    }
                });
    }

    private static double round(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
