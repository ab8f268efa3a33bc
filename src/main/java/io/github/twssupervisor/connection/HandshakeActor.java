package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import io.github.twssupervisor.wire.WireFormatException;
import java.util.List;
import java.util.Optional;

/**
 * The TWS handshake of one socket (TWS-WIRE.md §2): preamble and version offer, the version frame (other frames before
 * it are ignored, as the official clients do), startApi, then both nextValidId and managedAccounts in any order.
 * Reports {@link SocketActor.HandshakeSucceeded} or {@link SocketActor.HandshakeFailed} to its socket and stops.
 *
 * <p>The socket hands over one frame at a time and reads the next only after this actor answered it with
 * {@link SocketActor.FrameHandled} (or a final result): frames after the version frame that are not part of the
 * handshake (farm notices, order replays) are handed back to go to the dispatcher, in order, and no frame can be caught
 * in the mailbox of a handshake that has already finished.
 */
public final class HandshakeActor {

    /** Messages of the handshake. */
    public sealed interface Command permits FrameReceived, PeerClosed, Timeout {
    }

    /** TWS closed the socket before the handshake completed. */
    public enum PeerClosed implements Command {
        /** The one instance. */
        INSTANCE
    }

    /**
     * A frame the socket received before Ready.
     *
     * @param payload the frame payload
     */
    public record FrameReceived(byte[] payload) implements Command {
    }

    private enum Timeout implements Command {
        INSTANCE
    }

    private final ActorContext<Command> context;
    private final ActorRef<SocketActor.Command> socket;
    private final ConnectionSettings settings;
    private final int clientId;
    private final String target;

    private HandshakeActor(ActorContext<Command> context, ActorRef<SocketActor.Command> socket,
                           ConnectionSettings settings, int clientId) {
        this.context = context;
        this.socket = socket;
        this.settings = settings;
        this.clientId = clientId;
        this.target = settings.host() + ":" + settings.port();
    }

    /**
     * @param socket   the socket to write through and report to
     * @param settings versions, timeout
     * @param clientId the client id for startApi
     * @return the behaviour; it sends the preamble at once
     */
    public static Behavior<Command> create(ActorRef<SocketActor.Command> socket, ConnectionSettings settings,
                                           int clientId) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(Timeout.INSTANCE, settings.handshakeTimeout());
            HandshakeActor handshake = new HandshakeActor(ctx, socket, settings, clientId);
            VersionRange offer = new VersionRange(settings.minVersion(), settings.maxVersion(),
                    settings.connectOptions());
            socket.tell(new SocketActor.HandshakeWrite(Handshake.clientHello(offer)));
            return handshake.awaitingVersion();
        }));
    }

    private Behavior<Command> awaitingVersion() {
        return Behaviors.receive(Command.class)
                .onMessage(FrameReceived.class, this::onFrameBeforeVersion)
                .onMessage(Timeout.class, t -> timedOut("the server version"))
                .onMessage(PeerClosed.class, c -> fail(FailureReason.Kind.VERSION_MISMATCH, "the peer at " + target
                        + " closed the connection without sending its server version: it does not accept v"
                        + settings.minVersion() + ".." + settings.maxVersion() + " (TWS older than API 10.19?) or it "
                        + "is not TWS / IB Gateway"))
                .build();
    }

    private Behavior<Command> onFrameBeforeVersion(FrameReceived frame) {
        if (!Handshake.ServerHello.matches(frame.payload())) {
            context.getLog().debug("Ignoring a frame before the version frame: {}",
                    Frames.printable(frame.payload(), 100));
            return handled(Optional.empty());
        }
        Handshake.ServerHello hello = Handshake.ServerHello.decode(frame.payload());
        int version = hello.serverVersion();
        if (version < settings.minVersion() || version > settings.maxVersion()) {
            return fail(FailureReason.Kind.VERSION_MISMATCH, "TWS at " + target + " answered server version "
                    + version + ", outside the offered " + settings.minVersion() + ".." + settings.maxVersion()
                    + (version < settings.minVersion() ? ": upgrade TWS / IB Gateway" : ""));
        }
        socket.tell(new SocketActor.VersionNegotiated(version));
        socket.tell(new SocketActor.HandshakeWrite(SessionCodec.startApi(clientId, "")));
        socket.tell(new SocketActor.FrameHandled(Optional.empty()));
        return awaitingReady(version, hello.connectionTime(), Optional.empty(), Optional.empty());
    }

    /** After a frame that updated accounts or order id: done, or handled and waiting for more. */
    private Behavior<Command> progressed(int version, String connectionTime, Optional<List<String>> accounts,
                                         Optional<Integer> nextOrderId) {
        if (accounts.isPresent() && nextOrderId.isPresent()) {
            socket.tell(new SocketActor.HandshakeSucceeded(new Ready(version, connectionTime, clientId, accounts.get(),
                    nextOrderId.get())));
            return Behaviors.stopped();
        }
        socket.tell(new SocketActor.FrameHandled(Optional.empty()));
        return awaitingReady(version, connectionTime, accounts, nextOrderId);
    }

    private Behavior<Command> awaitingReady(int version, String connectionTime, Optional<List<String>> accounts,
                                            Optional<Integer> nextOrderId) {
        return Behaviors.receive(Command.class)
                .onMessage(FrameReceived.class, f -> onFrameAfterVersion(version, connectionTime, accounts,
                        nextOrderId, f))
                .onMessage(Timeout.class, t -> timedOut(accounts.isEmpty() && nextOrderId.isEmpty()
                        ? "nextValidId and managedAccounts" : accounts.isEmpty() ? "managedAccounts" : "nextValidId"))
                .onMessage(PeerClosed.class, c -> fail(FailureReason.Kind.CONNECTION_LOST, "TWS at " + target
                        + " closed the connection during the handshake: is client id " + clientId
                        + " already in use, or was the connection refused in TWS?"))
                .build();
    }

    private Behavior<Command> onFrameAfterVersion(int version, String connectionTime, Optional<List<String>> accounts,
                                                  Optional<Integer> nextOrderId, FrameReceived frame) {
        FieldReader reader = new FieldReader(frame.payload());
        try {
            int id = reader.readInt();
            if (id == IncomingMessageId.NEXT_VALID_ID.code()) {
                return progressed(version, connectionTime, accounts,
                        Optional.of(SessionCodec.decodeNextValidId(reader)));
            }
            if (id == IncomingMessageId.MANAGED_ACCOUNTS.code()) {
                return progressed(version, connectionTime, Optional.of(SessionCodec.decodeManagedAccounts(reader)),
                        nextOrderId);
            }
            if (id == IncomingMessageId.ERROR.code()) {
                SessionCodec.TwsError error = SessionCodec.decodeError(version, reader);
                if (error.code() == TwsErrorCode.CLIENT_ID_IN_USE) {
                    return fail(FailureReason.Kind.CLIENT_ID_IN_USE, "TWS at " + target + " refused client id "
                            + clientId + ": already in use by another connection (error 326)");
                }
            }
        } catch (WireFormatException e) {
            context.getLog().warn("Unreadable frame during the handshake with {}: {}", target, e.getMessage());
        }
        return handled(Optional.of(frame.payload()));
    }

    /** Answers the socket's frame; a frame not consumed goes back to it for the dispatcher. */
    private Behavior<Command> handled(Optional<byte[]> passOn) {
        socket.tell(new SocketActor.FrameHandled(passOn));
        return Behaviors.same();
    }

    private Behavior<Command> timedOut(String waitingFor) {
        return fail(FailureReason.Kind.HANDSHAKE_TIMEOUT, "connected to " + target + " but no " + waitingFor
                + " within " + settings.handshakeTimeout().toMillis() + " ms: is TWS showing its 'Accept incoming "
                + "connection?' dialog, or is the API busy?");
    }

    private Behavior<Command> fail(FailureReason.Kind kind, String message) {
        socket.tell(new SocketActor.HandshakeFailed(new FailureReason(kind, message)));
        return Behaviors.stopped();
    }
}
