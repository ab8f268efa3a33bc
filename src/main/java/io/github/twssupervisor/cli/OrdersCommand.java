package io.github.twssupervisor.cli;

import io.github.twssupervisor.orders.CompletedOrder;
import io.github.twssupervisor.orders.OpenOrder;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orders}: the open and the day's completed orders of this client id, as a table or JSON lines. */
@Command(name = "orders", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists this client id's open orders (reqOpenOrders) and the day's completed orders "
                + "(reqCompletedOrders): id, symbol, side, qty, type, price, status, filled. Completed orders have "
                + "no order id at TWS ('-').", "", "Examples:", "  orders --port 7497 --client-id 3",
                "  orders --json | jq 'select(.event == \"open\") | .orderId'", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:listed", "1:not connected or TWS refused",
                "2:invalid arguments"})
final class OrdersCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        try (TwsSession session = connection.open(main.setup())) {
            List<OpenOrder> open = TwsSession.await(session.orders().openOrders(), "reqOpenOrders");
            List<CompletedOrder> completed = TwsSession.await(session.orders().completedOrders(),
                    "reqCompletedOrders");
            new OrderFormat(connection.json).orders(open, completed).forEach(System.out::println);
            return 0;
        }
    }
}
