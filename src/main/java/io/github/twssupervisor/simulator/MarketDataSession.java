package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataType;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import io.github.twssupervisor.wire.OutgoingMessageId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The market data side of one client session: its subscriptions, the market type it asked for, the data-farm state
 * set by notices, and the tick rounds. Plain Java owned by the session actor, which feeds it requests, notices and
 * timer rounds and gives it a place to write frames.
 *
 * <pre>
 * reqMktData  -> tickReqParams(81), marketDataType(58), BID, ASK, LAST (with sizes), VOLUME, HIGH, LOW, CLOSE, OPEN
 *                [snapshot: then tickSnapshotEnd(57), and the request is done]
 * tick round  -> for each streaming subscription, from where the last round stopped: BID+ASK (ask first when the
 *                quote rises), [LAST, VOLUME], [HIGH], [LOW]; waits while the outbox holds a backlog
 * notice 1100, 2110 -> no ticks;  1101 -> all subscriptions dropped, ticks again for new ones;  1102 -> ticks resume
 * </pre>
 *
 * A subscription requested while ticks are stopped gets tickReqParams and marketDataType at once and its first quote
 * when they resume (or nothing, if 1101 drops it first).
 */
final class MarketDataSession implements RequestHandler {

    private static final Set<OutgoingMessageId> REQUESTS = Set.copyOf(EnumSet.of(OutgoingMessageId.REQ_MKT_DATA,
            OutgoingMessageId.CANCEL_MKT_DATA, OutgoingMessageId.REQ_MARKET_DATA_TYPE));

    /** What TWS sends as the BBO exchange of US data (TWS-WIRE.md §9 item 18). */
    private static final String BBO_EXCHANGE = "9c0001";
    /** Snapshot permission bits the simulated account has. */
    private static final int SNAPSHOT_PERMISSIONS = 3;
    private static final BigDecimal NO_SIZE = BigDecimal.ZERO;

    /** A market data request the session serves. */
    private static final class Subscription {
        final int reqId;
        final PriceWalk walk;
        final boolean snapshot;
        final boolean delayed;
        boolean quoted;
        boolean active = true;

        Subscription(int reqId, PriceWalk walk, boolean snapshot, boolean delayed) {
            this.reqId = reqId;
            this.walk = walk;
            this.snapshot = snapshot;
            this.delayed = delayed;
        }
    }

    private final int serverVersion;
    private final SimulatedMarket market;
    private final SimulatorMetrics metrics;
    private final Consumer<byte[]> out;
    private final IntSupplier backlog;
    private final int highWater;
    private final Map<Integer, Subscription> byId = new HashMap<>();
    /** The order tick rounds walk; cancelled entries stay until the next compaction. */
    private List<Subscription> order = new ArrayList<>();
    private int inactiveInOrder;
    private int cursor;
    private int leftInRound;
    private long round;
    private MarketDataType requestedType = MarketDataType.REALTIME;
    private boolean paused;

    /**
     * @param serverVersion the negotiated version, for error frames
     * @param market        the client's market
     * @param metrics       the shared counters (active subscriptions)
     * @param out           where frames go, in order
     * @param backlog       frames waiting for the socket
     * @param highWater     a tick round stops while the backlog is at least this
     */
    MarketDataSession(int serverVersion, SimulatedMarket market, SimulatorMetrics metrics, Consumer<byte[]> out,
                      IntSupplier backlog, int highWater) {
        this.serverVersion = serverVersion;
        this.market = market;
        this.metrics = metrics;
        this.out = out;
        this.backlog = backlog;
        this.highWater = highWater;
    }

    @Override
    public Set<OutgoingMessageId> requests() {
        return REQUESTS;
    }

    @Override
    public void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        switch (id) {
            case REQ_MKT_DATA:
                onReqMktData(payload, reader);
                break;
            case CANCEL_MKT_DATA:
                onCancelMktData(reader);
                break;
            default:
                onReqMarketDataType(reader);
                break;
        }
    }

    /**
     * reqMktData (OUT 1).
     *
     * @param payload the whole payload, for the request id when the contract is invalid
     * @param reader  positioned after the message id
     * @throws WireFormatException for an unreadable number
     */
    void onReqMktData(byte[] payload, FieldReader reader) {
        MarketDataCodec.MarketDataRequest request;
        try {
            request = MarketDataCodec.decodeReqMktData(serverVersion, reader);
        } catch (IllegalArgumentException e) { // an invalid contract; TWS names the problem with error 321
            error(new FieldReader(payload).skipping(2).readInt(), TwsErrorCode.CANNOT_VALIDATE_REQUEST,
                    "Error validating request: " + e.getMessage());
            return;
        }
        int reqId = request.reqId();
        if (byId.containsKey(reqId)) {
            error(reqId, TwsErrorCode.DUPLICATE_TICKER_ID, SimulatorErrors.DUPLICATE_TICKER_ID);
            return;
        }
        Contract contract = request.contract();
        Instrument instrument = InstrumentUniverse.resolve(contract).orElse(null);
        if (instrument == null) {
            error(reqId, TwsErrorCode.NO_SECURITY_DEFINITION, SimulatorErrors.NO_SECURITY_DEFINITION);
            return;
        }
        boolean snapshot = request.snapshot() || request.regulatorySnapshot();
        boolean delayed = requestedType == MarketDataType.DELAYED || requestedType == MarketDataType.DELAYED_FROZEN;
        Subscription sub = new Subscription(reqId, market.walk(instrument), snapshot, delayed);
        out.accept(MarketDataCodec.tickReqParams(reqId, instrument.minTick().doubleValue(), BBO_EXCHANGE,
                SNAPSHOT_PERMISSIONS));
        out.accept(MarketDataCodec.marketDataType(reqId, requestedType));
        if (!paused) {
            quote(sub);
            if (snapshot) {
                return;
            }
        }
        byId.put(reqId, sub);
        order.add(sub);
        metrics.activeSubscriptions.increment();
    }

    /**
     * cancelMktData (OUT 2): the id gets no further tick, or error 300 if it is not active.
     *
     * @param reader positioned after the message id
     */
    void onCancelMktData(FieldReader reader) {
        int reqId = MarketDataCodec.decodeCancelMktData(reader);
        if (remove(reqId) == null) {
            error(reqId, TwsErrorCode.UNKNOWN_TICKER_ID, SimulatorErrors.unknownTickerId(reqId));
        }
    }

    /**
     * reqMarketDataType (OUT 59): applies to later requests.
     *
     * @param reader positioned after the message id
     */
    void onReqMarketDataType(FieldReader reader) {
        requestedType = MarketDataCodec.decodeReqMarketDataType(reader);
    }

    /**
     * Applies a data-farm notice the session has just sent.
     *
     * @param code the notice code
     */
    void onNotice(int code) {
        switch (code) {
            case TwsErrorCode.CONNECTIVITY_LOST:
            case TwsErrorCode.TWS_SERVER_CONNECTIVITY_BROKEN:
                paused = true;
                break;
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_LOST:
                release();
                paused = false;
                break;
            case TwsErrorCode.CONNECTIVITY_RESTORED_DATA_KEPT:
                paused = false;
                break;
            default:
                break;
        }
    }

    /**
     * One timer round: an update for every streaming subscription. A round that meets a backlog in the outbox goes on
     * as the outbox drains ({@link #onOutboxDrained()}); one still unfinished when the next begins is cut short there,
     * and the next goes on from the same place, so a slow client gets fewer updates per subscription, evenly spread.
     */
    void onTickRound() {
        if (paused || order.isEmpty()) {
            return;
        }
        if (inactiveInOrder > order.size() / 2) {
            compact();
        }
        round++;
        leftInRound = order.size();
        serve();
    }

    /** The socket took a batch: goes on with a round that stopped at the backlog. */
    void onOutboxDrained() {
        if (!paused && leftInRound > 0) {
            serve();
        }
    }

    private void serve() {
        while (leftInRound > 0) {
            if (backlog.getAsInt() >= highWater) {
                return;
            }
            Subscription sub = order.get(cursor);
            cursor = (cursor + 1) % order.size();
            leftInRound--;
            if (!sub.active) {
                continue;
            }
            if (!sub.quoted) {
                quote(sub);
                if (sub.snapshot) {
                    remove(sub.reqId);
                }
            } else {
                update(sub, sub.walk.stepFor(round));
            }
        }
    }

    /** @return some request is active, so the tick timer is needed */
    boolean hasSubscriptions() {
        return !byId.isEmpty();
    }

    /**
     * @param perSubscription frames for each streaming subscription
     * @param replyTo         told the count when they are written
     * @return the blast over the subscriptions streaming now
     */
    Blast blast(int perSubscription, ActorRef<BlastCoordinator.Command> replyTo) {
        List<Blast.Target> targets = new ArrayList<>();
        for (Subscription sub : order) {
            if (sub.active && !sub.snapshot) {
                targets.add(new Blast.Target(sub.reqId, sub.walk.instrument(), sub.walk.last()));
            }
        }
        return new Blast(targets, perSubscription, replyTo);
    }

    /**
     * @param reqId a request id
     * @return it is a streaming subscription
     */
    boolean isStreaming(int reqId) {
        Subscription sub = byId.get(reqId);
        return sub != null && !sub.snapshot;
    }

    /** Drops every subscription (1101, or the session ending) and takes them off the shared count. */
    void release() {
        metrics.activeSubscriptions.add(-byId.size());
        byId.clear();
        order = new ArrayList<>();
        inactiveInOrder = 0;
        cursor = 0;
        leftInRound = 0;
    }

    private Subscription remove(int reqId) {
        Subscription sub = byId.remove(reqId);
        if (sub != null) {
            sub.active = false;
            inactiveInOrder++;
            metrics.activeSubscriptions.decrement();
        }
        return sub;
    }

    private void compact() {
        List<Subscription> live = new ArrayList<>(byId.size());
        for (Subscription sub : order) {
            if (sub.active) {
                live.add(sub);
            }
        }
        order = live;
        inactiveInOrder = 0;
        cursor = 0;
    }

    private void quote(Subscription sub) {
        PriceWalk w = sub.walk;
        Instrument i = w.instrument();
        price(sub, TickType.BID, w.bid(), i.size(w.bidLots()));
        price(sub, TickType.ASK, w.ask(), i.size(w.askLots()));
        price(sub, TickType.LAST, w.last(), i.size(w.lastLots()));
        out.accept(MarketDataCodec.tickSize(sub.reqId, field(sub, TickType.VOLUME), i.size(w.volumeLots())));
        price(sub, TickType.HIGH, w.high(), NO_SIZE);
        price(sub, TickType.LOW, w.low(), NO_SIZE);
        price(sub, TickType.CLOSE, w.close(), NO_SIZE);
        price(sub, TickType.OPEN, w.open(), NO_SIZE);
        sub.quoted = true;
        if (sub.snapshot) {
            out.accept(MarketDataCodec.tickSnapshotEnd(sub.reqId));
        }
    }

    private void update(Subscription sub, PriceWalk.Step step) {
        PriceWalk w = sub.walk;
        Instrument i = w.instrument();
        if (step.askFirst()) {
            price(sub, TickType.ASK, w.ask(), i.size(w.askLots()));
            price(sub, TickType.BID, w.bid(), i.size(w.bidLots()));
        } else {
            price(sub, TickType.BID, w.bid(), i.size(w.bidLots()));
            price(sub, TickType.ASK, w.ask(), i.size(w.askLots()));
        }
        if (step.trade()) {
            price(sub, TickType.LAST, w.last(), i.size(w.lastLots()));
            out.accept(MarketDataCodec.tickSize(sub.reqId, field(sub, TickType.VOLUME), i.size(w.volumeLots())));
        }
        if (step.newHigh()) {
            price(sub, TickType.HIGH, w.high(), NO_SIZE);
        }
        if (step.newLow()) {
            price(sub, TickType.LOW, w.low(), NO_SIZE);
        }
    }

    private void price(Subscription sub, TickType field, long ticks, BigDecimal size) {
        out.accept(MarketDataCodec.tickPrice(sub.reqId, field(sub, field), sub.walk.instrument().price(ticks), size,
                0));
    }

    /** Delayed data comes with the delayed tick types (66..76), as TWS sends it. */
    private static TickType field(Subscription sub, TickType live) {
        if (!sub.delayed) {
            return live;
        }
        switch (live) {
            case BID:
                return TickType.DELAYED_BID;
            case ASK:
                return TickType.DELAYED_ASK;
            case LAST:
                return TickType.DELAYED_LAST;
            case VOLUME:
                return TickType.DELAYED_VOLUME;
            case HIGH:
                return TickType.DELAYED_HIGH;
            case LOW:
                return TickType.DELAYED_LOW;
            case CLOSE:
                return TickType.DELAYED_CLOSE;
            case OPEN:
                return TickType.DELAYED_OPEN;
            default:
                return live;
        }
    }

    private void error(int id, int code, String message) {
        out.accept(SimulatorErrors.frame(serverVersion, id, code, message));
    }
}
