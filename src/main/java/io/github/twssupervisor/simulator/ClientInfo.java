package io.github.twssupervisor.simulator;

import java.time.Instant;

/**
 * An API client connected to the simulator.
 *
 * @param clientId      the id it sent in startApi
 * @param remoteAddress its host:port
 * @param serverVersion the negotiated version
 * @param connectedAt   when its startApi was accepted
 */
public record ClientInfo(int clientId, String remoteAddress, int serverVersion, Instant connectedAt) {

    /** @return one line for the console's {@code clients} command */
    public String toLine() {
        return "client " + clientId + " from " + remoteAddress + " serverVersion=" + serverVersion + " since "
                + connectedAt;
    }
}
