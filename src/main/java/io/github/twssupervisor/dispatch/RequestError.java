package io.github.twssupervisor.dispatch;

import io.github.twssupervisor.wire.SessionCodec;

/**
 * An error message (IN 4) whose id is a request id: delivered to the owner of that request.
 *
 * @param error the decoded error
 */
public record RequestError(SessionCodec.TwsError error) implements RequestEvent {
}
