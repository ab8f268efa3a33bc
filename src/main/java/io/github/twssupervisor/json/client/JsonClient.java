package io.github.twssupervisor.json.client;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.config.JsonClientSettings;
import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionMetrics;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.Stages;
import io.github.twssupervisor.json.JsonMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client of a JSON server (the JSON profile: 4-byte big-endian length + UTF-8 JSON) on the same supervised connection
 * as {@code TwsClient}: it connects at once, reconnects with backoff for as long as it lives, probes a silent
 * connection with {@code ping}, and reports its states as typed {@link ConnectionEvent}s. Requests made while it is not
 * READY wait (up to {@code queue-size}) and go out on the next READY connection; a request whose connection is lost
 * before its reply fails, since the server may or may not have handled it.
 *
 * <pre>{@code
 * JsonClient client = JsonClient.create(system, JsonClientSettings.from(ConfigFactory.load()));
 * client.broadcasts().runForeach(b -> log.info("{} says {}", b.from(), b.content()), system);
 * client.echo("hello").thenAccept(reply -> log.info("echoed by {}", reply.echoedBy()));
 * }</pre>
 *
 * Thread-safe; every method returns at once. The {@code CompletionStage}s complete on the actor system's dispatcher,
 * and callbacks chained without an executor run there: keep them short and never block in them.
 */
public final class JsonClient implements AutoCloseable {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final JsonClientSettings settings;
    private final ActorRef<JsonClientActor.Command> actor;
    private final ConnectionMetrics metrics = new ConnectionMetrics();
    private final AtomicReference<ConnectionState> stateView = new AtomicReference<>(ConnectionState.DISCONNECTED);
    /** The first close's stage: later closes return it, and streams asked for after it are empty. */
    private final AtomicReference<CompletionStage<Done>> closed = new AtomicReference<>();

    private JsonClient(ActorSystem<?> system, JsonClientSettings settings) {
        this.system = system;
        this.settings = settings;
        // The protocol first, here: a TLS store that cannot be read throws to the caller, not inside the actor.
        JsonProtocol protocol = new JsonProtocol(settings);
        this.actor = system.systemActorOf(JsonClientActor.create(settings, protocol, metrics, stateView),
                "json-client-" + INSTANCES.incrementAndGet(), Props.empty());
    }

    /**
     * @param system   the actor system to run in
     * @param settings where and how to connect
     * @return the client, already connecting
     * @throws IllegalArgumentException if a TLS store cannot be read (named, with the reason)
     */
    public static JsonClient create(ActorSystem<?> system, JsonClientSettings settings) {
        return new JsonClient(system, settings);
    }

    /** @return the round trip of a {@code ping}: the server's pong */
    public CompletionStage<JsonMessage.Pong> ping() {
        return request(new JsonMessage.Ping(Instant.now(), "tws-supervisor json-client"), JsonMessage.Pong.class);
    }

    /**
     * @param content what the server echoes
     * @return its {@code echo_response}
     */
    public CompletionStage<JsonMessage.EchoResponse> echo(String content) {
        return request(new JsonMessage.Echo(content, Instant.now()), JsonMessage.EchoResponse.class);
    }

    /**
     * @param content what every other client receives as a {@code broadcast_message}
     * @return the server's {@code broadcast_sent}, with how many received it
     */
    public CompletionStage<JsonMessage.BroadcastSent> broadcast(String content) {
        return request(new JsonMessage.Broadcast(content, Instant.now()), JsonMessage.BroadcastSent.class);
    }

    /** @return the server's statistics */
    public CompletionStage<JsonMessage.ServerStats> stats() {
        return request(new JsonMessage.GetStats(Instant.now()), JsonMessage.ServerStats.class);
    }

    /**
     * Sends any message and returns the reply as it came, an {@code error} included: for types this client does not
     * know ({@link JsonMessage.Custom}).
     *
     * @param message the request; it must get exactly one reply, in order: not {@code auth}, which is the
     *                handshake's, and not a custom {@code ping} (a {@link JsonMessage.Ping} is fine)
     * @return the reply
     */
    public CompletionStage<JsonMessage> send(JsonMessage message) {
        if (message instanceof JsonMessage.Auth || message instanceof JsonMessage.Custom custom
                && custom.type().equals(JsonMessage.Auth.TYPE)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("auth is the handshake's: set "
                    + "tws.json.client.token instead"));
        }
        if (message instanceof JsonMessage.Custom custom && custom.type().equals(JsonMessage.Ping.TYPE)) {
            // its pong would be matched by a timestamp no request of this client's has
            return CompletableFuture.failedFuture(new IllegalArgumentException("a custom ping is not sent: use "
                    + "ping(), or a JsonMessage.Ping"));
        }
        return Stages.plain(AskPattern.askWithStatus(actor, replyTo -> new JsonClientActor.Request(message, replyTo),
                settings.requestTimeout(), system.scheduler()), system.executionContext());
    }

    /**
     * @return every {@code broadcast_message} from now on, for as long as the client lives (across reconnections);
     *     each materialization follows on its own. A stream more than {@code broadcast-buffer} behind fails
     */
    public Source<JsonMessage.BroadcastMessage, NotUsed> broadcasts() {
        if (closed.get() != null) {
            return Source.empty();
        }
        return Source.<JsonMessage.BroadcastMessage>queue(settings.broadcastBuffer())
                .mapMaterializedValue(queue -> {
                    actor.tell(new JsonClientActor.FollowBroadcasts(queue));
                    return NotUsed.getInstance();
                });
    }

    /**
     * @return the connection's events from now on, the current state first: every state change (CONNECTING, READY,
     *     RECONNECTING with its reason and next delay, CLOSED) and the server's notices
     */
    public Source<ConnectionEvent, NotUsed> events() {
        if (closed.get() != null) {
            return Source.empty();
        }
        return Source.<ConnectionEvent>queue(256).mapMaterializedValue(queue -> {
            actor.tell(new JsonClientActor.FollowEvents(queue));
            return NotUsed.getInstance();
        });
    }

    /**
     * @return from now on, one {@link Interruption.Interrupted} per outage (however many attempts it takes) and one
     *     {@link Interruption.Resumed} when the connection is READY again: all a service needs of the connection
     */
    public Source<Interruption, NotUsed> interruptions() {
        if (closed.get() != null) {
            return Source.empty();
        }
        return Source.<Interruption>queue(256).mapMaterializedValue(queue -> {
            actor.tell(new JsonClientActor.FollowInterruptions(queue));
            return NotUsed.getInstance();
        });
    }

    /** @return the connection's state now */
    public ConnectionState state() {
        return stateView.get();
    }

    /**
     * @param timeout how long to wait
     * @return completes when the connection is READY (at once if it is)
     */
    public CompletionStage<Done> ready(Duration timeout) {
        return Stages.plain(AskPattern.<JsonClientActor.Command, io.github.twssupervisor.connection.Ready>askWithStatus(
                actor, JsonClientActor.AwaitReady::new, timeout, system.scheduler()), system.executionContext())
                .thenApply(r -> Done.getInstance());
    }

    /** @return the connection's counters (frames in and out, reconnects, failures by kind) */
    public ConnectionMetrics metrics() {
        return metrics;
    }

    /**
     * Closes for good: no more attempts; requests waiting fail.
     *
     * @return completes when the socket is gone
     */
    public CompletionStage<Done> closeAsync() {
        CompletableFuture<Done> mine = new CompletableFuture<>();
        if (!closed.compareAndSet(null, mine)) {
            return closed.get();
        }
        Stages.plain(AskPattern.ask(actor, JsonClientActor.Close::new, settings.requestTimeout(), system.scheduler()),
                system.executionContext()).whenComplete((done, failure) -> {
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(done);
                    }
                });
        return mine;
    }

    /** Closes and waits, up to the request timeout. */
    @Override
    public void close() {
        closeAsync().toCompletableFuture().join();
    }

    private <R extends JsonMessage> CompletionStage<R> request(JsonMessage message, Class<R> expected) {
        return send(message).thenApply(reply -> {
            if (expected.isInstance(reply)) {
                return expected.cast(reply);
            }
            if (reply instanceof JsonMessage.Error error) {
                throw new JsonServerException(message.type(), error.error());
            }
            throw new JsonServerException(message.type(), "expected " + expected.getSimpleName() + ", got "
                    + reply.type());
        });
    }
}
