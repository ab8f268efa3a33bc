package io.github.twssupervisor.dispatch;

/**
 * A message for the owner of a request id: a decoded domain event or an error about the request. An open marker, so
 * that a domain's actor protocol can extend it and receive these from the dispatcher without a per-message adapter,
 * while this package knows no domain.
 */
public interface RequestEvent {
}
