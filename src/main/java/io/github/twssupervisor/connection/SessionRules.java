package io.github.twssupervisor.connection;

/**
 * A protocol's reading of the session events that arrive after Ready, for one supervisor (made by
 * {@link Protocol#sessionRules}). Called inside the supervisor only, one event at a time, so it may keep state.
 */
@FunctionalInterface
public interface SessionRules {

    /**
     * @param event the event
     * @param state the connection's state now (READY or DEGRADED)
     * @return what the supervisor does about it
     */
    SessionVerdict onEvent(SessionEvent event, ConnectionState state);
}
