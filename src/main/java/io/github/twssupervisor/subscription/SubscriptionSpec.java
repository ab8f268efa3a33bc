package io.github.twssupervisor.subscription;

import io.github.twssupervisor.connection.Ready;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.wire.IncomingMessageId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What one domain's long-lived request is, for the {@link ManagedSubscription} that keeps it alive: how to encode it
 * and its cancel, which TWS errors end it, what to do after an outage, and how its events are conflated. The kernel
 * owns the rest (request ids, the pacer, re-issuing, Interrupted / Resumed, subscribers, retirement).
 *
 * <p>A spec is a value: equal specs share one subscription and one line at TWS, so implement it as a record of the
 * request's parameters (market data: {@code MarketDataSpec(MarketDataRequest request)}).
 *
 * @param <E> the domain's event type: what the dispatcher delivers for the request and what subscribers receive
 */
public interface SubscriptionSpec<E extends RequestEvent> {

    /** What the kernel does at one kind of recovery. */
    enum Recovery {
        /** Send the request again under a fresh request id; Resumed once it is on the wire. */
        REISSUE,
        /** TWS kept the request: Resumed, nothing sent. */
        RESUME,
        /** The request cannot survive this: end it with {@link Lifecycle.Ended}. */
        END
    }

    /**
     * A message to send.
     *
     * @param description what it is, for log lines ({@code reqMktData AAPL})
     * @param encoder     server version -> complete frame
     */
    record Message(String description, IntFunction<byte[]> encoder) {
    }

    /**
     * How many distinct requests of one kind TWS serves at once, where it has such a limit. Equal requests still share
     * one subscription; a distinct request beyond the limit is refused by the client (its subscriber gets
     * {@link Lifecycle.Ended} with this text at once) and never sent, since TWS would refuse it or, worse, silently
     * replace a live one.
     *
     * @param group the kind of request the limit counts ({@code reqAccountSummary})
     * @param max   how many distinct requests of the group may be live at once
     * @param why   the rule, for the refusal's message ({@code TWS serves at most two account summary subscriptions})
     */
    record Limit(String group, int max, String why) {

        /**
         * @param group the kind of request the limit counts
         * @param max   how many may be live at once, at least 1
         * @param why   the rule, for a person
         */
        public Limit {
            if (max < 1) {
                throw new IllegalArgumentException("a limit of " + group + " must allow at least one request: " + max);
            }
        }
    }

    /** @return what it is, for log lines and error messages ({@code reqMktData AAPL}) */
    String description();

    /** @return the class of the domain's events, which the subscription receives from the dispatcher */
    Class<E> eventType();

    /**
     * @param requestId the fresh request id of this issue
     * @return the request
     */
    Message request(int requestId);

    /**
     * @return messages sent before each issue of the request, without a request id of their own (market data:
     *     reqMarketDataType); none by default
     */
    default List<Message> prerequisites() {
        return List.of();
    }

    /**
     * @param requestId the live request id
     * @return the cancel, if TWS has one for this request
     */
    Optional<Message> cancel(int requestId);

    /**
     * @param code a TWS error code carried with the request's id
     * @return true if the request is dead and sending it again would fail the same way (it ends with
     *     {@link Lifecycle.Ended}); false for advisories, which subscribers get as {@link Lifecycle.Warning}
     */
    boolean isFatal(int code);

    /**
     * @return the message kinds that answer the request when they carry no request id (positions: position and
     *     positionEnd; account updates: accountValue, portfolioValue, ...): the subscription owns them while it lives.
     *     None by default: the request's events carry its request id
     */
    default Set<IncomingMessageId> messageKinds() {
        return Set.of();
    }

    /** @return TWS's limit on distinct requests of this kind live at once, if it has one; none by default */
    default Optional<Limit> limit() {
        return Optional.empty();
    }

    /**
     * @param session what the handshake of the current connection established (server version, managed accounts)
     * @return why this session cannot make the request (an account it does not manage), if it cannot: the request
     *     then ends with {@link Lifecycle.Ended} and this text instead of being sent. Checked at every READY; none by
     *     default
     */
    default Optional<String> refusal(Ready session) {
        return Optional.empty();
    }

    /** @return what to do on READY after a new socket (TWS forgot every request): re-issue by default */
    default Recovery onReconnect() {
        return Recovery.REISSUE;
    }

    /** @return what to do on notice 1101 (connectivity restored, data lost): re-issue by default */
    default Recovery onDataLost() {
        return Recovery.REISSUE;
    }

    /** @return what to do on notice 1102 (connectivity restored, data kept): resume by default */
    default Recovery onDataKept() {
        return Recovery.RESUME;
    }

    /**
     * @param event an event of the request
     * @return why the request is complete, if this event completes it: TWS ended it by itself, nothing to cancel or
     *     re-issue (market data: a snapshot's tickSnapshotEnd). None by default
     */
    default Optional<String> terminal(E event) {
        return Optional.empty();
    }

    /**
     * @return true if some event may be {@link #terminal}: the subscription then reads every event it passes on;
     *     false lets it pass batches on unread
     */
    default boolean hasTerminal() {
        return false;
    }

    /**
     * @param event an event of the request
     * @return the key under which a conflating stream keeps only the latest event (market data: the tick field), or
     *     null if the event is never conflated (the default)
     */
    default Object conflationKey(E event) {
        return null;
    }

    /**
     * @param event an event of the request
     * @return the key under which the subscription keeps the latest such event for subscribers that join later (a row
     *     of a full set, and its end marker), or null if the event is not kept (the default: a request whose answer is
     *     a flow, like ticks, has nothing to replay). What is kept is dropped whenever the request is sent again, as
     *     TWS then sends its full set again
     */
    default Object replayKey(E event) {
        return null;
    }

    /** @return true if {@link #replayKey} keeps some events: the subscription then reads every event it passes on */
    default boolean hasReplay() {
        return false;
    }

    /**
     * @param signal a lifecycle signal
     * @return the domain's event that carries it (its {@link Lifecycle.Carrier} record)
     */
    E signal(Lifecycle signal);
}
