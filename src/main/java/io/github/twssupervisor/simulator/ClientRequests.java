package io.github.twssupervisor.simulator;

import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireFormatException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an active session does with its client's requests: each passes the {@link PacingGuard} first, then is answered.
 * Also the start-up frames once startApi is accepted, and session-level notices. Plain Java owned by the session actor.
 *
 * <pre>
 * startApi accepted   -> managedAccounts, nextValidId, the market data, HMDS and sec-def farm OK notices
 * above the rate      -> MAX_RATE_EXCEEDED, not processed; the third violation closes the connection
 * a domain's request -> the {@link RequestHandler} that registered its message id (market data: the
 *                       {@link MarketDataSession})
 * reqCurrentTime      -> currentTime          reqIds -> nextValidId          reqManagedAccts -> managedAccounts
 * startApi again, an unknown or unimplemented message id -> CANNOT_VALIDATE_REQUEST
 * a field that cannot be read -> CANNOT_READ_REQUEST; the connection stays
 * </pre>
 */
final class ClientRequests {

    /** What became of a request. */
    enum Outcome {
        /** Processed: the market data may have changed. */
        ANSWERED,
        /** Above the rate: rejected with an error, not processed. */
        REJECTED,
        /** The third pacing violation: the connection is to close. */
        CLOSE
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientRequests.class);
    /** TWS closes the API connection on the third pacing violation (TWS-WIRE.md §7). */
    private static final int MAX_PACING_VIOLATIONS = 3;

    private final ClientInfo client;
    private final int nextOrderId;
    private final List<String> accounts;
    private PacingGuard pacing;
    private final SimulatorMetrics metrics;
    private final Map<OutgoingMessageId, RequestHandler> handlers = new EnumMap<>(OutgoingMessageId.class);
    private final Consumer<byte[]> send;

    /**
     * @param client      the registered client
     * @param nextOrderId what nextValidId announces
     * @param settings    the simulator's settings (accounts, message rate)
     * @param metrics     the shared counters (pacing violations)
     * @param handlers    the session's domains, each answering the requests it names
     * @param send        sends a frame (through the outbox)
     */
    ClientRequests(ClientInfo client, int nextOrderId, SimulatorSettings settings, SimulatorMetrics metrics,
                   List<RequestHandler> handlers, Consumer<byte[]> send) {
        this.client = client;
        this.nextOrderId = nextOrderId;
        this.accounts = settings.accounts();
        this.pacing = new PacingGuard(settings.maxMessagesPerSecond());
        this.metrics = metrics;
        for (RequestHandler handler : handlers) {
            for (OutgoingMessageId id : handler.requests()) {
                if (this.handlers.put(id, handler) != null) {
                    throw new IllegalArgumentException("two simulator handlers for " + id);
                }
            }
        }
        this.send = send;
    }

    /**
     * @param serverVersion the negotiated version
     * @param code          the code
     * @param message       the text
     * @return a session-level notice (error message with id -1)
     */
    static byte[] noticeFrame(int serverVersion, int code, String message) {
        return SimulatorErrors.frame(serverVersion, TwsErrorCode.NO_REQUEST_ID, code, message);
    }

    /** @return the client's id */
    int clientId() {
        return client.clientId();
    }

    /** @return the negotiated server version */
    int serverVersion() {
        return client.serverVersion();
    }

    /**
     * Changes the pacing limit from now on (the {@code pace-limit} fault).
     *
     * @param perSecond messages allowed in any one-second window
     */
    void paceLimit(int perSecond) {
        pacing = pacing.withMax(perSecond);
        LOG.info("Client {}: pacing limit now {} messages per second", client.clientId(), perSecond);
    }

    /** Sends what TWS sends once it accepted startApi. */
    void greet() {
        send.accept(SessionCodec.managedAccounts(accounts));
        send.accept(SessionCodec.nextValidId(nextOrderId));
        notice(TwsErrorCode.MARKET_DATA_FARM_OK, "Market data farm connection is OK:usfarm");
        notice(TwsErrorCode.HMDS_FARM_OK, "HMDS data farm connection is OK:ushmds");
        notice(TwsErrorCode.SEC_DEF_FARM_OK, "Sec-def data farm connection is OK:secdefil");
    }

    /**
     * Sends a session-level notice to the client.
     *
     * @param code    the code
     * @param message the text
     */
    void notice(int code, String message) {
        send.accept(noticeFrame(client.serverVersion(), code, message));
    }

    /**
     * Paces one request, then answers it.
     *
     * @param payload  the request frame's payload
     * @param nowNanos when it arrived ({@link System#nanoTime()})
     * @return what became of it
     */
    Outcome onRequest(byte[] payload, long nowNanos) {
        PacingGuard.Verdict verdict = pacing.admit(nowNanos);
        if (!verdict.accepted()) {
            return onPacingViolation(verdict);
        }
        FieldReader reader = new FieldReader(payload);
        try {
            int code = reader.readInt();
            Optional<OutgoingMessageId> id = OutgoingMessageId.fromCode(code);
            if (id.isEmpty()) {
                notice(TwsErrorCode.CANNOT_VALIDATE_REQUEST, "Unknown message id " + code);
            } else {
                answer(id.get(), payload, reader);
            }
        } catch (WireFormatException e) {
            LOG.warn("Client {}: cannot read request '{}': {}", client.clientId(), SessionSocket.printable(payload),
                    e.getMessage());
            notice(TwsErrorCode.CANNOT_READ_REQUEST, "Cannot read request: " + e.getMessage());
        }
        return Outcome.ANSWERED;
    }

    /** The frame is not processed; the third violation ends the connection, as it does at TWS. */
    private Outcome onPacingViolation(PacingGuard.Verdict verdict) {
        if (verdict.newViolation()) {
            metrics.pacingViolations.increment();
            LOG.info("Client {}: pacing violation {}: more than {} messages in one second", client.clientId(),
                    verdict.violations(), pacing.max());
        }
        notice(TwsErrorCode.MAX_RATE_EXCEEDED, SimulatorErrors.maxRateExceeded(pacing.max(), verdict.received(),
                verdict.violations()));
        if (verdict.newViolation() && verdict.violations() >= MAX_PACING_VIOLATIONS) {
            LOG.warn("Closing connection of client {} from {}: {} pacing violations", client.clientId(),
                    client.remoteAddress(), verdict.violations());
            return Outcome.CLOSE;
        }
        return Outcome.REJECTED;
    }

    private void answer(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        RequestHandler handler = handlers.get(id);
        if (handler != null) {
            handler.onRequest(id, payload, reader);
            return;
        }
        // Session-level requests: every TWS answers them, whatever domains the simulator has.
        switch (id) {
            case REQ_CURRENT_TIME:
                send.accept(SessionCodec.currentTime(Instant.now().getEpochSecond()));
                break;
            case REQ_IDS:
                SessionCodec.decodeReqIds(reader);
                send.accept(SessionCodec.nextValidId(nextOrderId));
                break;
            case REQ_MANAGED_ACCTS:
                send.accept(SessionCodec.managedAccounts(accounts));
                break;
            case START_API:
                notice(TwsErrorCode.CANNOT_VALIDATE_REQUEST, "startApi was already received");
                break;
            default:
                notice(TwsErrorCode.CANNOT_VALIDATE_REQUEST, "The simulator does not implement " + id);
                LOG.info("Client {}: {} is not implemented by the simulator", client.clientId(), id);
                break;
        }
    }
}
