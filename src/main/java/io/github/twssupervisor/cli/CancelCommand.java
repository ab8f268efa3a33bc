package io.github.twssupervisor.cli;

import akka.Done;
import akka.japi.Pair;
import akka.stream.KillSwitches;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.OrderEvent;
import io.github.twssupervisor.orders.OrderStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cancel ID | --all}: cancels one open order of this client id and follows it until Cancelled (or
 * {@code --wait}), or sends reqGlobalCancel.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cancels one open order of this client id and prints its events until it is Cancelled, or "
                + "with --all cancels every open order (reqGlobalCancel: every client's, and those entered in TWS).",
                "", "Examples:", "  cancel 17 --client-id 3", "  cancel 17 --wait 5s --json", "  cancel --all", ""},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:cancelled (or --all sent, or still pending after "
                + "--wait)", "1:no such open order, already done, TWS refused, or not connected",
                "2:invalid arguments"})
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    private Which which;

    @Option(names = "--wait", paramLabel = "D", description = "Stop following the order after this long (HOCON "
            + "duration: 2s, 1m); default: until it is Cancelled or filled.")
    String waitFor;

    @Mixin
    private SessionOptions connection = new SessionOptions();

    /** One order id or --all. */
    static final class Which {

        @Parameters(paramLabel = "ID", description = "The order id, as 'order' and 'orders' print it (e.g. 17).")
        Integer orderId;

        @Option(names = "--all", description = "Cancel every open order (reqGlobalCancel).")
        boolean all;
    }

    @Override
    public Integer call() {
        Duration wait;
        try {
            wait = Durations.parse("--wait", waitFor);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (which.orderId != null && which.orderId <= 0) {
            throw new ParameterException(spec.commandLine(), "ID must be > 0, was " + which.orderId);
        }
        PrintStream out = System.out;
        OrderFormat format = new OrderFormat(connection.json);
        try (TwsSession session = connection.open(main.setup())) {
            if (which.all) {
                TwsSession.await(session.orders().cancelAll(), "reqGlobalCancel");
                out.println(connection.json ? Json.object("globalCancel").toString()
                        : "reqGlobalCancel sent: TWS cancels every open order");
                return 0;
            }
            int id = which.orderId;
            // Listing the open orders adopts those this client id placed from another process, so they can be cancelled.
            List<OpenOrder> open = TwsSession.await(session.orders().openOrders(), "reqOpenOrders");
            if (open.stream().noneMatch(o -> o.orderId() == id)) {
                throw new TwsSession.CommandFailure("no open order " + id + " of " + session.describe()
                        + ": it is unknown, or already filled or cancelled (see 'orders')");
            }
            TwsSession.await(session.orders().cancel(id), "cancelOrder " + id);
            return follow(session, id, format, wait, out);
        }
    }

    private static int follow(TwsSession session, int id, OrderFormat format, Duration wait, PrintStream out) {
        AtomicReference<OrderEvent.Closed> closed = new AtomicReference<>();
        AtomicReference<String> status = new AtomicReference<>("PendingCancel");
        // The handle's events end with Closed: the order is terminal and its last fill and commission are in.
        Pair<UniqueKillSwitch, CompletionStage<Done>> running = session.orders().handle(id).events()
                .viaMat(KillSwitches.single(), Keep.right()).toMat(Sink.foreach(e -> {
            out.println(format.event(e));
            if (e instanceof OrderEvent.StatusChanged s) {
                status.set(s.report().status().wireName());
            } else if (e instanceof OrderEvent.Closed c) {
                closed.set(c);
            }
        }), Keep.both()).run(session.system());
        CompletableFuture<Done> done = running.second().toCompletableFuture();
        try {
            done.get(wait == null ? Long.MAX_VALUE : wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.first().shutdown();
            out.println(format.stillWorking(id, status.get()));
            return 0;
        } catch (ExecutionException e) {
            throw new TwsSession.CommandFailure("following order " + id + " failed: "
                    + TwsSession.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILURE;
        }
        OrderEvent.Closed last = closed.get();
        if (last != null && last.failure().isEmpty()
                && (last.status() == OrderStatus.CANCELLED || last.status() == OrderStatus.API_CANCELLED)) {
            return 0;
        }
        String why = last == null ? "its events ended without a last word"
                : last.failure().map(TwsSession::describe).orElse("it ended " + last.status().wireName()
                + " (filled " + last.filled().toPlainString() + ")");
        System.err.println("error: order " + id + " was not cancelled: " + why);
        return Main.EXIT_FAILURE;
    }
}
