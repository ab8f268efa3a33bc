package io.github.twssupervisor.simulator;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import java.util.Set;

/**
 * A domain's side of one simulated session: it answers the client requests it names. {@link ClientRequests} paces
 * every request and hands each to the handler that registered its message id, so adding a domain to the simulator
 * adds a handler, not a case to a switch. Plain Java owned by the session actor and used on its thread only.
 */
interface RequestHandler {

    /** @return the request message ids this handler answers; a message id may have only one handler */
    Set<OutgoingMessageId> requests();

    /**
     * Answers one request (through the session's outbox).
     *
     * @param id      the request's message id, one of {@link #requests()}
     * @param payload the whole frame's payload, for logs and echoes
     * @param reader  positioned after the message id
     * @throws io.github.twssupervisor.wire.WireFormatException if a field cannot be read (the client gets error 320)
     */
    void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader);
}
