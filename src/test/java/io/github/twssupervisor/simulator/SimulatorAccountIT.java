package io.github.twssupervisor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.github.twssupervisor.account.AccountDomain;
import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountUpdateEvent;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PnlEvent;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.account.PositionEvent;
import io.github.twssupervisor.config.SimulatorSettings;
import io.github.twssupervisor.config.TwsSettings;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.InboundRouter;
import io.github.twssupervisor.dispatch.Routed;
import io.github.twssupervisor.orders.Execution;
import io.github.twssupervisor.orders.ExecutionCodec;
import io.github.twssupervisor.orders.Order;
import io.github.twssupervisor.orders.OrderAction;
import io.github.twssupervisor.orders.OrderMessage;
import io.github.twssupervisor.orders.OrderRequestCodec;
import io.github.twssupervisor.testutil.LogCapturing;
import io.github.twssupervisor.testutil.PlainTwsClient;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.TwsErrorCode;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's account over loopback, with a plain socket client whose frames are read back with the library's
 * account decoders: summary rows, end and TWS's two-subscription limit, positions after a fill, account updates after
 * a fill, P&amp;L frames, cancels that stop each flow, and requests naming an account the session does not manage.
 * Each test runs its own simulator (the accounts are the simulator's, and fills change them) with short account
 * intervals; time is measured in the simulator's own periodic frames, never slept.
 */
@ExtendWith(LogCapturing.class)
class SimulatorAccountIT {

    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final SimulatorSettings SETTINGS = TwsSettings.defaults().simulator().withAddress("127.0.0.1", 0)
            .withAccount(new SimulatorSettings.Account(1_000_000, Duration.ofMillis(200), Duration.ofMillis(100)));
    private static final String ACCOUNT = "DU111111";
    private static final String OTHER = "DU222222";
    private static final Contract AAPL = Contract.stock("AAPL");
    private static final int AAPL_CON_ID = 265598;
    private static final InboundRouter ROUTER = new InboundRouter(Stream.concat(
            new AccountDomain().decoders().stream(), Stream.<DomainDecoder>of(new ExecutionCodec())).toList());
    private static final String ERROR = String.valueOf(IncomingMessageId.ERROR.code());

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 200})
    void summaryRowsThenTheEndAndAThirdSubscriptionIsError322(int sv) {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = connect(simulator, sv, 1)) {
            client.send(AccountSummaryCodec.reqAccountSummary(1, "All", "NetLiquidation,TotalCashValue,BuyingPower,"
                    + "$LEDGER,NoSuchTag"));
            List<AccountSummaryEvent.Row> rows = summary(client, sv, 1);
            // Both managed accounts, known tags in the order asked, $LEDGER as a minimal USD ledger, unknown ignored.
            assertEquals(new AccountSummaryEvent.Row(ACCOUNT, "NetLiquidation", "1000000.00", "USD"), rows.get(0));
            assertEquals(new AccountSummaryEvent.Row(ACCOUNT, "TotalCashValue", "1000000.00", "USD"), rows.get(1));
            assertEquals(new AccountSummaryEvent.Row(ACCOUNT, "BuyingPower", "4000000.00", "USD"), rows.get(2));
            assertEquals(List.of("NetLiquidation", "TotalCashValue", "BuyingPower", "CashBalance", "TotalCashBalance",
                    "NetLiquidationByCurrency", "UnrealizedPnL", "RealizedPnL", "ExchangeRate"),
                    rows.stream().filter(r -> r.account().equals(ACCOUNT)).map(AccountSummaryEvent.Row::tag).toList());
            assertEquals(18, rows.size(), "9 tags of two accounts");
            assertTrue(rows.stream().anyMatch(r -> r.account().equals(OTHER)));

            client.send(AccountSummaryCodec.reqAccountSummary(2, "All", "NetLiquidation"));
            assertEquals(2, summary(client, sv, 2).size());
            // TWS allows two active summary subscriptions (TWS API documentation, Account Summary); the third gets
            // error 322, worded as TWS words it (seen in public client logs).
            client.send(AccountSummaryCodec.reqAccountSummary(3, "All", "NetLiquidation"));
            SessionCodec.TwsError refused = nextError(client, sv);
            assertEquals(3, refused.id());
            assertEquals(TwsErrorCode.CANNOT_PROCESS_REQUEST, refused.code());
            assertTrue(refused.message().contains("Maximum number of account summary requests exceeded"),
                    refused.message());
            assertEquals(1, simulator.stats().toCompletableFuture().join().accountSummaryLimitErrors());
            // A cancel frees the slot (the documentation counts active subscriptions).
            client.send(AccountSummaryCodec.cancelAccountSummary(1));
            client.send(AccountSummaryCodec.reqAccountSummary(3, "All", "TotalCashValue"));
            assertEquals(2, summary(client, sv, 3).size());
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void positionsAfterAFillUntilCancelPositions() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = connect(simulator, 200, 2)) {
            client.send(PositionCodec.reqPositions());
            assertInstanceOf(PositionEvent.End.class, next(client, 200, e -> e instanceof PositionEvent), "no holdings");
            Execution fill = buy(client, 1, 10);
            PositionEvent.Position p = (PositionEvent.Position) next(client, 200, e -> e instanceof PositionEvent);
            assertEquals(ACCOUNT, p.account());
            assertEquals(AAPL_CON_ID, p.contract().conId());
            assertEquals("NASDAQ", p.contract().exchange(), "the listing exchange, as TWS reports it");
            assertEquals(0, new BigDecimal("10").compareTo(p.position()));
            assertEquals(fill.price(), p.averageCost(), 1e-9);
            // A new subscription starts with the holding.
            client.send(PositionCodec.reqPositions());
            assertEquals(p, next(client, 200, e -> e instanceof PositionEvent));
            assertInstanceOf(PositionEvent.End.class, next(client, 200, e -> e instanceof PositionEvent));

            client.send(PositionCodec.cancelPositions());
            buy(client, 2, 5);
            assertTrue(decodedUntilCurrentTime(client, 200).stream().noneMatch(e -> e instanceof PositionEvent),
                    "no position after cancelPositions");
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void accountUpdatesAfterAFillThenOtherAccountThenUnsubscribed() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = connect(simulator, 200, 3)) {
            client.send(AccountUpdatesCodec.reqAccountUpdates(true, ACCOUNT));
            List<Object> download = until(client, 200, e -> e instanceof AccountUpdateEvent.DownloadEnd);
            assertTrue(download.contains(new AccountUpdateEvent.Value("AccountCode", ACCOUNT, "", ACCOUNT)));
            assertTrue(download.contains(new AccountUpdateEvent.Value("TotalCashValue", "1000000.00", "USD", ACCOUNT)));
            assertTrue(download.stream().noneMatch(e -> e instanceof AccountUpdateEvent.Portfolio), "no holdings");
            assertInstanceOf(AccountUpdateEvent.UpdateTime.class, download.get(download.size() - 2));
            assertEquals(new AccountUpdateEvent.DownloadEnd(ACCOUNT), download.get(download.size() - 1));

            Execution fill = buy(client, 1, 10);
            AccountUpdateEvent.Portfolio item = (AccountUpdateEvent.Portfolio) next(client, 200,
                    e -> e instanceof AccountUpdateEvent.Portfolio);
            assertEquals(AAPL_CON_ID, item.contract().conId());
            assertEquals("NASDAQ", item.contract().primaryExchange());
            assertEquals(0, BigDecimal.TEN.compareTo(item.position()));
            assertEquals(fill.price(), item.averageCost(), 1e-9);
            assertEquals(ACCOUNT, item.account());
            String cash = String.format(Locale.ROOT, "%.2f", 1_000_000 - 10 * fill.price() - 1.0); // 1 USD commission
            next(client, 200, e -> e.equals(new AccountUpdateEvent.Value("TotalCashValue", cash, "USD", ACCOUNT)));

            // One account at a time: subscribing to the other replaces the first.
            client.send(AccountUpdatesCodec.reqAccountUpdates(true, OTHER));
            next(client, 200, e -> e.equals(new AccountUpdateEvent.DownloadEnd(OTHER)));
            client.send(PnlCodec.reqPnL(9, ACCOUNT, "")); // the clock of the next checks: 100 ms a frame
            buy(client, 2, 5);
            assertTrue(pnlFrames(client, 200, 9, 4).stream().noneMatch(e -> e instanceof AccountUpdateEvent.Value v
                    && v.account().equals(ACCOUNT) || e instanceof AccountUpdateEvent.Portfolio),
                    "nothing of the replaced account");

            client.send(AccountUpdatesCodec.reqAccountUpdates(false, OTHER));
            assertTrue(pnlFrames(client, 200, 9, 4).stream().noneMatch(e -> e instanceof AccountUpdateEvent),
                    "nothing after reqAccountUpdates(false)");
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void pnlFramesUntilCancelledAndNothingForWhatTheAccountDoesNotHold() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = connect(simulator, 200, 4)) {
            Execution fill = buy(client, 1, 10);
            client.send(PnlCodec.reqPnL(5, ACCOUNT, ""));
            client.send(PnlCodec.reqPnLSingle(6, ACCOUNT, "", AAPL_CON_ID));
            client.send(PnlCodec.reqPnLSingle(7, ACCOUNT, "", 8314)); // IBM: not held, TWS answers nothing
            client.send(PnlCodec.reqPnL(8, "DU999999", "")); // not managed: nothing either
            List<Object> frames = pnlFrames(client, 200, 6, 3);
            PnlEvent.Pnl pnl = (PnlEvent.Pnl) frames.stream().filter(e -> e instanceof PnlEvent.Pnl).findFirst()
                    .orElseThrow();
            assertEquals(0, pnl.realized(), 1e-9);
            assertEquals(pnl.unrealized() - 1.0, pnl.daily(), 0.011, "daily = since the run started, commission in");
            PnlEvent.Single single = (PnlEvent.Single) frames.stream().filter(e -> e instanceof PnlEvent.Single)
                    .findFirst().orElseThrow();
            assertEquals(0, BigDecimal.TEN.compareTo(single.position()));
            assertEquals(single.value() - 10 * fill.price(), single.unrealized(), 0.011);
            assertTrue(frames.stream().allMatch(e -> e instanceof PnlEvent), "only request 5 and 6 answer");

            client.send(PnlCodec.cancelPnL(5));
            client.send(PnlCodec.cancelPnLSingle(6));
            client.send(PnlCodec.reqPnL(10, ACCOUNT, "")); // the clock
            List<Object> after = pnlFrames(client, 200, 10, 3);
            assertTrue(after.stream().allMatch(e -> e instanceof PnlEvent.Pnl), "no pnlSingle after its cancel: "
                    + after);
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    @Test
    void accountUpdatesOfAnAccountTheSessionDoesNotManageAreError321() {
        TwsSimulator simulator = start();
        try (PlainTwsClient client = connect(simulator, 200, 5)) {
            // TWS answers an unknown account code with 321 "Error validating request ... Invalid account code" (seen in
            // public client logs); the simulator sends it with id -1, and no data.
            client.send(AccountUpdatesCodec.reqAccountUpdates(true, "DU999999"));
            SessionCodec.TwsError error = nextError(client, 200);
            assertEquals(TwsErrorCode.CANNOT_VALIDATE_REQUEST, error.code());
            assertEquals(TwsErrorCode.NO_REQUEST_ID, error.id());
            assertTrue(error.message().contains("Invalid account code"), error.message());
            assertTrue(decodedUntilCurrentTime(client, 200).isEmpty());
        } finally {
            simulator.stop().toCompletableFuture().join();
        }
    }

    // ================================================================== helpers

    private static TwsSimulator start() {
        return TwsSimulator.start(TEST_KIT.system(), SETTINGS).toCompletableFuture().join();
    }

    private static PlainTwsClient connect(TwsSimulator simulator, int sv, int clientId) {
        return OrderWire.ready(simulator.address(), sv, clientId).client;
    }

    /** Places a market buy of AAPL and returns its fill. */
    private static Execution buy(PlainTwsClient client, int orderId, int quantity) {
        client.send(OrderRequestCodec.placeOrder(200, orderId, AAPL, Order.market(OrderAction.BUY, quantity)));
        return ((OrderMessage.ExecutionReceived) next(client, 200, e -> e instanceof OrderMessage.ExecutionReceived))
                .execution();
    }

    private static List<AccountSummaryEvent.Row> summary(PlainTwsClient client, int sv, int reqId) {
        List<AccountSummaryEvent.Row> rows = new ArrayList<>();
        for (Object e : until(client, sv, x -> x instanceof AccountSummaryEvent.End)) {
            if (e instanceof AccountSummaryEvent.Row row) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** @return the decoded account and execution events up to the first that matches, other frames skipped */
    private static List<Object> until(PlainTwsClient client, int sv, Predicate<Object> last) {
        List<Object> read = new ArrayList<>();
        while (read.isEmpty() || !last.test(read.get(read.size() - 1))) {
            decode(client.readFields(), sv).ifPresent(read::add);
        }
        return read;
    }

    private static Object next(PlainTwsClient client, int sv, Predicate<Object> wanted) {
        List<Object> read = until(client, sv, wanted);
        return read.get(read.size() - 1);
    }

    /** @return what came with the next {@code count} pnl frames of request {@code clockReqId} (100 ms apart) */
    private static List<Object> pnlFrames(PlainTwsClient client, int sv, int clockReqId, int count) {
        List<Object> read = new ArrayList<>();
        int ticks = 0;
        while (ticks < count) {
            List<String> fields = client.readFields();
            if (fields.get(1).equals(String.valueOf(clockReqId)) && (fields.get(0).equals("94")
                    || fields.get(0).equals("95"))) {
                ticks++;
            }
            decode(fields, sv).ifPresent(read::add);
        }
        return read;
    }

    private static List<Object> decodedUntilCurrentTime(PlainTwsClient client, int sv) {
        List<Object> decoded = new ArrayList<>();
        for (List<String> fields : MarketDataWire.framesUntilCurrentTime(client)) {
            decode(fields, sv).filter(e -> !(e instanceof OrderMessage)).ifPresent(decoded::add);
        }
        return decoded;
    }

    private static SessionCodec.TwsError nextError(PlainTwsClient client, int sv) {
        List<String> fields = client.readUntil(IncomingMessageId.ERROR.code());
        byte[] frame = FieldWriter.frameOf(fields);
        return SessionCodec.decodeError(sv, new io.github.twssupervisor.wire.FieldReader(frame,
                WireLimits.LENGTH_PREFIX_BYTES, frame.length - WireLimits.LENGTH_PREFIX_BYTES).skipping(1));
    }

    /** @return the frame's event as the library's client decodes it, when it is an account or execution message */
    private static java.util.Optional<Object> decode(List<String> fields, int sv) {
        if (fields.get(0).equals(ERROR)) {
            return java.util.Optional.empty();
        }
        byte[] frame = FieldWriter.frameOf(fields);
        byte[] payload = java.util.Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);
        Routed routed = ROUTER.route(sv, payload);
        assertFalse(routed instanceof Routed.Failed, () -> "decodes: " + routed);
        return routed instanceof Routed.ToOwner owner && (owner.event() instanceof PositionEvent
                || owner.event() instanceof AccountSummaryEvent || owner.event() instanceof AccountUpdateEvent
                || owner.event() instanceof PnlEvent || owner.event() instanceof OrderMessage.ExecutionReceived)
                ? java.util.Optional.of(owner.event()) : java.util.Optional.empty();
    }
}
