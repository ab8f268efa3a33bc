package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HeadTimestampCodec;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.history.PacingLimits;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers reqHistoricalData and cancelHistoricalData (TWS-WIRE.md §5.10) with bars from {@link HistoricalBars}, as
 * TWS does.
 *
 * <pre>
 *   AAPL STK SMART USD, "1 D" of "1 hour"  -> historicalData with 24 bars and the range (sv &lt; 196), or
 *                                              historicalData with the bars, then historicalDataEnd (sv ≥ 196)
 *   keepUpToDate                           -> the same, then a historicalDataUpdate of the forming bar every
 *                                              {@link #UPDATE_INTERVAL} (a {@link HistoricalUpdates} child of the
 *                                              session), until cancelHistoricalData
 *   unknown contract                       -> error 200 (request id)
 *   bad duration, bar size, kind, end      -> error 321 "Error validating request: ..." naming the field (request id)
 *   reqHeadTimestamp                       -> headTimestamp: {@link #headTimestamp} of the instrument, in the
 *                                              asked format (unknown contract 200, bad kind 321, paced as bars)
 *   pacing violated ({@link HistoricalPacingGuard}) -> error 162 "Historical Market Data Service error message:
 *                                              Historical data request pacing violation" (request id), counted
 *                                              in {@link SimulatorStats#historicalPacingViolations()}
 * </pre>
 */
final class HistoricalDataSession implements RequestHandler {

    /** How often a keepUpToDate request gets the forming bar (TWS: about every 4 to 6 s). */
    static final Duration UPDATE_INTERVAL = Duration.ofSeconds(5);
    /** TWS's text for a pacing violation (error 162). */
    static final String PACING_VIOLATION = "Historical Market Data Service error message:"
            + "Historical data request pacing violation";
    private static final Set<OutgoingMessageId> REQUESTS = Set.of(OutgoingMessageId.REQ_HISTORICAL_DATA,
            OutgoingMessageId.CANCEL_HISTORICAL_DATA, OutgoingMessageId.REQ_HEAD_TIMESTAMP,
            OutgoingMessageId.CANCEL_HEAD_TIMESTAMP);
    /** The earliest head timestamp the simulator gives; each instrument's is a fixed number of days later. */
    private static final Instant FIRST_HEAD = Instant.parse("1980-12-12T14:30:00Z");
    private static final int HEAD_SPREAD_DAYS = 10_000;

    private final int serverVersion;
    private final long seed;
    private final Consumer<byte[]> out;
    private final ActorContext<SimulatorSession.Command> context;
    private final SimulatorMetrics metrics;
    private final Clock clock;
    private final Duration updateInterval;
    private final HistoricalPacingGuard pacing;
    private final Map<Integer, ActorRef<HistoricalUpdates.Command>> streams = new HashMap<>();

    /**
     * @param client  the registered client
     * @param seed    the simulator's seed
     * @param out     sends a frame to the client
     * @param context the session's actor, parent of the keepUpToDate streams
     * @param metrics the shared counters (error 162)
     * @param pacing  the historical-data pacing rules it enforces
     */
    HistoricalDataSession(ClientInfo client, long seed, Consumer<byte[]> out,
                          ActorContext<SimulatorSession.Command> context, SimulatorMetrics metrics,
                          PacingLimits pacing) {
        this(client.serverVersion(), seed, out, context, metrics, Clock.systemUTC(), UPDATE_INTERVAL, pacing);
    }

    HistoricalDataSession(int serverVersion, long seed, Consumer<byte[]> out,
                          ActorContext<SimulatorSession.Command> context, SimulatorMetrics metrics, Clock clock,
                          Duration updateInterval) {
        this(serverVersion, seed, out, context, metrics, clock, updateInterval, PacingLimits.TWS);
    }

    HistoricalDataSession(int serverVersion, long seed, Consumer<byte[]> out,
                          ActorContext<SimulatorSession.Command> context, SimulatorMetrics metrics, Clock clock,
                          Duration updateInterval, PacingLimits pacing) {
        this.pacing = new HistoricalPacingGuard(pacing);
        this.serverVersion = serverVersion;
        this.metrics = metrics;
        this.seed = seed;
        this.out = out;
        this.context = context;
        this.clock = clock;
        this.updateInterval = updateInterval;
    }

    @Override
    public Set<OutgoingMessageId> requests() {
        return REQUESTS;
    }

    /**
     * @param instrument an instrument
     * @return its earliest data point: a fixed time, the same for every seed and client (AAPL: 1982-06-27 14:30 UTC)
     */
    static Instant headTimestamp(Instrument instrument) {
        return FIRST_HEAD.plus(Duration.ofDays(Math.floorMod(instrument.conId() * 7919L, HEAD_SPREAD_DAYS)));
    }

    @Override
    public void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        if (id == OutgoingMessageId.REQ_HEAD_TIMESTAMP || id == OutgoingMessageId.CANCEL_HEAD_TIMESTAMP) {
            onHeadTimestamp(id, payload, reader);
            return;
        }
        if (id == OutgoingMessageId.CANCEL_HISTORICAL_DATA) {
            Optional.ofNullable(streams.remove(HistoricalDataCodec.decodeCancelHistoricalData(reader)))
                    .ifPresent(context::stop); // TWS ignores a cancel of a request that is not streaming
            return;
        }
        HistoricalDataCodec.HistoricalDataRequest decoded;
        try {
            decoded = HistoricalDataCodec.decodeReqHistoricalData(serverVersion, reader);
        } catch (IllegalArgumentException e) { // an invalid contract or request; TWS names the problem with 321
            invalid(new FieldReader(payload).skipping(1).readInt(), e);
            return;
        }
        int reqId = decoded.reqId();
        HistoricalRequest request = decoded.request();
        Optional<Instrument> instrument = InstrumentUniverse.resolve(request.contract());
        if (instrument.isEmpty()) {
            error(reqId, TwsErrorCode.NO_SECURITY_DEFINITION, SimulatorErrors.NO_SECURITY_DEFINITION);
            return;
        }
        Instant now = clock.instant();
        HistoricalBars bars;
        try {
            bars = new HistoricalBars(instrument.get(), seed, request, now);
        } catch (IllegalArgumentException e) {
            invalid(reqId, e);
            return;
        }
        if (!pacing.admit(request, now)) {
            metrics.historicalPacingViolations.increment();
            error(reqId, TwsErrorCode.HISTORICAL_DATA_SERVICE, PACING_VIOLATION);
            return;
        }
        List<Bar> initial = bars.initial();
        out.accept(HistoricalDataCodec.historicalData(serverVersion, reqId, bars.rangeStart(), bars.rangeEnd(),
                initial));
        if (serverVersion >= ServerVersion.HISTORICAL_DATA_END) {
            out.accept(HistoricalDataCodec.historicalDataEnd(reqId, bars.rangeStart(), bars.rangeEnd()));
        }
        if (request.keepUpToDate()) {
            Optional.ofNullable(streams.remove(reqId)).ifPresent(context::stop);
            streams.put(reqId, context.spawnAnonymous(HistoricalUpdates.create(reqId, instrument.get(), seed,
                    request, now, clock, updateInterval, context.getSelf())));
        }
    }

    private void onHeadTimestamp(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        if (id == OutgoingMessageId.CANCEL_HEAD_TIMESTAMP) {
            HeadTimestampCodec.decodeCancelHeadTimestamp(reader); // answered at once: nothing to cancel
            return;
        }
        HeadTimestampCodec.HeadTimestampQuery query;
        try {
            query = HeadTimestampCodec.decodeReqHeadTimestamp(reader);
        } catch (IllegalArgumentException e) {
            invalid(new FieldReader(payload).skipping(1).readInt(), e);
            return;
        }
        Optional<Instrument> instrument = InstrumentUniverse.resolve(query.request().contract());
        if (instrument.isEmpty()) {
            error(query.reqId(), TwsErrorCode.NO_SECURITY_DEFINITION, SimulatorErrors.NO_SECURITY_DEFINITION);
        } else if (!pacing.admit(query.request(), clock.instant())) {
            metrics.historicalPacingViolations.increment();
            error(query.reqId(), TwsErrorCode.HISTORICAL_DATA_SERVICE, PACING_VIOLATION);
        } else {
            out.accept(HeadTimestampCodec.headTimestamp(query.reqId(), headTimestamp(instrument.get()),
                    query.formatDate()));
        }
    }

    private void invalid(int reqId, IllegalArgumentException e) {
        error(reqId, TwsErrorCode.CANNOT_VALIDATE_REQUEST, "Error validating request: " + e.getMessage());
    }

    private void error(int id, int code, String message) {
        out.accept(SimulatorErrors.frame(serverVersion, id, code, message));
    }
}
