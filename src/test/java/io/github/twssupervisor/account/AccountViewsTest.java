package io.github.twssupervisor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.subscription.Lifecycle;
import io.github.twssupervisor.subscription.SubscriptionHandle;
import io.github.twssupervisor.subscription.TwsRequestException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The live views folded from their events: nothing before TWS's full set, a view per change after it, stale from an
 * outage until TWS's full set is back (a row gone meanwhile leaves the view), current at once when TWS kept the request
 * (1102), and a stream that fails when its request ends.
 */
class AccountViewsTest {

    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final String ACCOUNT = "DU1";

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static <E, V> List<V> fold(Flow<E, V, ?> fold, List<E> events) {
        return Source.from(events).via(fold).runWith(Sink.seq(), testKit.system()).toCompletableFuture().join();
    }

    private static Contract stock(int conId, String symbol) {
        return new Contract(conId, symbol, SecType.STK, "", 0, "", "", "NASDAQ", "", "USD", symbol, "NMS");
    }

    private static PositionEvent.Position position(int conId, String symbol, int quantity) {
        return new PositionEvent.Position(ACCOUNT, stock(conId, symbol), BigDecimal.valueOf(quantity), 100.0);
    }

    private static PositionEvent.Status signal(Lifecycle lifecycle) {
        return new PositionEvent.Status(lifecycle);
    }

    private static List<String> holdings(Positions view) {
        return view.positions().stream().map(p -> p.contract().symbol() + " " + p.position()).toList();
    }

    @Test
    void positionsAreViewedOnlyOnceTheFullSetIsInThenAtEveryChange() {
        List<Positions> views = fold(Positions.fold(), List.of(position(1, "AAPL", 100), position(2, "MSFT", 50),
                new PositionEvent.End(), position(1, "AAPL", 150), position(2, "MSFT", 0)));

        assertEquals(3, views.size());
        assertEquals(List.of("AAPL 100", "MSFT 50"), holdings(views.get(0)));
        assertTrue(views.get(0).isCurrent());
        assertEquals(List.of("AAPL 150", "MSFT 50"), holdings(views.get(1)));
        assertEquals(List.of("AAPL 150"), holdings(views.get(2)), "a position closed to zero leaves the view");
        assertEquals(Optional.of(BigDecimal.valueOf(150)), views.get(2).of(ACCOUNT, 1)
                .map(PositionEvent.Position::position));
    }

    @Test
    void anOutageMarksTheViewStaleUntilTheReissuedFullSetReplacesIt() {
        List<Positions> views = fold(Positions.fold(), List.of(position(1, "AAPL", 100), position(2, "MSFT", 50),
                new PositionEvent.End(),
                signal(new Lifecycle.Interrupted("connection lost")),
                signal(new Lifecycle.Resumed(true)),
                // MSFT was sold during the outage: TWS's new full set lacks it.
                position(1, "AAPL", 100), position(3, "IBM", 10),
                new PositionEvent.End()));

        assertEquals(3, views.size(), "full set, stale, full set again: " + views);
        Positions stale = views.get(1);
        assertFalse(stale.isCurrent());
        assertEquals(List.of("AAPL 100", "MSFT 50"), holdings(stale), "the last numbers, marked stale, not dropped");
        Positions again = views.get(2);
        assertTrue(again.isCurrent());
        assertEquals(List.of("AAPL 100", "IBM 10"), holdings(again));
    }

    @Test
    void whenTwsKeptTheRequestTheViewIsCurrentAgainAtOnceAndChangesFollow() {
        List<Positions> views = fold(Positions.fold(), List.of(position(1, "AAPL", 100), new PositionEvent.End(),
                signal(new Lifecycle.Interrupted("TWS lost its connection to IB (1100)")),
                signal(new Lifecycle.Resumed(false)),
                position(1, "AAPL", 200)));

        assertEquals(List.of(true, false, true, true), views.stream().map(Positions::isCurrent).toList());
        assertEquals(List.of("AAPL 200"), holdings(views.get(3)));
    }

    @Test
    void anOutageBeforeTheFirstFullSetShowsNothingUntilTheReissuedSetEnds() {
        List<Positions> views = fold(Positions.fold(), List.of(position(1, "AAPL", 100),
                signal(new Lifecycle.Interrupted("connection lost")), signal(new Lifecycle.Resumed(true)),
                position(2, "MSFT", 5), new PositionEvent.End()));

        assertEquals(1, views.size());
        assertEquals(List.of("MSFT 5"), holdings(views.get(0)), "the half set before the outage is dropped");
    }

    @Test
    void theViewsStreamFailsWhenItsRequestEndsAndCompletesWhenCancelled() {
        CompletionException refused = assertThrows(CompletionException.class, () -> fold(Positions.fold(), List.of(
                position(1, "AAPL", 100), new PositionEvent.End(),
                signal(new Lifecycle.Ended(0, "the connection was closed")))));
        assertEquals("reqPositions ended: the connection was closed", refused.getCause().getMessage());

        CompletionException byTws = assertThrows(CompletionException.class, () -> fold(AccountSummary.fold("summary"),
                List.of(new AccountSummaryEvent.Status(new Lifecycle.Ended(322, "Maximum number of account summary "
                        + "requests exceeded")))));
        assertEquals(322, assertInstanceOf(TwsRequestException.class, byTws.getCause()).code());

        assertEquals(1, fold(Positions.fold(), List.of(position(1, "AAPL", 100), new PositionEvent.End(),
                signal(new Lifecycle.Ended(0, SubscriptionHandle.CANCELLED)))).size());
    }

    @Test
    void anAccountViewHoldsValuesAndPortfolioAfterTheDownloadEnds() {
        AccountUpdateEvent.Portfolio aapl = new AccountUpdateEvent.Portfolio(stock(1, "AAPL"), BigDecimal.TEN, 190.0,
                1900.0, 180.0, 100.0, 0.0, ACCOUNT);
        List<AccountView> views = fold(AccountView.fold(ACCOUNT), List.of(
                new AccountUpdateEvent.Value("NetLiquidation", "100000.00", "USD", ACCOUNT),
                new AccountUpdateEvent.Value("AccountCode", ACCOUNT, "", ACCOUNT),
                aapl, new AccountUpdateEvent.UpdateTime("15:59"), new AccountUpdateEvent.DownloadEnd(ACCOUNT),
                new AccountUpdateEvent.Value("NetLiquidation", "100100.00", "USD", ACCOUNT)));

        assertEquals(2, views.size());
        AccountView first = views.get(0);
        assertTrue(first.isCurrent());
        assertEquals(Optional.of("100000.00"), first.value("NetLiquidation", "USD"));
        assertEquals(Optional.of(ACCOUNT), first.value("AccountCode", ""));
        assertEquals(Optional.of(aapl), first.item(1));
        assertEquals(Optional.of("15:59"), first.updateTime());
        assertEquals(Optional.of("100100.00"), views.get(1).value("NetLiquidation", "USD"));
    }

    @Test
    void anAccountSummaryViewHasOneRowPerAccountTagAndCurrency() {
        List<AccountSummary> views = fold(AccountSummary.fold("summary"), List.of(
                new AccountSummaryEvent.Row(ACCOUNT, "NetLiquidation", "100000.00", "USD"),
                new AccountSummaryEvent.Row("DU2", "NetLiquidation", "5.00", "USD"),
                new AccountSummaryEvent.End(),
                new AccountSummaryEvent.Row(ACCOUNT, "NetLiquidation", "100200.00", "USD")));

        assertEquals(2, views.size());
        assertEquals(2, views.get(1).rows().size());
        assertEquals("100200.00", views.get(1).get(ACCOUNT, "NetLiquidation").orElseThrow().value());
        assertEquals("5.00", views.get(1).get("DU2", "NetLiquidation").orElseThrow().value());
    }
}
