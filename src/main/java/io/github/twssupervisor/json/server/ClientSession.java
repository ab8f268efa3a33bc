package io.github.twssupervisor.json.server;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.stream.UniqueKillSwitch;
import akka.util.ByteString;
import io.github.twssupervisor.config.JsonServerSettings;
import io.github.twssupervisor.json.JsonCodec;
import io.github.twssupervisor.json.JsonMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What a {@link ClientConnection} works with and never changes: its context, the peer's name, the outbound queue and
 * the switch that aborts it, and the server's settings, figures and registry. Owned by that actor; its state lives in
 * the actor's behaviours.
 *
 * @param ctx        the connection actor's context
 * @param remote     the peer's host:port
 * @param queue      the outbound frames
 * @param killSwitch aborts the outbound side, which resets the connection
 * @param settings   the server's settings
 * @param counters   the server's figures
 * @param registry   where broadcasts go
 */
record ClientSession(ActorContext<ClientConnection.Command> ctx, String remote, OutboundFrames queue,
                     UniqueKillSwitch killSwitch, JsonServerSettings settings, ServerCounters counters,
                     ActorRef<BroadcastRegistry.Command> registry) {

    /** Takes broadcasts from now on. */
    void join() {
        registry.tell(new BroadcastRegistry.Join(ctx.getSelf(), remote, queue));
    }

    /**
     * @param message a reply
     * @return false if the queue is full: the client does not read and must be cut off (a closed queue is no reason)
     */
    boolean send(JsonMessage message) {
        if (ctx.getLog().isDebugEnabled()) {
            ctx.getLog().debug(">>> {} {}", remote, message);
        }
        return queue.offer(ByteString.fromArrayUnsafe(JsonCodec.frame(message)))
                != ClientConnection.Offer.FULL;
    }

    /** @param what a received message (an {@code Auth} masks its token) or why a frame was refused */
    void logReceived(Object what) {
        if (ctx.getLog().isDebugEnabled()) {
            ctx.getLog().debug("<<< {} {}", remote, what);
        }
    }

    /**
     * Compares in constant time, so that the time an answer takes says nothing of how much of the token was right.
     *
     * @param auth the client's auth message
     * @return true if a token is required and this is it, or none is required
     */
    boolean tokenMatches(JsonMessage.Auth auth) {
        return settings.authToken().map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                auth.token().getBytes(StandardCharsets.UTF_8))).orElse(true);
    }

    /** Lets the queued frames be written, then the socket closes; nothing once the stream has ended. */
    void complete() {
        queue.complete();
    }

    /** Resets the connection, dropping what is queued: a no-op once every frame was handed to the socket. */
    void abort() {
        killSwitch.abort(new IllegalStateException("connection of " + remote + " closed by the server"));
    }
}
