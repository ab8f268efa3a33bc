package io.github.twssupervisor.connection;

import java.util.List;

/**
 * What a completed handshake established.
 *
 * @param serverVersion  the negotiated server version
 * @param connectionTime TWS's clock and zone at connect, as TWS wrote it
 * @param clientId       the client id this connection uses (under the rotate policy, not always the configured one)
 * @param accounts       the managed accounts
 * @param nextOrderId    the next valid order id
 */
public record Ready(int serverVersion, String connectionTime, int clientId, List<String> accounts, int nextOrderId) {

    /** Copies the list. */
    public Ready {
        accounts = List.copyOf(accounts);
    }
}
