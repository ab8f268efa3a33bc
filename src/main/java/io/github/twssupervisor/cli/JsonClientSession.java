package io.github.twssupervisor.cli;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.pattern.AskTimeoutException;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.client.JsonClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One {@link JsonClient} for the life of a {@code json-client} command, in an actor system of its own, with its
 * connection's state changes (and, when asked, the broadcasts of other clients) printed as they happen.
 *
 * <p>The command's thread blocks on the client's {@code CompletionStage}s, which carry the client's own timeouts; what
 * the streams deliver is printed from their callbacks through {@code print}, which must be thread-safe
 * ({@code println}, or JLine's {@code printAbove}).
 */
final class JsonClientSession implements AutoCloseable {

    /** The peer, as error messages name it. */
    static final String PEER = "the JSON server";

    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final ActorSystem<Void> system;
    private final JsonClient client;
    private final JsonClientSettings settings;
    private final Consumer<String> print;
    private final Readiness readiness;
    private final CompletionStage<Done> eventsPrinted;
    /** The READY line is out: requests printed after it read in the order they happened. */
    private final CompletableFuture<Void> readyPrinted = new CompletableFuture<>();

    private JsonClientSession(Main.Setup setup, JsonClientSettings settings, Consumer<String> print,
                              boolean printBroadcasts) {
        this.settings = settings;
        this.print = print;
        this.system = setup.actorSystem("json-client");
        this.client = JsonClient.create(system, settings);
        this.readiness = Readiness.watch(client.events(), system);
        this.eventsPrinted = client.events().runForeach(e -> {
            print.accept(JsonReplyFormat.event(e));
            if (e instanceof ConnectionEvent.StateChanged s && s.state().isConnected()) {
                readyPrinted.complete(null);
            }
        }, system);
        if (printBroadcasts) {
            client.broadcasts().runForeach(b -> print.accept(JsonReplyFormat.broadcast(b)), system);
        }
    }

    /**
     * @param setup           the runnable's configuration (the actor system's settings)
     * @param settings        where and how to connect
     * @param print           prints one line, from any thread
     * @param printBroadcasts whether other clients' broadcasts are printed as they arrive
     * @return a session whose client is connecting
     */
    static JsonClientSession open(Main.Setup setup, JsonClientSettings settings, Consumer<String> print,
                                  boolean printBroadcasts) {
        return new JsonClientSession(setup, settings, print, printBroadcasts);
    }

    /** @return the session's client */
    JsonClient client() {
        return client;
    }

    /** @return the session's actor system, where streams of the command run */
    ActorSystem<Void> system() {
        return system;
    }

    /** @return where it connects, {@code 127.0.0.1:9999} */
    String target() {
        return settings.host() + ":" + settings.port();
    }

    /**
     * @param within how long to wait
     * @throws TwsSession.CommandFailure naming the server and the last failure, if not READY in time
     */
    void awaitReady(Duration within) {
        try {
            await(client.ready(within), within.plusSeconds(1));
        } catch (TwsSession.CommandFailure e) {
            throw new TwsSession.CommandFailure(readiness.notReady(PEER, target(), within)
                    + (settings.tls().enabled() ? " (TLS is on: does the server speak TLS?)" : ""));
        }
        // The events stream prints READY on its own; a request printed before it would look sent while connecting.
        readyPrinted.completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
    }

    /**
     * Sends a request, prints it and its reply (an {@code error} reply included) with the round trip.
     *
     * @param request the request
     * @return the reply
     * @throws TwsSession.CommandFailure when no reply came: timeout, lost connection, closed client
     */
    JsonMessage exchange(JsonMessage request) {
        print.accept(JsonReplyFormat.request(request));
        long start = System.nanoTime();
        JsonMessage reply;
        try {
            reply = await(client.send(request), settings.requestTimeout().plusSeconds(1));
        } catch (TwsSession.CommandFailure e) {
            String why = e.getMessage().equals("timed out") ? "timed out after "
                    + Readiness.text(settings.requestTimeout()) + " (tws.json.client.request-timeout)" : e.getMessage();
            throw new TwsSession.CommandFailure(request.type() + " got no reply: " + why + "; the connection is "
                    + client.state());
        }
        print.accept(JsonReplyFormat.reply(reply, Duration.ofNanos(System.nanoTime() - start)));
        return reply;
    }

    /**
     * Blocks the command's thread (never an actor's) on a stage of the library, which has its own timeout; the bound
     * here only guards against a stage that never completes. Interruptible, for Ctrl-C in the interactive mode.
     *
     * @return its value
     * @throws TwsSession.CommandFailure with the cause's words when it fails, times out or is interrupted
     */
    static <T> T await(CompletionStage<T> stage, Duration bound) {
        try {
            return stage.toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // An ask's timeout says which temporary actor timed out: of no use to a user.
            throw new TwsSession.CommandFailure(cause instanceof TimeoutException || cause instanceof AskTimeoutException
                    ? "timed out" : String.valueOf(cause.getMessage()));
        } catch (TimeoutException e) {
            throw new TwsSession.CommandFailure("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwsSession.CommandFailure("interrupted");
        }
    }

    /** Closes the client, waits for its last state change to be printed, and terminates the actor system. */
    @Override
    public void close() {
        try {
            client.closeAsync().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // The events stream completes after CLOSED: waiting for it prints that line before the command ends.
            eventsPrinted.toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the system's termination ends the socket anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
