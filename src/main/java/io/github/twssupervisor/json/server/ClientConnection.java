package io.github.twssupervisor.json.server;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.Tcp;
import akka.stream.scaladsl.TcpIdleTimeoutException;
import akka.stream.UniqueKillSwitch;
import akka.stream.typed.javadsl.ActorSink;
import akka.util.ByteString;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonFraming;
import io.github.twssupervisor.json.JsonFramingException;
import io.github.twssupervisor.json.JsonMessage;
import io.github.twssupervisor.json.JsonProtocolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLException;

/**
 * One client connection of the JSON server: its inbound stream decodes frames on the stream's thread and hands them
 * over in back-pressured batches; this actor answers them in order into a bounded outbound queue.
 *
 * <pre>
 * socket -> JsonFraming (max-frame-size) -> decode -> batch -> this actor (one batch per acknowledgement)
 * this actor, BroadcastRegistry -> BoundedSourceQueue (outbound-buffer frames) -> batch -> socket
 *
 * open(authenticated = no token) --auth ok--> open(authenticated)
 *    |  wrong token, no auth first, auth-timeout: auth_failed -> closing
 *    |  Shutdown: server_shutdown -> closing
 *    |  outbound queue full: WARN, cut off (stop)            closing --peer gone--> stopped
 *    |  peer gone / oversized frame (WARN) -> stopped        closing --shutdown-grace--> cut off (stop)
 * </pre>
 *
 * Its streams run on the system's materializer, so that stopping after {@code complete()} still lets the last frames
 * be written; the queue is failed (the connection aborted) on every other way out, in {@link PostStop}.
 */
final class ClientConnection {

    /** Messages of a connection. */
    sealed interface Command {
    }

    /** The server shuts down: send {@code server_shutdown}, flush, close. */
    enum Shutdown implements Command {
        INSTANCE
    }

    /** The client's outbound queue was found full: it does not read, and is cut off. */
    enum Overflowed implements Command {
        INSTANCE
    }

    /** What came of offering a frame to a client's queue. */
    enum Offer {
        ENQUEUED, FULL, CLOSED
    }

    /** The inbound stream's acknowledgement: send the next batch. */
    enum Ack {
        INSTANCE
    }

    /** One frame as the stream decoded it. */
    private sealed interface Inbound {
    }

    private record Decoded(JsonMessage message) implements Inbound {
    }

    private record Refused(JsonProtocolException problem) implements Inbound {
    }

    private record StreamStarted(ActorRef<Ack> ackTo) implements Command {
    }

    private record InboundBatch(ActorRef<Ack> ackTo, List<Inbound> items) implements Command {
    }

    private record InboundFailed(Throwable cause) implements Command {
    }

    private enum InboundEnded implements Command {
        INSTANCE
    }

    private record BroadcastDone(int recipients, List<Inbound> rest, ActorRef<Ack> ackTo) implements Command {
    }

    private enum AuthDeadline implements Command {
        INSTANCE
    }

    private enum CloseDeadline implements Command {
        INSTANCE
    }

    /** Every outbound frame was handed to the socket, which closes after writing them. */
    private enum OutboundEnded implements Command {
        INSTANCE
    }

    /** Frames handed to the actor at once when it is slower than the socket. */
    private static final int INBOUND_BATCH = 64;
    /** Frames merged into one socket write when the socket is slower than the actor. */
    private static final int OUTBOUND_BATCH = 64;
    /** The registry is local and answers at once; this only bounds a bug. */
    private static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(10);
    /** The name echo_response gives as echoed_by. */
    static final String SERVER_NAME = "json-server";

    private ClientConnection() {
    }

    /**
     * @param connection the accepted connection, not yet materialized
     * @param settings   the server's settings
     * @param counters   the server's shared figures
     * @param registry   where broadcasts go
     * @return the behaviour of the connection's actor, which materializes the connection at once
     */
    static Behavior<Command> create(Tcp.IncomingConnection connection, JsonServerSettings settings,
                                    ServerCounters counters, ActorRef<BroadcastRegistry.Command> registry) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            String remote = connection.remoteAddress().getHostString() + ":" + connection.remoteAddress().getPort();
            Outbound outbound = open(ctx, connection, settings, counters);
            ctx.pipeToSelf(outbound.written(), (done, failure) -> OutboundEnded.INSTANCE);
            ClientSession session = new ClientSession(ctx, remote, outbound.queue(), outbound.killSwitch(), settings,
                    counters, registry);
            if (settings.authToken().isPresent()) {
                timers.startSingleTimer(AuthDeadline.INSTANCE, settings.authTimeout());
                return open(session, timers, false);
            }
            session.join();
            return open(session, timers, true);
        }));
    }

    /** The materialized outbound side: the queue, the switch that aborts it, and its end. */
    private record Outbound(OutboundFrames queue, UniqueKillSwitch killSwitch,
                            CompletionStage<Done> written) {
    }

    private static Outbound open(ActorContext<Command> ctx, Tcp.IncomingConnection connection,
                                                       JsonServerSettings settings, ServerCounters counters) {
        Sink<ByteString, ?> inbound = JsonFraming.payloads(settings.maxFrameSize())
                .map(payload -> {
                    counters.received();
                    return decode(payload);
                })
                .batch(INBOUND_BATCH, first -> {
                    List<Inbound> batch = new ArrayList<>();
                    batch.add(first);
                    return batch;
                }, (batch, next) -> {
                    batch.add(next);
                    return batch;
                })
                .to(ActorSink.actorRefWithBackpressure(ctx.getSelf(),
                        (ActorRef<Ack> ackTo, List<Inbound> batch) -> new InboundBatch(ackTo, List.copyOf(batch)),
                        StreamStarted::new, Ack.INSTANCE, InboundEnded.INSTANCE, InboundFailed::new));
        AtomicLong queuedBytes = new AtomicLong();
        Source<ByteString, Outbound> outbound = Source.<ByteString>queue(settings.outboundBuffer())
                .map(frame -> {
                    OutboundFrames.written(queuedBytes, frame);
                    return frame;
                })
                .batch(OUTBOUND_BATCH, frame -> frame, ByteString::concat)
                .viaMat(KillSwitches.single(), Keep.both())
                .watchTermination((pair, written) -> new Outbound(new OutboundFrames(pair.first(), queuedBytes,
                        settings.outboundBufferBytes()), pair.second(), written));
        // Not coupled: the write side completing (a close after the last frames) must not cancel the read side first,
        // which Akka answers with an abort that can overtake those frames.
        return connection.handleWith(Flow.fromSinkAndSourceMat(inbound, outbound, Keep.right()),
                Materializer.matFromSystem(ctx.getSystem()));
    }

    private static Inbound decode(ByteString payload) {
        try {
            return new Decoded(JsonCodec.decode(payload));
        } catch (JsonProtocolException e) {
            return new Refused(e);
        }
    }

    private static Behavior<Command> open(ClientSession s, TimerScheduler<Command> timers, boolean authenticated) {
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, m -> acknowledged(m.ackTo()))
                .onMessage(InboundBatch.class, m -> onBatch(s, timers, authenticated, m.items(), m.ackTo()))
                .onMessage(BroadcastDone.class, m -> onBroadcastDone(s, timers, m))
                .onMessage(Overflowed.class, m -> cutOff(s))
                .onMessage(Shutdown.class, m -> {
                    s.send(new JsonMessage.ServerShutdown("server shutting down", Instant.now()));
                    return closing(s, timers, false);
                })
                .onMessage(AuthDeadline.class, m -> authenticated ? Behaviors.same()
                        : refuse(s, timers, "no auth message within " + s.settings().authTimeout().toMillis()
                        + " ms"))
                .onMessage(InboundEnded.class, m -> ended(s, timers, null))
                .onMessage(InboundFailed.class, m -> ended(s, timers, m.cause()))
                .onSignal(PostStop.class, signal -> {
                    s.abort();
                    return Behaviors.same();
                })
                .build();
    }

    /** Answers the batch in order; a broadcast waits for the registry, and the rest of the batch with it. */
    private static Behavior<Command> onBatch(ClientSession s, TimerScheduler<Command> timers, boolean authenticated,
                                             List<Inbound> items, ActorRef<Ack> ackTo) {
        boolean nowAuthenticated = authenticated;
        for (int i = 0; i < items.size(); i++) {
            Inbound item = items.get(i);
            JsonMessage message = item instanceof Decoded d ? d.message() : null;
            s.logReceived(item instanceof Decoded d ? d.message() : ((Refused) item).problem().getMessage());
            if (!nowAuthenticated) {
                if (!(message instanceof JsonMessage.Auth auth)) {
                    return refuse(s, timers, "authentication required: the first message must be auth {token}");
                }
                if (!s.tokenMatches(auth)) {
                    return refuse(s, timers, "wrong token");
                }
                timers.cancel(AuthDeadline.INSTANCE);
                nowAuthenticated = true;
                s.ctx().getLog().info("Client {} authenticated", s.remote());
                s.join();
                if (!s.send(new JsonMessage.AuthOk(Instant.now()))) {
                    return cutOff(s);
                }
                continue;
            }
            if (message instanceof JsonMessage.Broadcast broadcast) {
                List<Inbound> rest = List.copyOf(items.subList(i + 1, items.size()));
                s.ctx().ask(BroadcastRegistry.Delivered.class, s.registry(), BROADCAST_TIMEOUT,
                        replyTo -> new BroadcastRegistry.Broadcast(s.ctx().getSelf(), s.remote(),
                                broadcast.content(), replyTo),
                        (delivered, failure) -> new BroadcastDone(delivered == null ? 0 : delivered.recipients(),
                                rest, ackTo));
                return open(s, timers, true);
            }
            if (message instanceof JsonMessage.Auth auth && !s.tokenMatches(auth)) {
                return refuse(s, timers, "wrong token");
            }
            if (!s.send(ServerReplies.answer(item instanceof Decoded ? message : null,
                    item instanceof Refused r ? r.problem() : null, s.remote(), s.counters()))) {
                return cutOff(s);
            }
        }
        ackTo.tell(Ack.INSTANCE);
        return nowAuthenticated == authenticated ? Behaviors.same() : open(s, timers, true);
    }

    private static Behavior<Command> onBroadcastDone(ClientSession s, TimerScheduler<Command> timers,
                                                     BroadcastDone m) {
        if (!s.send(new JsonMessage.BroadcastSent(m.recipients(), Instant.now()))) {
            return cutOff(s);
        }
        return onBatch(s, timers, true, m.rest(), m.ackTo());
    }

    private static Behavior<Command> refuse(ClientSession s, TimerScheduler<Command> timers, String why) {
        s.ctx().getLog().info("Refusing client {}: {}", s.remote(), why);
        s.send(new JsonMessage.AuthFailed(why, Instant.now()));
        return closing(s, timers, false);
    }

    /**
     * Completes the outbound queue (its frames are written, then the socket closes) and waits for the socket to be
     * closed: the inbound side's end says so. When that has already ended (a broken frame), the outbound side's end is
     * the last signal there will be.
     */
    private static Behavior<Command> closing(ClientSession s, TimerScheduler<Command> timers, boolean inboundEnded) {
        s.complete();
        timers.startSingleTimer(CloseDeadline.INSTANCE, s.settings().shutdownGrace());
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, m -> acknowledged(m.ackTo()))
                // read and dropped, so that the stream reaches its end and tells us
                .onMessage(InboundBatch.class, m -> acknowledged(m.ackTo()))
                .onMessage(BroadcastDone.class, m -> acknowledged(m.ackTo()))
                .onMessage(CloseDeadline.class, m -> {
                    s.ctx().getLog().info("Client {} did not take its last frames within {} ms: cut off",
                            s.remote(), s.settings().shutdownGrace().toMillis());
                    return Behaviors.stopped();
                })
                .onMessage(InboundEnded.class, m -> Behaviors.stopped())
                .onMessage(InboundFailed.class, m -> Behaviors.stopped())
                .onMessage(OutboundEnded.class, m -> inboundEnded ? Behaviors.stopped() : Behaviors.same())
                .onMessage(Command.class, m -> Behaviors.same())
                .onSignal(PostStop.class, signal -> {
                    s.abort();
                    return Behaviors.same();
                })
                .build();
    }

    private static Behavior<Command> acknowledged(ActorRef<Ack> ackTo) {
        ackTo.tell(Ack.INSTANCE);
        return Behaviors.same();
    }

    private static Behavior<Command> cutOff(ClientSession s) {
        s.ctx().getLog().warn("Disconnecting client {}: it does not read (its queue of {} frames or {} bytes is full)",
                s.remote(), s.settings().outboundBuffer(), s.settings().outboundBufferBytes());
        return Behaviors.stopped();
    }

    /** The inbound side ended: the peer closed or reset, or broke the framing (answered, then closed). */
    private static Behavior<Command> ended(ClientSession s, TimerScheduler<Command> timers, Throwable cause) {
        if (cause instanceof JsonFramingException) {
            s.ctx().getLog().warn("Closing connection from {}: {}", s.remote(), cause.getMessage());
            s.send(new JsonMessage.Error(cause.getMessage(), Optional.empty(), Instant.now()));
            return closing(s, timers, true);
        } else if (cause instanceof SSLException) {
            s.ctx().getLog().warn("TLS with {} failed: {}", s.remote(), cause.getMessage());
        } else if (cause instanceof TcpIdleTimeoutException) {
            s.ctx().getLog().info("Closing connection from {}: nothing either way for {} (tws.json.server.idle-timeout)",
                    s.remote(), s.settings().idleTimeout());
        } else if (cause != null) {
            s.ctx().getLog().debug("Connection from {} ended: {}", s.remote(), cause.toString());
        }
        return Behaviors.stopped();
    }
}
