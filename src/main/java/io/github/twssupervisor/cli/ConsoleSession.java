package io.github.twssupervisor.cli;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.japi.Pair;
import akka.stream.KillSwitches;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.account.AccountSummary;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountSummaryRequest;
import io.github.twssupervisor.account.AccountView;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.marketdata.MarketDataOptions;
import io.github.twssupervisor.orders.Bracket;
import io.github.twssupervisor.orders.OpenOrder;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderHandle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the console's commands do, over one {@link TwsClient} kept for the whole session (it reconnects by itself).
 *
 * <p>Two kinds of output, both through {@code print}: the answer of a command, printed on the console's thread once
 * it has waited for the library (never an actor's thread; the library's calls carry their own timeouts, and Ctrl-C
 * ends a wait early), and what streams deliver at any time (connection events, ticks, order events, raw messages),
 * printed from the streams' callbacks.
 * {@code print} is JLine's {@code LineReader.printAbove}, which is thread-safe and keeps the line being typed intact.
 */
final class ConsoleSession implements ConsoleCommands.Actions {

    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final TwsClient client;
    private final ActorSystem<?> system;
    private final ConnectionSettings connection;
    private final Consumer<String> print;
    private final EventFormat events;
    private final LogSettings log;
    private final TickFormat ticks = new TickFormat(false);
    private final OrderFormat orderFormat = new OrderFormat(false);
    /** Subscribed symbols (display names) and their streams' switches; a stream's end removes its entry. */
    private final Map<String, UniqueKillSwitch> subscriptions = new ConcurrentHashMap<>();
    /** Orders whose events are printed; a stream's end removes them. */
    private final Set<Integer> followed = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ConnectionEvent.StateChanged> lastState = new AtomicReference<>();

    /**
     * Starts printing the client's connection events and the inbound messages no domain handles.
     *
     * @param client     the session's client, connecting
     * @param connection its target, for messages
     * @param log        whether accounts are printed masked
     * @param print      prints one line, from any thread
     */
    ConsoleSession(TwsClient client, ConnectionSettings connection, LogSettings log, Consumer<String> print) {
        this.client = client;
        this.log = log;
        this.events = new EventFormat(false, log);
        this.system = client.system();
        this.connection = connection;
        this.print = print;
        client.events().runForeach(e -> {
            if (e instanceof ConnectionEvent.StateChanged s) {
                lastState.set(s);
            }
            print.accept(events.format(e));
        }, system);
        client.rawEvents().runForeach(r -> print.accept("raw " + String.join("|", r.fields())), system);
    }

    @Override
    public void subscribe(Contract contract) {
        String name = contract.displayName();
        if (subscriptions.containsKey(name)) {
            print.accept("already subscribed to " + name);
            return;
        }
        Pair<UniqueKillSwitch, CompletionStage<Done>> running = client.marketData()
                .stream(contract, MarketDataOptions.defaults())
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(e -> ticks.format(name, e).ifPresent(print)), Keep.both())
                .run(system);
        subscriptions.put(name, running.first());
        // Registered after the put: a stream that has already ended removes its entry here, on this thread.
        running.second().whenComplete((done, failure) -> {
            if (subscriptions.remove(name, running.first()) && failure != null) {
                print.accept(name + " market data failed: " + TwsSession.describe(failure));
            }
        });
        print.accept("subscribed to " + name + " (/unsubscribe " + name + " stops it)");
    }

    @Override
    public void unsubscribe(Contract contract) {
        String name = contract.displayName();
        UniqueKillSwitch running = subscriptions.remove(name);
        if (running == null) {
            print.accept("not subscribed to " + name);
            return;
        }
        running.shutdown();
        print.accept("unsubscribed from " + name);
    }

    @Override
    public void quote(Contract contract) {
        print.accept(ConsoleFormat.quote(contract.displayName(),
                await(client.marketData().snapshot(contract), "snapshot of " + contract.displayName())));
    }

    @Override
    public void time() {
        long start = System.nanoTime();
        Instant tws = await(client.currentTime(), "reqCurrentTime");
        print.accept(ConsoleFormat.time(tws, (System.nanoTime() - start) / 1_000));
    }

    @Override
    public void ping(int count) {
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            await(client.currentTime(), "reqCurrentTime");
            micros[i] = (System.nanoTime() - start) / 1_000;
            print.accept("reqCurrentTime " + (i + 1) + ": " + micros[i] + " us");
        }
        print.accept(PingCommand.statistics(micros, connection, 0, 0));
    }

    @Override
    public void state() {
        ConnectionEvent.StateChanged last = lastState.get();
        print.accept("state " + client.state() + " at " + connection.host() + ":" + connection.port() + " client id "
                + connection.clientId() + (last == null ? "" : "; last change: " + events.format(last)));
    }

    @Override
    public void stats() {
        print.accept(ConsoleFormat.stats(client.metrics()));
    }

    @Override
    public void raw(List<String> fields) {
        await(client.sendRaw(fields), "sendRaw");
        print.accept("sent " + String.join("|", fields));
    }

    @Override
    public void order(Contract contract, List<Order> orders) {
        List<OrderHandle> handles = orders.size() == 1
                ? List.of(await(client.orders().place(contract, orders.get(0)), "placeOrder"))
                : await(client.orders().bracket(contract, new Bracket(orders.get(0), orders.get(1),
                orders.get(2))), "placeOrder (bracket)");
        print.accept(OrderCommand.placed(handles, orders, contract, false));
        follow(handles);
    }

    /** Prints the orders' events as they come, until each is closed. */
    private void follow(List<OrderHandle> handles) {
        handles.forEach(h -> followed.add(h.orderId()));
        Source.from(handles).flatMapMerge(handles.size(), OrderHandle::events)
                .runForeach(e -> print.accept(orderFormat.event(e)), system)
                .whenComplete((done, failure) -> {
                    handles.forEach(h -> followed.remove(h.orderId()));
                    if (failure != null) {
                        print.accept("following orders " + handles.stream().map(OrderHandle::orderId).toList()
                                + " failed: " + TwsSession.describe(failure));
                    }
                });
    }

    @Override
    public void orders() {
        orderFormat.orders(await(client.orders().openOrders(), "reqOpenOrders"),
                await(client.orders().completedOrders(), "reqCompletedOrders")).forEach(print);
    }

    @Override
    public void cancel(int orderId) {
        if (!followed.contains(orderId)) {
            // Listing the open orders adopts those this client id placed from another process, so they can be cancelled.
            List<OpenOrder> open = await(client.orders().openOrders(), "reqOpenOrders");
            if (open.stream().noneMatch(o -> o.orderId() == orderId)) {
                throw new TwsSession.CommandFailure("no open order " + orderId + " of client id "
                        + connection.clientId() + ": it is unknown, or already filled or cancelled (see /orders)");
            }
            follow(List.of(client.orders().handle(orderId)));
        }
        await(client.orders().cancel(orderId), "cancelOrder " + orderId);
        print.accept("cancel of order " + orderId + " sent");
    }

    @Override
    public void positions() {
        PositionsCommand.text(await(client.account().currentPositions(), "reqPositions"), log::account).forEach(print);
    }

    @Override
    public void account(String account) {
        String id = account;
        if (id == null) {
            List<String> accounts = await(client.ready(), "waiting for READY").accounts();
            if (accounts.isEmpty()) {
                throw new TwsSession.CommandFailure("TWS announced no managed account: name one, /account ID");
            }
            id = accounts.get(0);
        }
        AccountView view = await(client.account().account(id), "reqAccountUpdates " + id);
        AccountSummaryRequest request = new AccountSummaryRequest(AccountSummaryRequest.ALL, AccountCommand.TAGS);
        AccountSummary summary = await(client.account().currentSummary(request), request.description());
        String chosen = id;
        List<AccountSummaryEvent.Row> rows = summary.rows().stream().filter(r -> r.account().equals(chosen)).toList();
        AccountCommand.text(log.account(id), view, rows).forEach(print);
    }

    @Override
    public void bars(HistoricalRequest request) {
        ConsoleFormat.bars(request, await(client.history().bars(request), "reqHistoricalData"))
                .forEach(print);
    }

    /**
     * Waits on the console's thread for a library call, which has its own timeout; Ctrl-C (an interrupt of this
     * thread, see {@code ConsoleCommand}) gives up waiting, the call goes on.
     *
     * @throws TwsSession.CommandFailure when it fails or the wait is interrupted
     */
    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new TwsSession.CommandFailure(what + " failed: " + TwsSession.describe(e.getCause()));
        } catch (InterruptedException e) {
            throw new TwsSession.CommandFailure(what + ": stopped waiting (Ctrl-C)");
        }
    }

    /** Stops the market data streams and closes the connection (no reconnect); waits at most 10 s. */
    void close() {
        subscriptions.values().forEach(UniqueKillSwitch::shutdown);
        try {
            client.close().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the actor system's termination ends the socket anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
