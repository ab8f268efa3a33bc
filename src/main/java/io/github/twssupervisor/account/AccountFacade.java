package io.github.twssupervisor.account;

import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.subscription.DomainContext;
import io.github.twssupervisor.subscription.Overflow;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Accounts of one client ({@code client.account()}): live views of positions, of one account's values and portfolio,
 * and of account summaries, plus P&amp;L streams. Every one survives reconnects: after an outage TWS is asked again,
 * and a view says it is {@code stale} until TWS's full set is back, rather than serving old numbers as current. Safe
 * from any thread.
 *
 * <pre>{@code
 * client.account().positions().runForeach(p -> System.out.println(p.positions()), system);   // a view per change
 * Positions now = client.account().currentPositions().toCompletableFuture().join();
 * client.account().follow("DU123456").runForeach(v -> System.out.println(v.value("NetLiquidation", "USD")), system);
 * client.account().pnl("DU123456").runForeach(System.out::println, system);
 * }</pre>
 *
 * A view's stream fails when its request ends (TWS refused it, the session does not manage the account, or TWS's
 * limits: two account summaries, one followed account at a time) and completes when its handle cancels it; a slow
 * consumer of a view gets the latest view, never a backlog.
 */
public final class AccountFacade {

    /** Events waiting for a view's fold; the fold keeps up with any flow TWS sends, so this is a bound, not a need. */
    private static final Overflow VIEW_EVENTS = new Overflow.Buffer(100_000);

    private final DomainContext kernel;
    private final Duration timeout;

    /**
     * @param kernel  the client's kernel services
     * @param timeout how long the snapshot helpers wait for TWS's full set
     */
    public AccountFacade(DomainContext kernel, Duration timeout) {
        this.kernel = kernel;
        this.timeout = timeout;
    }

    /** @return the session's positions as a view per change, after TWS's full set (reqPositions) */
    public Source<Positions, SubscriptionHandle> positions() {
        return kernel.stream(new PositionsSpec(), VIEW_EVENTS).via(Positions.fold()).conflate((older, newer) -> newer);
    }

    /**
     * @param overflow what a slow consumer gets
     * @return the position events themselves: rows, End, and the lifecycle signals as {@link PositionEvent.Status}
     */
    public Source<PositionEvent, SubscriptionHandle> positionEvents(Overflow overflow) {
        return kernel.stream(new PositionsSpec(), overflow);
    }

    /** @return the positions once TWS's full set is in; fails after the client's request timeout */
    public CompletionStage<Positions> currentPositions() {
        return first(positions(), Positions::isCurrent);
    }

    /**
     * Follows one account (reqAccountUpdates). TWS follows one account at a time: while one is followed, following
     * another fails its stream, naming the one followed; cancel that first. Equal calls share one subscription.
     *
     * @param account an account the session manages
     * @return its values and portfolio as a view per change, after TWS's full set
     */
    public Source<AccountView, SubscriptionHandle> follow(String account) {
        requireAccount(account);
        return kernel.stream(new AccountUpdatesSpec(account), VIEW_EVENTS).via(AccountView.fold(account))
                .conflate((older, newer) -> newer);
    }

    /**
     * @param account  an account the session manages
     * @param overflow what a slow consumer gets
     * @return the account's events themselves: values, portfolio items, update times, the download's end, signals
     */
    public Source<AccountUpdateEvent, SubscriptionHandle> accountEvents(String account, Overflow overflow) {
        requireAccount(account);
        return kernel.stream(new AccountUpdatesSpec(account), overflow);
    }

    /**
     * @param account an account the session manages
     * @return its values and portfolio once TWS's full set is in; the subscription ends after it
     */
    public CompletionStage<AccountView> account(String account) {
        return first(follow(account), AccountView::isCurrent);
    }

    /**
     * An account summary (reqAccountSummary). TWS serves two at once: equal requests share one, a third distinct one
     * fails its stream, naming the two live ones.
     *
     * @param request the group and tags
     * @return the summary as a view per change, after TWS's full set
     */
    public Source<AccountSummary, SubscriptionHandle> summary(AccountSummaryRequest request) {
        Objects.requireNonNull(request, "request must not be null (AccountSummaryRequest.of(\"NetLiquidation\"))");
        return kernel.stream(new AccountSummarySpec(request), VIEW_EVENTS).via(AccountSummary.fold(
                request.description())).conflate((older, newer) -> newer);
    }

    /**
     * @param request the group and tags
     * @return the summary once TWS's full set is in; the subscription ends after it
     */
    public CompletionStage<AccountSummary> currentSummary(AccountSummaryRequest request) {
        return first(summary(request), AccountSummary::isCurrent);
    }

    /**
     * @param account an account the session manages
     * @return its daily, unrealized and realized P&amp;L about once a second (reqPnL), with lifecycle signals
     */
    public Source<PnlEvent, SubscriptionHandle> pnl(String account) {
        requireAccount(account);
        return kernel.stream(new PnlSpec(account, "", OptionalInt.empty()), new Overflow.Conflate());
    }

    /**
     * @param account an account the session manages
     * @param conId   the contract of one of its positions
     * @return that position's P&amp;L and value about once a second (reqPnLSingle), with lifecycle signals
     */
    public Source<PnlEvent, SubscriptionHandle> pnl(String account, int conId) {
        requireAccount(account);
        if (conId <= 0) {
            throw new IllegalArgumentException("conId must be a contract's id (> 0), was " + conId
                    + "; qualify the contract first: client.contracts().qualify(...)");
        }
        return kernel.stream(new PnlSpec(account, "", OptionalInt.of(conId)), new Overflow.Conflate());
    }

    private <V> CompletionStage<V> first(Source<V, SubscriptionHandle> views, Predicate<V> current) {
        return views.filter(current::test).completionTimeout(timeout).runWith(Sink.head(), kernel.system());
    }

    private static void requireAccount(String account) {
        Objects.requireNonNull(account, "account must not be null");
        if (account.isBlank()) {
            throw new IllegalArgumentException("account must name an account the session manages, e.g. DU123456 "
                    + "(client.ready() lists them)");
        }
    }
}
