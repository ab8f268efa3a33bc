package io.github.twssupervisor.connection;

/**
 * A session-level message, decoded in the socket's stream: what the {@link Protocol}'s handshake reads before Ready and
 * its {@link SessionRules} read after (TWS's are {@link TwsSessionEvent}). Everything else a frame holds goes to the
 * protocol's dispatcher. A marker: the supervisor never looks inside one, the protocol does.
 */
public interface SessionEvent {
}
