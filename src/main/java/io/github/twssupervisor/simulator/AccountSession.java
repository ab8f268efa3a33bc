package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one session's account requests as TWS does, through the simulator's {@link AccountDesk} (which holds the
 * accounts and sends the answers).
 *
 * <pre>
 *   reqAccountSummary            -> the desk; a third active one of this connection: error 322 (request id)
 *                                   "... Maximum number of account summary requests exceeded ...", counted in
 *                                   {@link SimulatorStats#accountSummaryLimitErrors()}; any group reads as All
 *   cancelAccountSummary         -> the desk; frees the slot (TWS's documentation: two active subscriptions)
 *   reqPositions, cancelPositions -> the desk
 *   reqAccountUpdates(true, a)   -> the desk, when a is a managed account; else error 321 (id -1) "... Invalid
 *                                   account code" and no data, as TWS answers an account it does not know
 *   reqAccountUpdates(false, a)  -> the desk: updates stop, whatever a is
 *   reqPnL, reqPnLSingle         -> the desk, when the account is managed; else nothing at all (TWS does not answer
 *                                   a P&amp;L request it cannot serve: "does not return message if invalid")
 *   cancelPnL, cancelPnLSingle   -> the desk
 * </pre>
 *
 * Plain Java owned by the session actor.
 */
final class AccountSession implements RequestHandler {

    /** TWS allows two active account summary subscriptions per client (TWS API documentation, "Account Summary"). */
    static final int MAX_SUMMARIES = 2;
    private static final Logger LOG = LoggerFactory.getLogger(AccountSession.class);
    private static final Set<OutgoingMessageId> REQUESTS = Set.of(OutgoingMessageId.REQ_ACCOUNT_SUMMARY,
            OutgoingMessageId.CANCEL_ACCOUNT_SUMMARY, OutgoingMessageId.REQ_POSITIONS,
            OutgoingMessageId.CANCEL_POSITIONS, OutgoingMessageId.REQ_ACCOUNT_UPDATES, OutgoingMessageId.REQ_PNL,
            OutgoingMessageId.CANCEL_PNL, OutgoingMessageId.REQ_PNL_SINGLE, OutgoingMessageId.CANCEL_PNL_SINGLE);

    private final ClientInfo client;
    private final List<String> managed;
    private final ActorRef<AccountDesk.Command> desk;
    private final ActorRef<SimulatorSession.Command> session;
    private final Consumer<byte[]> out;
    private final SimulatorMetrics metrics;
    private final Set<Integer> summaries = new HashSet<>();

    /**
     * @param client  the registered client
     * @param managed the accounts the session manages (managedAccounts)
     * @param desk    the simulator's account desk
     * @param session the session, where the desk sends its frames
     * @param out     sends a frame to the client (errors)
     * @param metrics the shared counters
     */
    AccountSession(ClientInfo client, List<String> managed, ActorRef<AccountDesk.Command> desk,
                   ActorRef<SimulatorSession.Command> session, Consumer<byte[]> out, SimulatorMetrics metrics) {
        this.client = client;
        this.managed = List.copyOf(managed);
        this.desk = desk;
        this.session = session;
        this.out = out;
        this.metrics = metrics;
    }

    @Override
    public Set<OutgoingMessageId> requests() {
        return REQUESTS;
    }

    @Override
    public void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        switch (id) {
            case REQ_ACCOUNT_SUMMARY:
                onSummary(AccountSummaryCodec.decodeReqAccountSummary(reader));
                break;
            case CANCEL_ACCOUNT_SUMMARY: {
                int reqId = AccountSummaryCodec.decodeCancelAccountSummary(reader);
                summaries.remove(reqId);
                desk.tell(new AccountDesk.CancelSummary(session, reqId));
                break;
            }
            case REQ_POSITIONS:
                PositionCodec.decodePositionsRequest(reader);
                desk.tell(new AccountDesk.Positions(session));
                break;
            case CANCEL_POSITIONS:
                PositionCodec.decodePositionsRequest(reader);
                desk.tell(new AccountDesk.CancelPositions(session));
                break;
            case REQ_ACCOUNT_UPDATES:
                onUpdates(AccountUpdatesCodec.decodeReqAccountUpdates(reader));
                break;
            case REQ_PNL:
                onPnl(PnlCodec.decodeReqPnL(reader));
                break;
            case REQ_PNL_SINGLE:
                onPnl(PnlCodec.decodeReqPnLSingle(reader));
                break;
            case CANCEL_PNL:
            case CANCEL_PNL_SINGLE:
                desk.tell(new AccountDesk.CancelPnl(session, PnlCodec.decodeCancel(reader)));
                break;
            default:
                throw new IllegalArgumentException("not an account request: " + id);
        }
    }

    private void onSummary(AccountSummaryCodec.SummaryRequest r) {
        if (!summaries.contains(r.reqId()) && summaries.size() >= MAX_SUMMARIES) {
            metrics.accountSummaryLimitErrors.increment();
            LOG.info("Client {}: account summary {} refused, {} are active", client.clientId(), r.reqId(),
                    summaries.size());
            out.accept(SimulatorErrors.frame(client.serverVersion(), r.reqId(), TwsErrorCode.CANNOT_PROCESS_REQUEST,
                    SimulatorErrors.MAX_ACCOUNT_SUMMARY_REQUESTS));
            return;
        }
        summaries.add(r.reqId());
        desk.tell(new AccountDesk.Summary(session, r.reqId(), r.tags()));
    }

    private void onUpdates(AccountUpdatesCodec.UpdatesRequest r) {
        if (r.subscribe() && !managed.contains(r.account())) {
            LOG.info("Client {}: reqAccountUpdates of unmanaged account '{}'", client.clientId(), r.account());
            out.accept(SimulatorErrors.frame(client.serverVersion(), TwsErrorCode.NO_REQUEST_ID,
                    TwsErrorCode.CANNOT_VALIDATE_REQUEST, SimulatorErrors.INVALID_ACCOUNT_CODE));
            return;
        }
        desk.tell(new AccountDesk.Updates(session, r.subscribe(), r.account()));
    }

    private void onPnl(PnlCodec.PnlRequest r) {
        if (!managed.contains(r.account())) {
            LOG.info("Client {}: P&L request {} of unmanaged account '{}' not answered", client.clientId(), r.reqId(),
                    r.account());
            return;
        }
        desk.tell(new AccountDesk.Pnl(session, r.reqId(), r.account(), r.conId()));
    }
}
