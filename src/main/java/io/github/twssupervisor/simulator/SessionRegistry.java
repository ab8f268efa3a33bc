package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's sessions: every open connection, the API clients registered among them, the rejections a
 * {@code reject-client-id} fault has armed, and so which startApi is refused. Plain Java owned by the
 * {@link SimulatorServer}.
 */
final class SessionRegistry {

    private final Map<ActorRef<SimulatorSession.Command>, ClientInfo> clientsBySession = new HashMap<>();
    private final List<ActorRef<SimulatorSession.Command>> sessions = new ArrayList<>();
    private final List<Target> armedRejections = new ArrayList<>();

    /** @param session a session just spawned */
    void opened(ActorRef<SimulatorSession.Command> session) {
        sessions.add(session);
    }

    /**
     * @param session a session that stopped
     * @return its client, if it was registered
     */
    Optional<ClientInfo> closed(ActorRef<SimulatorSession.Command> session) {
        sessions.remove(session);
        return Optional.ofNullable(clientsBySession.remove(session));
    }

    /** @param target whose next startApi is to be answered with 326 */
    void armRejection(Target target) {
        armedRejections.add(target);
    }

    /**
     * Decides a startApi: the server is the single authority on client ids, so two connections racing with the same id
     * cannot both win.
     *
     * @param clientId   the id of a startApi
     * @param maxClients how many clients may be registered at once
     * @return why the client may not register (its id is in use or an armed rejection takes it, or the server is
     *     full), or empty if it may
     */
    Optional<SimulatorSession.Rejected> refusal(int clientId, int maxClients) {
        if (inUse(clientId) || takeRejection(clientId)) {
            return Optional.of(new SimulatorSession.Rejected(TwsErrorCode.CLIENT_ID_IN_USE,
                    "Unable to connect as the client id is already in use. Retry with a unique client id."));
        } else if (clientCount() >= maxClients) {
            // TWS documents the limit of 32 clients but no error for the 33rd; the simulator names the limit.
            return Optional.of(new SimulatorSession.Rejected(TwsErrorCode.CONNECT_FAIL,
                    "Maximum number of API clients (" + maxClients + ") reached"));
        }
        return Optional.empty();
    }

    /**
     * @param clientId the id of a startApi
     * @return whether an armed rejection applies to it (and is used up)
     */
    private boolean takeRejection(int clientId) {
        for (int i = 0; i < armedRejections.size(); i++) {
            if (armedRejections.get(i).includes(clientId)) {
                armedRejections.remove(i);
                return true;
            }
        }
        return false;
    }

    /**
     * @param clientId a client id
     * @return whether a registered client has it
     */
    private boolean inUse(int clientId) {
        return clientsBySession.values().stream().anyMatch(c -> c.clientId() == clientId);
    }

    /**
     * @param session the session
     * @param info    its client
     */
    void register(ActorRef<SimulatorSession.Command> session, ClientInfo info) {
        clientsBySession.put(session, info);
    }

    /** @return registered clients */
    int clientCount() {
        return clientsBySession.size();
    }

    /** @return open connections, registered or not */
    List<ActorRef<SimulatorSession.Command>> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * @param target the connections wanted
     * @return the registered sessions it names
     */
    List<ActorRef<SimulatorSession.Command>> clients(Target target) {
        List<ActorRef<SimulatorSession.Command>> matching = new ArrayList<>();
        clientsBySession.forEach((session, info) -> {
            if (target.includes(info.clientId())) {
                matching.add(session);
            }
        });
        return matching;
    }

    /**
     * @param target the connections wanted
     * @return for all: every open connection, handshaking ones too; else the client's
     */
    List<ActorRef<SimulatorSession.Command>> connections(Target target) {
        return target.clientId().isEmpty() ? sessions() : clients(target);
    }

    /** @return client ids and remote addresses */
    Map<Integer, String> addressesById() {
        Map<Integer, String> byId = new HashMap<>();
        clientsBySession.values().forEach(c -> byId.put(c.clientId(), c.remoteAddress()));
        return byId;
    }

    /** @return the registered clients, ordered by client id */
    List<ClientInfo> clientList() {
        List<ClientInfo> clients = new ArrayList<>(clientsBySession.values());
        clients.sort(Comparator.comparingInt(ClientInfo::clientId));
        return List.copyOf(clients);
    }

    /** @return whether no connection is open */
    boolean isEmpty() {
        return sessions.isEmpty();
    }
}
