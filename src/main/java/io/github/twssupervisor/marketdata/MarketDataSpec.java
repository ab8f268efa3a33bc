package io.github.twssupervisor.marketdata;

import akka.actor.typed.Behavior;
import io.github.twssupervisor.dispatch.RequestEvent;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.ManagedSubscription;
import io.github.twssupervisor.subscription.SubscriptionPorts;
import io.github.twssupervisor.subscription.SubscriptionSpec;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * Market data for the kernel: a {@link ManagedSubscription} of this spec is one logical market data subscription
 * (reqMktData, re-issued after every outage, cancelMktData when the last subscriber goes). What is market data's own:
 *
 * <ul>
 * <li>reqMarketDataType goes first when the options ask for a data type;</li>
 * <li>a snapshot ends by itself at tickSnapshotEnd, and is never cancelled or re-issued after that;</li>
 * <li>which TWS errors end it (TWS-WIRE.md §6); the others (10167 delayed data follows) are warnings;</li>
 * <li>a conflating stream keeps the latest tick per field.</li>
 * </ul>
 *
 * @param request what to ask TWS for; equal requests share one subscription
 */
public record MarketDataSpec(MarketDataRequest request) implements SubscriptionSpec<MarketDataEvent> {

    /** Why a snapshot's subscription ends. */
    static final String SNAPSHOT_COMPLETE = "snapshot complete";

    /**
     * @param request the request to keep alive
     * @param ports   the client's actors
     * @return the behaviour of its subscription
     */
    public static Behavior<RequestEvent> subscription(MarketDataRequest request, SubscriptionPorts ports) {
        return ManagedSubscription.create(new MarketDataSpec(request), ports);
    }

    @Override
    public String description() {
        return request.description();
    }

    @Override
    public Class<MarketDataEvent> eventType() {
        return MarketDataEvent.class;
    }

    @Override
    public Message request(int requestId) {
        return new Message(request.description(), version -> MarketDataCodec.reqMktData(version, requestId,
                request.contract(), request.genericTicks(), request.snapshot(), false));
    }

    @Override
    public List<Message> prerequisites() {
        return request.marketDataType().map(type -> List.of(new Message("reqMarketDataType " + type,
                version -> MarketDataCodec.reqMarketDataType(type)))).orElse(List.of());
    }

    @Override
    public Optional<Message> cancel(int requestId) {
        return Optional.of(new Message("cancelMktData " + request.contract().displayName(),
                version -> MarketDataCodec.cancelMktData(requestId)));
    }

    /**
     * @param code a TWS error code carried with the subscription's request id
     * @return true if the request is dead and sending it again would fail the same way; false for advisories such as
     *     10167 (delayed data follows), which the subscription passes on as warnings
     */
    @Override
    public boolean isFatal(int code) {
        switch (code) {
            case TwsErrorCode.MAX_TICKERS_REACHED:
            case TwsErrorCode.DUPLICATE_TICKER_ID:
            case TwsErrorCode.NO_SECURITY_DEFINITION:
            case TwsErrorCode.CANNOT_VALIDATE_REQUEST:
            case TwsErrorCode.CANNOT_PROCESS_REQUEST:
            case TwsErrorCode.MARKET_DATA_NOT_SUBSCRIBED:
            case TwsErrorCode.DELAYED_DATA_NOT_ENABLED:
                return true;
            default:
                return false;
        }
    }

    @Override
    public Optional<String> terminal(MarketDataEvent event) {
        return request.snapshot() && event instanceof MarketDataEvent.SnapshotEnd ? Optional.of(SNAPSHOT_COMPLETE)
                : Optional.empty();
    }

    @Override
    public boolean hasTerminal() {
        return request.snapshot();
    }

    /** @return the tick field: a conflating stream keeps the latest value per field, every other event in place */
    @Override
    public Object conflationKey(MarketDataEvent event) {
        return event instanceof MarketDataEvent.Tick tick ? tick.field() : null;
    }

    @Override
    public MarketDataEvent signal(Lifecycle signal) {
        return new MarketDataEvent.Status(signal);
    }
}
