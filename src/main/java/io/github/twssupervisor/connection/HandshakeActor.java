package io.github.twssupervisor.connection;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TWS handshake of one socket (TWS-WIRE.md §2): preamble and version offer, the version frame, startApi, then both
 * nextValidId and managedAccounts in any order; error 326 (client id in use) fails it. Reports
 * {@link SessionHandshake.Succeeded} or {@link SessionHandshake.Failed} to its socket and stops.
 *
 * <p>It reads no bytes: the socket's stream decodes the frames (the version frame included, and frames before it are
 * ignored there, as the official clients do) and the socket hands over each batch's session events. This actor answers
 * every batch, with {@link SessionHandshake.Progress} while it waits for more or with its final result. The notices
 * it does not use (a 2104 before nextValidId, a 1100 during the handshake) it holds, and hands them back with its
 * success, before those that came after it, so that the supervisor sees every notice in order once READY.
 */
public final class HandshakeActor {

    /**
     * What the handshake knows so far: the negotiated version, once its frame came, the two answers, and the notices
     * it holds for the supervisor.
     */
    private record Progress(Optional<TwsSessionEvent.ServerVersion> version, Optional<List<String>> accounts,
                            Optional<Integer> nextOrderId, List<SessionEvent> held) {

        boolean complete() {
            return version.isPresent() && accounts.isPresent() && nextOrderId.isPresent();
        }

        String missing() {
            if (version.isEmpty()) {
                return "the server version";
            }
            return accounts.isEmpty() && nextOrderId.isEmpty() ? "nextValidId and managedAccounts"
                    : accounts.isEmpty() ? "managedAccounts" : "nextValidId";
        }
    }

    private final ActorContext<SessionHandshake.Command> context;
    private final ActorRef<SocketActor.Command> socket;
    private final ConnectionSettings settings;
    private final int clientId;
    private final String target;

    private HandshakeActor(ActorContext<SessionHandshake.Command> context, ActorRef<SocketActor.Command> socket,
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
    public static Behavior<SessionHandshake.Command> create(ActorRef<SocketActor.Command> socket,
                                                           ConnectionSettings settings, int clientId) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(SessionHandshake.Deadline.INSTANCE, settings.handshakeTimeout());
            HandshakeActor handshake = new HandshakeActor(ctx, socket, settings, clientId);
            VersionRange offer = new VersionRange(settings.minVersion(), settings.maxVersion(),
                    settings.connectOptions());
            socket.tell(new SessionHandshake.Write(Handshake.clientHello(offer)));
            return handshake.awaiting(new Progress(Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        }));
    }

    private Behavior<SessionHandshake.Command> awaiting(Progress progress) {
        return Behaviors.receive(SessionHandshake.Command.class)
                .onMessage(SessionHandshake.Received.class, r -> onReceived(progress, r.events()))
                .onMessage(SessionHandshake.Deadline.class, t -> fail(FailureReason.Kind.HANDSHAKE_TIMEOUT,
                        "connected to " + target
                        + " but no " + progress.missing() + " within " + settings.handshakeTimeout().toMillis()
                        + " ms: is TWS showing its 'Accept incoming connection?' dialog, or is the API busy?"))
                .onMessage(SessionHandshake.PeerClosed.class, c -> progress.version().isEmpty()
                        ? fail(FailureReason.Kind.VERSION_MISMATCH, "the peer at " + target + " closed the "
                        + "connection without sending its server version: it does not accept v" + settings.minVersion()
                        + ".." + settings.maxVersion() + " (TWS older than API 10.19?) or it is not TWS / IB Gateway")
                        : fail(FailureReason.Kind.CONNECTION_LOST, "TWS at " + target + " closed the connection "
                        + "during the handshake: is client id " + clientId + " already in use, or was the connection "
                        + "refused in TWS?"))
                .build();
    }

    private Behavior<SessionHandshake.Command> onReceived(Progress before, List<SessionEvent> events) {
        Progress progress = before;
        List<SessionEvent> held = new ArrayList<>(before.held());
        List<SessionEvent> unused = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SessionEvent event = events.get(i);
            if (event instanceof TwsSessionEvent.ServerVersion version) {
                int v = version.serverVersion();
                if (v < settings.minVersion() || v > settings.maxVersion()) {
                    return fail(FailureReason.Kind.VERSION_MISMATCH, "TWS at " + target + " answered server version "
                            + v + ", outside the offered " + settings.minVersion() + ".." + settings.maxVersion()
                            + (v < settings.minVersion() ? ": upgrade TWS / IB Gateway" : ""));
                }
                socket.tell(new SessionHandshake.Write(SessionCodec.startApi(clientId, "")));
                progress = new Progress(Optional.of(version), progress.accounts(), progress.nextOrderId(), held);
            } else if (event instanceof TwsSessionEvent.NextValidId id) {
                progress = new Progress(progress.version(), progress.accounts(), Optional.of(id.orderId()), held);
            } else if (event instanceof TwsSessionEvent.ManagedAccounts accounts) {
                progress = new Progress(progress.version(), Optional.of(accounts.accounts()), progress.nextOrderId(),
                        held);
            } else if (event instanceof TwsSessionEvent.Error error
                    && error.error().code() == TwsErrorCode.CLIENT_ID_IN_USE) {
                return fail(FailureReason.Kind.CLIENT_ID_IN_USE, "TWS at " + target + " refused client id "
                        + clientId + ": already in use by another connection (error 326)");
            } else if (event instanceof TwsSessionEvent.Error) {
                held.add(event);
            } else {
                unused.add(event);
            }
            if (progress.complete()) {
                TwsSessionEvent.ServerVersion version = progress.version().get();
                if (!unused.isEmpty()) {
                    context.getLog().debug("Session events before READY ignored: {}", unused);
                }
                held.addAll(events.subList(i + 1, events.size()));
                socket.tell(new SessionHandshake.Succeeded(new Ready(version.serverVersion(),
                        version.connectionTime(), clientId, progress.accounts().get(), progress.nextOrderId().get()),
                        held));
                return Behaviors.stopped();
            }
        }
        socket.tell(new SessionHandshake.Progress(unused));
        return awaiting(new Progress(progress.version(), progress.accounts(), progress.nextOrderId(),
                List.copyOf(held)));
    }

    private Behavior<SessionHandshake.Command> fail(FailureReason.Kind kind, String message) {
        socket.tell(new SessionHandshake.Failed(new FailureReason(kind, message)));
        return Behaviors.stopped();
    }
}
