package io.github.twssupervisor.json.server;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.JsonTls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * The JSON profile's server, the Java API: start it, read its address and figures, stop it gracefully.
 *
 * <pre>{@code
 * JsonServer server = JsonServer.start(system, JsonServerSettings.from(config).withAddress("127.0.0.1", 0))
 *         .toCompletableFuture().join();
 * InetSocketAddress address = server.address();
 * ...
 * server.stop(); // unbind, server_shutdown to every client, close
 * }</pre>
 */
public final class JsonServer {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final ActorRef<ServerGuardian.Command> guardian;
    private final InetSocketAddress address;
    private final JsonServerSettings settings;
    /** The first stop's outcome, which every later call returns: a stopped guardian would never answer. */
    private final AtomicReference<CompletableFuture<Done>> stopped = new AtomicReference<>();

    private JsonServer(ActorSystem<?> system, ActorRef<ServerGuardian.Command> guardian, InetSocketAddress address,
                       JsonServerSettings settings) {
        this.system = system;
        this.guardian = guardian;
        this.address = address;
        this.settings = settings;
    }

    /**
     * Binds a server inside the given actor system.
     *
     * @param system   the actor system to run in
     * @param settings where to listen and how to serve
     * @return completes once the socket is bound, or fails with the reason it could not be (an
     *     {@link IllegalStateException} naming the address)
     * @throws IllegalArgumentException if TLS is on and its keystore cannot be read
     */
    public static CompletionStage<JsonServer> start(ActorSystem<?> system, JsonServerSettings settings) {
        // The engines first, here: a keystore that cannot be read throws to the caller, not inside the actor.
        Optional<Supplier<SSLEngine>> tls = settings.tls().enabled()
                ? Optional.of(JsonTls.serverEngines(settings.tls())) : Optional.empty();
        ActorRef<ServerGuardian.Command> guardian = system.systemActorOf(ServerGuardian.create(settings, tls),
                "json-server-" + INSTANCES.incrementAndGet(), Props.empty());
        CompletionStage<ServerGuardian.BindOutcome> outcome = AskPattern.ask(guardian,
                ServerGuardian.AwaitBinding::new, ASK_TIMEOUT, system.scheduler());
        return outcome.thenCompose(o -> o instanceof ServerGuardian.Bound bound
                ? CompletableFuture.completedFuture(new JsonServer(system, guardian, bound.address(), settings))
                : CompletableFuture.failedFuture(new IllegalStateException(((ServerGuardian.NotBound) o).reason())));
    }

    /** @return the bound address (the real port when 0 was asked for) */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the figures a client's {@code get_stats} would get now */
    public CompletionStage<JsonMessage.ServerStats> stats() {
        return AskPattern.ask(guardian, ServerGuardian.GetStats::new, ASK_TIMEOUT, system.scheduler());
    }

    /**
     * Stops accepting, sends {@code server_shutdown} to every client, and closes each connection once it has taken
     * its last frames (or once shutdown-grace is over). Safe to call more than once.
     *
     * @return completes when every connection is closed and the server has stopped
     */
    public CompletionStage<Done> stop() {
        CompletableFuture<Done> mine = new CompletableFuture<>();
        if (!stopped.compareAndSet(null, mine)) {
            return stopped.get();
        }
        Duration timeout = settings.shutdownGrace().plus(ASK_TIMEOUT);
        AskPattern.<ServerGuardian.Command, Done>ask(guardian, ServerGuardian.Stop::new, timeout, system.scheduler())
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        mine.complete(done);
                    } else {
                        mine.completeExceptionally(failure);
                    }
                });
        return mine;
    }
}
