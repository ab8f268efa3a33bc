package io.github.twssupervisor.simulator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountUpdateEvent;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.orders.Execution;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's accounts, one {@link SimulatedAccount} per managed account, above the connections like the
 * {@link OrderDesk} (which tells it every fill), and the account subscriptions of every session. Sessions'
 * {@link AccountSession}s validate the requests; the desk answers them with frames sent to the session.
 *
 * <pre>
 * Summary           accountSummary per account (group All) and known tag, accountSummaryEnd; then every
 *                   update-interval the rows whose value changed, until CancelSummary
 * Positions         position per holding of every account, positionEnd; then a position on every fill
 * Updates(true, a)  accountValue rows, portfolioValue per holding, accountUpdateTime, accountDownloadEnd(a); then on a
 *                   fill the holding and the changed values at once, and every update-interval what changed; one
 *                   account per session, a second subscribe replaces the first; Updates(false) stops
 * Pnl               every pnl-interval the marks move, then pnl (conId 0) or pnlSingle of a holding the account has;
 *                   nothing for a conId it never held (TWS answers nothing either)
 * </pre>
 *
 * A session's subscriptions end with it (watched).
 */
final class AccountDesk extends AbstractBehavior<AccountDesk.Command> {

    /** Messages of the desk. */
    sealed interface Command permits Filled, Summary, CancelSummary, Positions, CancelPositions, Updates, Pnl,
            CancelPnl, SessionGone, UpdateRound, PnlRound {
    }

    /** A fill of the order book. */
    record Filled(Execution execution, Instrument instrument) implements Command {
    }

    /** reqAccountSummary, validated. */
    record Summary(ActorRef<SimulatorSession.Command> session, int reqId, String tags) implements Command {
    }

    /** cancelAccountSummary. */
    record CancelSummary(ActorRef<SimulatorSession.Command> session, int reqId) implements Command {
    }

    /** reqPositions. */
    record Positions(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    /** cancelPositions. */
    record CancelPositions(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    /** reqAccountUpdates of a managed account. */
    record Updates(ActorRef<SimulatorSession.Command> session, boolean subscribe, String account) implements Command {
    }

    /** reqPnL (conId 0) or reqPnLSingle of a managed account. */
    record Pnl(ActorRef<SimulatorSession.Command> session, int reqId, String account, int conId) implements Command {
    }

    /** cancelPnL or cancelPnLSingle. */
    record CancelPnl(ActorRef<SimulatorSession.Command> session, int reqId) implements Command {
    }

    private record SessionGone(ActorRef<SimulatorSession.Command> session) implements Command {
    }

    private enum UpdateRound implements Command {
        INSTANCE
    }

    private enum PnlRound implements Command {
        INSTANCE
    }

    private record Key(ActorRef<SimulatorSession.Command> session, int reqId) {
    }

    /** A summary subscription and what it last sent, by account and tag. */
    private record SummarySub(String tags, Map<String, String> sent) {
    }

    /** An account-updates subscription and what it last sent: values by key, portfolio items by conId. */
    private record UpdatesSub(String account, Map<String, String> values, Map<Integer, AccountUpdateEvent.Portfolio>
            portfolio) {
    }

    private record PnlSub(String account, int conId) {
    }

    private static final DateTimeFormatter UPDATE_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<String, SimulatedAccount> accounts = new LinkedHashMap<>();
    private final Clock clock;
    private final Map<Key, SummarySub> summaries = new LinkedHashMap<>();
    private final Set<ActorRef<SimulatorSession.Command>> positions = new HashSet<>();
    private final Map<ActorRef<SimulatorSession.Command>, UpdatesSub> updates = new HashMap<>();
    private final Map<Key, PnlSub> pnls = new LinkedHashMap<>();
    private final Set<ActorRef<SimulatorSession.Command>> watched = new HashSet<>();

    private AccountDesk(ActorContext<Command> context, TimerScheduler<Command> timers, SimulatorSettings settings,
                        Clock clock) {
        super(context);
        this.clock = clock;
        for (String id : settings.accounts()) {
            accounts.put(id, new SimulatedAccount(id, settings.seed(), settings.account().startingCash()));
        }
        timers.startTimerWithFixedDelay(UpdateRound.INSTANCE, settings.account().updateInterval());
        timers.startTimerWithFixedDelay(PnlRound.INSTANCE, settings.account().pnlInterval());
    }

    /**
     * @param settings the simulator's settings: accounts, seed, {@link SimulatorSettings.Account}, zone
     * @return the behaviour
     */
    static Behavior<Command> create(SimulatorSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AccountDesk(ctx, timers, settings,
                Clock.system(settings.timeZone()))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Filled.class, this::onFilled)
                .onMessage(Summary.class, this::onSummary)
                .onMessage(CancelSummary.class, this::onCancelSummary)
                .onMessage(Positions.class, this::onPositions)
                .onMessage(CancelPositions.class, this::onCancelPositions)
                .onMessage(Updates.class, this::onUpdates)
                .onMessage(Pnl.class, this::onPnl)
                .onMessage(CancelPnl.class, this::onCancelPnl)
                .onMessage(SessionGone.class, this::onSessionGone)
                .onMessage(UpdateRound.class, this::onUpdateRound)
                .onMessage(PnlRound.class, this::onPnlRound)
                .build();
    }

    private Behavior<Command> onFilled(Filled m) {
        SimulatedAccount account = accounts.get(m.execution().account());
        if (account == null) {
            getContext().getLog().info("Fill {} of unmanaged account '{}' not booked", m.execution().execId(),
                    m.execution().account());
            return this;
        }
        SimulatedAccount.Holding holding = account.apply(m.execution(), m.instrument());
        byte[] position = PositionCodec.position(account.position(holding));
        positions.forEach(session -> send(session, position));
        updates.forEach((session, sub) -> {
            if (sub.account().equals(account.id())) {
                sendChangedUpdates(session, sub, account);
            }
        });
        return this;
    }

    private Behavior<Command> onSummary(Summary m) {
        watch(m.session());
        SummarySub sub = new SummarySub(m.tags(), new HashMap<>());
        summaries.put(new Key(m.session(), m.reqId()), sub);
        for (SimulatedAccount account : accounts.values()) {
            for (AccountSummaryEvent.Row row : account.summary(m.tags())) {
                sub.sent().put(row.account() + "|" + row.tag(), row.value());
                send(m.session(), AccountSummaryCodec.accountSummary(m.reqId(), row));
            }
        }
        send(m.session(), AccountSummaryCodec.accountSummaryEnd(m.reqId()));
        return this;
    }

    private Behavior<Command> onPositions(Positions m) {
        watch(m.session());
        positions.add(m.session());
        for (SimulatedAccount account : accounts.values()) {
            account.holdings().forEach(h -> send(m.session(), PositionCodec.position(account.position(h))));
        }
        send(m.session(), PositionCodec.positionEnd());
        return this;
    }

    private Behavior<Command> onUpdates(Updates m) {
        if (!m.subscribe()) {
            updates.remove(m.session());
            return this;
        }
        watch(m.session());
        SimulatedAccount account = accounts.get(m.account());
        UpdatesSub sub = new UpdatesSub(account.id(), new HashMap<>(), new HashMap<>());
        updates.put(m.session(), sub); // one account per session: this replaces any other
        for (AccountUpdateEvent.Value v : account.accountValues()) {
            sub.values().put(v.key(), v.value());
            send(m.session(), AccountUpdatesCodec.accountValue(v));
        }
        for (SimulatedAccount.Holding h : account.holdings()) {
            AccountUpdateEvent.Portfolio p = account.portfolio(h);
            sub.portfolio().put(h.instrument.conId(), p);
            send(m.session(), AccountUpdatesCodec.portfolioValue(p));
        }
        send(m.session(), AccountUpdatesCodec.accountUpdateTime(UPDATE_TIME.format(clock.instant().atZone(
                clock.getZone()))));
        send(m.session(), AccountUpdatesCodec.accountDownloadEnd(account.id()));
        return this;
    }

    private Behavior<Command> onPnl(Pnl m) {
        watch(m.session());
        pnls.put(new Key(m.session(), m.reqId()), new PnlSub(m.account(), m.conId()));
        return this;
    }

    private Behavior<Command> onCancelSummary(CancelSummary m) {
        summaries.remove(new Key(m.session(), m.reqId()));
        return this;
    }

    private Behavior<Command> onCancelPositions(CancelPositions m) {
        positions.remove(m.session());
        return this;
    }

    private Behavior<Command> onCancelPnl(CancelPnl m) {
        pnls.remove(new Key(m.session(), m.reqId()));
        return this;
    }

    private Behavior<Command> onSessionGone(SessionGone m) {
        watched.remove(m.session());
        summaries.keySet().removeIf(k -> k.session().equals(m.session()));
        pnls.keySet().removeIf(k -> k.session().equals(m.session()));
        positions.remove(m.session());
        updates.remove(m.session());
        return this;
    }

    /** Summaries and account updates get what changed since they last sent it. */
    private Behavior<Command> onUpdateRound(UpdateRound m) {
        summaries.forEach((key, sub) -> {
            for (SimulatedAccount account : accounts.values()) {
                for (AccountSummaryEvent.Row row : account.summary(sub.tags())) {
                    if (!row.value().equals(sub.sent().put(row.account() + "|" + row.tag(), row.value()))) {
                        send(key.session(), AccountSummaryCodec.accountSummary(key.reqId(), row));
                    }
                }
            }
        });
        updates.forEach((session, sub) -> sendChangedUpdates(session, sub, accounts.get(sub.account())));
        return this;
    }

    /** The marks move, then every P&amp;L subscription gets its frame. */
    private Behavior<Command> onPnlRound(PnlRound m) {
        accounts.values().forEach(SimulatedAccount::mark);
        pnls.forEach((key, sub) -> {
            SimulatedAccount account = accounts.get(sub.account());
            if (sub.conId() == 0) {
                send(key.session(), PnlCodec.pnl(key.reqId(), account.pnl()));
            } else {
                account.holding(sub.conId()).ifPresent(h -> send(key.session(), PnlCodec.pnlSingle(key.reqId(),
                        account.pnl(h))));
            }
        });
        return this;
    }

    /** Changed portfolio items and values, then the update time, if anything changed. */
    private void sendChangedUpdates(ActorRef<SimulatorSession.Command> session, UpdatesSub sub,
                                    SimulatedAccount account) {
        boolean changed = false;
        for (SimulatedAccount.Holding h : account.holdings()) {
            AccountUpdateEvent.Portfolio p = account.portfolio(h);
            if (!p.equals(sub.portfolio().put(h.instrument.conId(), p))) {
                send(session, AccountUpdatesCodec.portfolioValue(p));
                changed = true;
            }
        }
        for (AccountUpdateEvent.Value v : account.accountValues()) {
            if (!v.value().equals(sub.values().put(v.key(), v.value()))) {
                send(session, AccountUpdatesCodec.accountValue(v));
                changed = true;
            }
        }
        if (changed) {
            send(session, AccountUpdatesCodec.accountUpdateTime(UPDATE_TIME.format(clock.instant().atZone(
                    clock.getZone()))));
        }
    }

    private void watch(ActorRef<SimulatorSession.Command> session) {
        if (watched.add(session)) {
            getContext().watchWith(session, new SessionGone(session));
        }
    }

    private static void send(ActorRef<SimulatorSession.Command> session, byte[] frame) {
        session.tell(new SimulatorSession.SendFrame(frame));
    }
}
