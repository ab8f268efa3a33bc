package io.github.twssupervisor.cli;

import akka.Done;
import akka.japi.Pair;
import akka.stream.KillSwitches;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.orders.Bracket;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderHandle;
import io.github.twssupervisor.orders.OrderStatus;
import io.github.twssupervisor.orders.TimeInForce;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code order buy|sell QTY SYMBOL [TYPE PRICES...]}: places one order (or a bracket) and prints its events until it is
 * filled or cancelled, or until {@code --wait} with the order still working.
 */
@Command(name = "order", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Places an order and prints its events until it is filled or cancelled (exit 0), rejected "
                + "(exit 1, with TWS's code and message) or --wait is over with it still working (exit 0).",
                "", "Examples:",
                "  order buy 100 AAPL                      market order",
                "  order sell 10 AAPL lmt 195.50 --tif GTC --wait 5s",
                "  order buy 1 ES/202612@CME stp-lmt 6010 6012",
                "  order buy 100 AAPL lmt 190 --bracket 195 185   entry, take-profit, stop-loss",
                "  order buy 20000 EUR.USD trail-pct 0.5 --tif GTD --good-till \"20261231 16:00:00\"", ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:filled or cancelled, or still working after --wait", "1:rejected, failed or not connected",
                "2:invalid arguments"})
final class OrderCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrderArguments order = new OrderArguments();

    @Option(names = "--wait", paramLabel = "D", description = "Stop following after this long, leaving the order "
            + "working (HOCON duration: 2s, 1m); default: until it is filled or cancelled.")
    String waitFor;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    @Override
    public Integer call() {
        List<Order> orders;
        Duration wait;
        Contract contract;
        try {
            orders = order.orders();
            contract = order.contract();
            wait = Durations.parse("--wait", waitFor);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintStream out = System.out;
        OrderFormat format = new OrderFormat(connection.json);
        try (TwsSession session = connection.open(main.setup())) {
            List<OrderHandle> handles = orders.size() == 1
                    ? List.of(TwsSession.await(session.orders().place(contract, orders.get(0)), "placeOrder"))
                    : TwsSession.await(session.orders().bracket(contract, new Bracket(orders.get(0), orders.get(1),
                    orders.get(2))), "placeOrder (bracket)");
            out.println(placed(handles, orders, contract, connection.json));
            return follow(session, handles, format, wait, out);
        }
    }

    private static int follow(TwsSession session, List<OrderHandle> handles, OrderFormat format, Duration wait,
                              PrintStream out) {
        Map<Integer, String> working = new ConcurrentHashMap<>();
        List<OrderEvent.Closed> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        handles.forEach(h -> working.put(h.orderId(), "sent"));
        // The kill switch stops printing when --wait is over: the close's Interrupted is no news to the user.
        Pair<UniqueKillSwitch, CompletionStage<Done>> running = Source.from(handles)
                .flatMapMerge(handles.size(), OrderHandle::events)
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(e -> {
                    out.println(format.event(e));
                    if (e instanceof OrderEvent.StatusChanged s) {
                        working.computeIfPresent(e.orderId(), (id, old) -> s.report().status().wireName());
                    } else if (e instanceof OrderEvent.Closed c) {
                        working.remove(e.orderId());
                        if (c.failure().isPresent() || c.status() == OrderStatus.INACTIVE) {
                            failed.add(c);
                        }
                    }
                }), Keep.both()).run(session.system());
        CompletableFuture<Done> done = running.second().toCompletableFuture();
        try {
            if (wait == null) {
                done.get();
            } else {
                done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            running.first().shutdown();
            if (!failed.isEmpty()) {
                return failure(failed, out);
            }
            new java.util.TreeMap<>(working).forEach((id, status) -> out.println(format.stillWorking(id, status)));
            return 0;
        } catch (ExecutionException e) {
            throw new TwsSession.CommandFailure("following the order failed: " + TwsSession.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILURE;
        }
        return failed.isEmpty() ? 0 : failure(failed, out);
    }

    private static int failure(List<OrderEvent.Closed> failed, PrintStream out) {
        for (OrderEvent.Closed c : failed) {
            System.err.println("error: order " + c.orderId() + " " + (c.status() == OrderStatus.OTHER ? "failed"
                    : c.status().wireName()) + ": " + c.failure().map(TwsSession::describe).orElse("TWS did not "
                    + "give a reason (see its log)"));
        }
        out.flush();
        return Main.EXIT_FAILURE;
    }

    /** @return {@code placed order 7: BUY 100 MKT DAY AAPL}, or its JSON */
    static String placed(List<OrderHandle> handles, List<Order> orders, Contract contract, boolean json) {
        List<Integer> ids = handles.stream().map(OrderHandle::orderId).toList();
        List<String> what = orders.stream().map(Order::describe).toList();
        return json ? Json.object("placed").put("orderIds", ids.stream().map(String::valueOf).toList())
                .put("symbol", contract.displayName()).put("orders", what).toString()
                : "placed " + (ids.size() == 1 ? "order " + ids.get(0) : "bracket " + ids) + ": "
                + String.join(" / ", what) + " " + contract.displayName();
    }

    /**
     * The orders of a command line: one, or a bracket's three (entry, take-profit, stop-loss).
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static List<Order> orders(String side, double quantity, List<String> type, String tif, String goodTill,
                              boolean outsideRth, String account, String ref, List<Double> bracket) {
        OrderAction action = switch (side.toLowerCase(Locale.ROOT)) {
            case "buy" -> OrderAction.BUY;
            case "sell" -> OrderAction.SELL;
            default -> throw new IllegalArgumentException("the side must be buy or sell, was '" + side + "'");
        };
        if (!(quantity > 0) || Double.isInfinite(quantity)) {
            throw new IllegalArgumentException("QTY must be a number > 0, was " + quantity);
        }
        Order entry = decorate(order(action, quantity, type), tif, goodTill, outsideRth, account, ref);
        if (bracket == null) {
            return List.of(entry);
        }
        if (!entry.type().equals(io.github.twssupervisor.orders.OrderType.LMT)) {
            throw new IllegalArgumentException("--bracket needs an lmt entry, e.g. 'buy 100 AAPL lmt 190 --bracket "
                    + "195 185'");
        }
        Order takeProfit = decorate(Order.limit(action.opposite(), quantity, bracket.get(0)), tif, goodTill,
                outsideRth, account, ref);
        Order stopLoss = decorate(Order.stop(action.opposite(), quantity, bracket.get(1)), tif, goodTill, outsideRth,
                account, ref);
        Bracket checked = new Bracket(entry, takeProfit, stopLoss);
        return List.of(checked.parent(), checked.takeProfit(), checked.stopLoss());
    }

    /** @return the order of {@code mkt}, {@code lmt 150}, {@code stp-lmt 149 148.5}...; no words is mkt */
    static Order order(OrderAction action, double quantity, List<String> words) {
        String name = words.isEmpty() ? "mkt" : words.get(0).toLowerCase(Locale.ROOT);
        List<String> prices = words.isEmpty() ? List.of() : words.subList(1, words.size());
        return switch (name) {
            case "mkt" -> prices(name, prices, 0, p -> Order.market(action, quantity));
            case "lmt" -> prices(name, prices, 1, p -> Order.limit(action, quantity, p[0]));
            case "stp" -> prices(name, prices, 1, p -> Order.stop(action, quantity, p[0]));
            case "stp-lmt" -> prices(name, prices, 2, p -> Order.stopLimit(action, quantity, p[0], p[1]));
            case "trail" -> prices(name, prices, 1, p -> Order.trailingAmount(action, quantity, p[0]));
            case "trail-pct" -> prices(name, prices, 1, p -> Order.trailingPercent(action, quantity, p[0]));
            case "moc" -> prices(name, prices, 0, p -> Order.marketOnClose(action, quantity));
            case "loc" -> prices(name, prices, 1, p -> Order.limitOnClose(action, quantity, p[0]));
            default -> throw new IllegalArgumentException("unknown order type '" + words.get(0) + "': use mkt, lmt "
                    + "PRICE, stp PRICE, stp-lmt STOP LIMIT, trail AMOUNT, trail-pct PERCENT, moc or loc PRICE");
        };
    }

    private static Order prices(String type, List<String> words, int count,
                                java.util.function.Function<double[], Order> build) {
        String expected = switch (type) {
            case "stp-lmt" -> "a STOP and a LIMIT price";
            case "trail" -> "a trailing AMOUNT";
            case "trail-pct" -> "a trailing PERCENT";
            default -> count == 0 ? "no price" : "a PRICE";
        };
        if (words.size() != count) {
            throw new IllegalArgumentException(type + " takes " + expected + (words.isEmpty() ? ", none was given"
                    : ", got '" + String.join(" ", words) + "'"));
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                values[i] = Double.parseDouble(words.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(type + " takes " + expected + ", '" + words.get(i)
                        + "' is not a number");
            }
        }
        return build.apply(values);
    }

    private static Order decorate(Order order, String tif, String goodTill, boolean outsideRth, String account,
                                  String ref) {
        TimeInForce inForce = TimeInForce.DAY;
        if (tif != null) {
            try {
                inForce = TimeInForce.valueOf(tif.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tif must be DAY, GTC, IOC, OPG or GTD, was '" + tif + "'");
            }
        } else if (goodTill != null) {
            inForce = TimeInForce.GTD;
        }
        if (inForce == TimeInForce.GTD && goodTill == null) {
            throw new IllegalArgumentException("--tif GTD needs --good-till \"yyyyMMdd HH:mm:ss\"");
        }
        if (goodTill != null && inForce != TimeInForce.GTD) {
            throw new IllegalArgumentException("--good-till is only for --tif GTD, not " + inForce);
        }
        Order decorated = (goodTill != null ? order.withGoodTillDate(goodTill) : order.withTif(inForce))
                .withOutsideRth(outsideRth);
        decorated = account != null ? decorated.withAccount(account) : decorated;
        return ref != null ? decorated.withOrderRef(ref) : decorated;
    }
}
