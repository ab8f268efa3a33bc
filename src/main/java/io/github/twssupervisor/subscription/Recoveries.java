package io.github.twssupervisor.subscription;

import io.github.twssupervisor.connection.ConnectionEvent;
import io.github.twssupervisor.connection.ConnectionState;
import io.github.twssupervisor.connection.OutboundRequest;
import io.github.twssupervisor.wire.TwsErrorCode;

/**
 * The kernel's recovery rules: what a {@link ManagedSubscription} does about one event of its connection, as a pure
 * function of the event and the subscription's state. One place says when a request is re-issued (READY after a new
 * socket, 1101), kept (1102), or ended (the spec's {@link SubscriptionSpec.Recovery}, or the client closed), when
 * subscribers are told Interrupted, and what a refusal by the pacer means.
 */
final class Recoveries {

    private Recoveries() {
    }

    /**
     * What to do, in this order: interrupt, drop the live request, recover, check the rate later, issue again later.
     *
     * @param interrupt why to tell subscribers Interrupted (once per outage: the subscription ignores it while
     *                  interrupted), or null
     * @param drop      stop routing the live request id: it died with its socket
     * @param recovery  what the spec says to do now, or null
     * @param why       the recovery's reason, for an Ended
     * @param checkRate TWS refused some message above its rate and this request is still unanswered: check again soon
     * @param retry     the pacer refused the request for now: issue it again soon rather than give up
     */
    record Reaction(String interrupt, boolean drop, SubscriptionSpec.Recovery recovery, String why,
                    boolean checkRate, boolean retry) {

        static final Reaction NOTHING = new Reaction(null, false, null, null, false, false);

        static Reaction recover(SubscriptionSpec.Recovery recovery, String why) {
            return new Reaction(null, false, recovery, why, false, false);
        }
    }

    /**
     * @param rejected why the pacer did not send the request
     * @return what to do about it
     */
    static Reaction onRejected(OutboundRequest.Rejected rejected) {
        switch (rejected.reason()) {
            case DISCONNECTED:
                // Re-issued on the next READY.
                return Reaction.NOTHING;
            case INVALID:
            case CLOSED:
                return Reaction.recover(SubscriptionSpec.Recovery.END, rejected.message());
            default:
                // Queue full, or not connected under the fail policy.
                return new Reaction(rejected.message(), true, null, null, false, true);
        }
    }

    /**
     * @param event       the connection's event
     * @param connection  the connection's state before it
     * @param line        the subscription's request
     * @param interrupted whether subscribers were told Interrupted and not Resumed since
     * @param spec        the request's recoveries
     * @return what to do
     */
    static Reaction react(ConnectionEvent event, ConnectionState connection, RequestLine line, boolean interrupted,
                          SubscriptionSpec<?> spec) {
        if (event instanceof ConnectionEvent.Notice notice) {
            return onNotice(notice, connection, line, spec);
        }
        ConnectionEvent.StateChanged change = (ConnectionEvent.StateChanged) event;
        switch (change.state()) {
            case READY:
                if (!line.isLive()) {
                    // A new socket: TWS knows nothing of the request. The first READY always issues it.
                    return Reaction.recover(line.issuedOnce() ? spec.onReconnect() : SubscriptionSpec.Recovery.REISSUE,
                            "the connection was lost");
                }
                if (change.dataLost() && change.previous() != ConnectionState.READY) {
                    return Reaction.recover(spec.onDataLost(), dataLost());
                }
                return interrupted ? Reaction.recover(spec.onDataKept(), "TWS kept its data ("
                        + TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT + ")") : Reaction.NOTHING;
            case DEGRADED:
                return new Reaction("TWS lost its connection to IB (" + TwsErrorCode.CONNECTIVITY_LOST + ")", false,
                        null, null, false, false);
            case CLOSED:
                return new Reaction(null, true, SubscriptionSpec.Recovery.END, "the connection was closed", false,
                        false);
            default:
                String reason = connection.isConnected() || line.isLive() ? "connection lost: "
                        + change.reason().map(Object::toString).orElse(change.state().toString()) : null;
                return new Reaction(reason, true, null, null, false, false);
        }
    }

    private static Reaction onNotice(ConnectionEvent.Notice notice, ConnectionState connection, RequestLine line,
                                     SubscriptionSpec<?> spec) {
        if (notice.kind() == ConnectionEvent.NoticeKind.CONNECTIVITY_RESTORED_DATA_LOST
                && connection == ConnectionState.READY) {
            // 1101 without a 1100 before it: TWS dropped the request while we thought all was well.
            return new Reaction(dataLost(), false, spec.onDataLost(), dataLost(), false, false);
        }
        if (notice.code() == TwsErrorCode.MAX_RATE_EXCEEDED && line.isLive() && !line.answered()) {
            // TWS rejected some message above its rate and says not which (id -1): if this request stays
            // unanswered, it was one of them.
            return new Reaction(null, false, null, null, true, false);
        }
        return Reaction.NOTHING;
    }

    private static String dataLost() {
        return "TWS lost its data (" + TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST + ")";
    }
}
