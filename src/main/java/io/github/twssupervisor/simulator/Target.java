package io.github.twssupervisor.simulator;

import java.util.OptionalInt;

/**
 * Which connections a fault applies to: every one, or the one of a client id.
 *
 * @param clientId the client id, or empty for all
 */
public record Target(OptionalInt clientId) {

    private static final Target ALL = new Target(OptionalInt.empty());

    /** Validates. */
    public Target {
        if (clientId == null) {
            throw new IllegalArgumentException("clientId must not be null; use Target.all()");
        }
    }

    /** @return every connection */
    public static Target all() {
        return ALL;
    }

    /**
     * @param clientId a client id
     * @return the connection of that client only
     */
    public static Target client(int clientId) {
        return new Target(OptionalInt.of(clientId));
    }

    /**
     * @param id a registered client's id
     * @return the fault applies to it
     */
    public boolean includes(int id) {
        return clientId.isEmpty() || clientId.getAsInt() == id;
    }

    /** @return {@code ""} for all, else a space and the client id, as the console writes it */
    String suffix() {
        return clientId.isEmpty() ? "" : " " + clientId.getAsInt();
    }
}
