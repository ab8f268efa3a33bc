package io.github.twssupervisor.cli;

import akka.actor.typed.ActorSystem;
import io.github.twssupervisor.account.AccountFacade;
import io.github.twssupervisor.client.TwsClient;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.config.LogSettings;
import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.orders.OrderException;
import io.github.twssupervisor.contracts.ContractsFacade;
import io.github.twssupervisor.history.HistoryFacade;
import io.github.twssupervisor.orders.OrdersFacade;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One short-lived connection for the order commands ({@code order}, {@code orders}, {@code cancel},
 * {@code executions}): an actor system and a client, READY within a timeout, closed gracefully on {@link #close()}.
 */
final class TwsSession implements AutoCloseable {

    private final ActorSystem<Void> system;
    private final TwsClient client;
    private final ConnectionSettings connection;
    private final Ready ready;
    private final LogSettings log;

    private TwsSession(ActorSystem<Void> system, TwsClient client, ConnectionSettings connection, Ready ready,
                       LogSettings log) {
        this.log = log;
        this.system = system;
        this.client = client;
        this.connection = connection;
        this.ready = ready;
    }

    /**
     * @param setup   the loaded configuration
     * @param target  --host, --port, --client-id
     * @param timeout how long to wait for READY
     * @return a READY session
     * @throws CommandFailure naming the address and the last attempt's typed reason when TWS is not READY in time
     */
    static TwsSession open(Main.Setup setup, TargetOptions target, Duration timeout) {
        ConnectionSettings connection = target.applyTo(setup.settings().connection());
        ActorSystem<Void> system = setup.actorSystem("tws-cli");
        TwsClient client = TwsClient.create(system, setup.settings().withConnection(connection));
        Readiness readiness = Readiness.watch(client, system);
        try {
            Ready ready = client.ready(timeout).toCompletableFuture().get(timeout.toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
            return new TwsSession(system, client, connection, ready, setup.settings().log());
        } catch (ExecutionException | TimeoutException e) {
            shutdown(system, client);
            // The connection's own reason (CONNECT_REFUSED with host:port, ...), not the ask's timeout.
            throw new CommandFailure(readiness.notReady(connection, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(system, client);
            throw new CommandFailure("interrupted while connecting");
        }
    }

    OrdersFacade orders() {
        return client.orders();
    }

    ContractsFacade contracts() {
        return client.contracts();
    }

    AccountFacade account() {
        return client.account();
    }

    /**
     * @param account the account a command was given, or null
     * @return it, or the session's first managed account
     * @throws CommandFailure when the session manages none
     */
    /**
     * @param account an account id
     * @return it as the commands print it: {@code DU****11} unless {@code tws.log.mask-accounts} is off
     */
    String shown(String account) {
        return log.account(account);
    }

    String accountOrFirst(String account) {
        if (account != null) {
            return account;
        }
        if (ready.accounts().isEmpty()) {
            throw new CommandFailure("TWS announced no managed account: name one with --account");
        }
        return ready.accounts().get(0);
    }

    HistoryFacade history() {
        return client.history();
    }

    ActorSystem<Void> system() {
        return system;
    }

    Ready ready() {
        return ready;
    }

    /** @return {@code 127.0.0.1:7497 client id 0}, for messages */
    String describe() {
        return connection.host() + ":" + connection.port() + " client id " + ready.clientId();
    }

    /**
     * @param stage a library call
     * @param what  what it does, for the error message ("reqOpenOrders")
     * @return its result
     * @throws CommandFailure with TWS's code (or the library's reason) and message when it fails
     */
    static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new CommandFailure(what + " failed: " + describe(e.getCause()));
        }
    }

    /** @return {@code TWS error 202: Order Canceled} or {@code UNKNOWN_ORDER: no order 9 is known} */
    static String describe(Throwable failure) {
        if (failure instanceof OrderException order) {
            return order.twsCode().isPresent() ? "TWS error " + order.twsCode().getAsInt() + ": " + order.getMessage()
                    : order.reason() + ": " + order.getMessage();
        }
        return String.valueOf(failure.getMessage());
    }

    @Override
    public void close() {
        shutdown(system, client);
    }

    private static void shutdown(ActorSystem<Void> system, TwsClient client) {
        try {
            client.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the system's termination ends the socket anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    /** A command could not do its job: the message is printed as {@code error: ...} and the exit code is 1. */
    static final class CommandFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CommandFailure(String message) {
            super(message);
        }
    }
}
