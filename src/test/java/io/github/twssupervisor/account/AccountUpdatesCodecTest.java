package io.github.twssupervisor.account;

import static io.github.twssupervisor.account.AccountFrames.decodeAll;
import static io.github.twssupervisor.account.AccountFrames.failure;
import static io.github.twssupervisor.account.AccountFrames.reader;
import static io.github.twssupervisor.account.AccountFrames.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.account.AccountUpdatesCodec.UpdatesRequest;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.dispatch.DomainDecoder.Addressed;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * reqAccountUpdates and its answers. No capture holds them: the layouts are the official Python client's
 * ({@code client.py} reqAccountUpdates: version 2, subscribe as 0/1, acctCode; {@code decoder.py}
 * processAcctValueMsg, processPortfolioValueMsg at version 8, processAcctUpdateTimeMsg, processAcctDownloadEndMsg),
 * read, not copied. The four answers are routed by message kind. An unset P&amp;L reads as NaN (the choice of
 * {@link PnlEvent}).
 */
class AccountUpdatesCodecTest {

    private static final Contract AAPL_PORTFOLIO = new Contract(265598, "AAPL", SecType.STK, "", 0, "", "", "",
            "NASDAQ", "USD", "AAPL", "NMS");

    @Test
    void theRequestIsTheOfficialClientsLayout() {
        assertEquals("6|2|1|DU123456|", text(AccountUpdatesCodec.reqAccountUpdates(true, "DU123456")));
        assertEquals("6|2|0|DU123456|", text(AccountUpdatesCodec.reqAccountUpdates(false, "DU123456")));
    }

    @Test
    void theSimulatorReadsZeroOneTrueFalseAndRefusesOtherFlags() {
        assertEquals(new UpdatesRequest(true, "DU1"), AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|2|1|DU1|")));
        assertEquals(new UpdatesRequest(false, "DU1"),
                AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|2|0|DU1|")));
        assertEquals(new UpdatesRequest(true, "DU1"),
                AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|2|true|DU1|")));
        assertEquals(new UpdatesRequest(false, ""), AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|2|false|")));
        assertThrows(WireFormatException.class, () -> AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|2|yes|")));
        assertThrows(WireFormatException.class, () -> AccountUpdatesCodec.decodeReqAccountUpdates(reader("6|")));
    }

    @Test
    void theAnswersDecodeByKindWithTheirValues() {
        assertEquals(new Addressed(RouteKey.kind(IncomingMessageId.ACCOUNT_VALUE), new AccountUpdateEvent.Value(
                "NetLiquidation", "246447.83", "USD", "DU1")), decodeAll(200, "6|2|NetLiquidation|246447.83|USD|DU1|"));
        Addressed portfolio = decodeAll(200, "7|8|265598|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|-110|201.5|-22165.0|"
                + "201.8829709|42.12|1.7976931348623157E308|DU1|");
        assertEquals(RouteKey.kind(IncomingMessageId.PORTFOLIO_VALUE), portfolio.key());
        AccountUpdateEvent.Portfolio p = assertInstanceOf(AccountUpdateEvent.Portfolio.class, portfolio.event());
        assertEquals(AAPL_PORTFOLIO, p.contract());
        assertEquals(new BigDecimal("-110"), p.position());
        assertEquals(201.5, p.marketPrice());
        assertEquals(-22165.0, p.marketValue());
        assertEquals(201.8829709, p.averageCost());
        assertEquals(42.12, p.unrealizedPnl());
        assertTrue(Double.isNaN(p.realizedPnl()), "max-double is unset");
        assertEquals("DU1", p.account());
        assertTrue(Double.isNaN(((AccountUpdateEvent.Portfolio) decodeAll(176, "7|8|265598|AAPL|STK||0.0|||NASDAQ|USD|"
                + "AAPL|NMS|1|2|2|2|1.7976931348623157e+308||DU1|").event()).unrealizedPnl()), "Python spelling");
        assertEquals(new Addressed(RouteKey.kind(IncomingMessageId.ACCOUNT_UPDATE_TIME),
                new AccountUpdateEvent.UpdateTime("15:27")), decodeAll(200, "8|1|15:27|"));
        assertEquals(new Addressed(RouteKey.kind(IncomingMessageId.ACCOUNT_DOWNLOAD_END),
                new AccountUpdateEvent.DownloadEnd("DU1")), decodeAll(200, "54|1|DU1|"));
    }

    @Test
    void roundTripsThroughTheSimulatorsEncoderNanAsTheSentinel() {
        AccountUpdateEvent.Portfolio p = new AccountUpdateEvent.Portfolio(AAPL_PORTFOLIO, new BigDecimal("100"),
                150.25, 15025.0, 148.5, 175.0, Double.NaN, "DU1");
        byte[] frame = AccountUpdatesCodec.portfolioValue(p);
        assertTrue(text(frame).contains("|175.0|1.7976931348623157E308|DU1|"), text(frame));
        assertEquals(p, decodeAll(200, AccountFrames.payloadOf(frame)).event());
        AccountUpdateEvent.Value v = new AccountUpdateEvent.Value("AccountCode", "DU1", "", "DU1");
        assertEquals(v, decodeAll(200, AccountFrames.payloadOf(AccountUpdatesCodec.accountValue(v))).event());
        assertEquals("8|1|09:30|", text(AccountUpdatesCodec.accountUpdateTime("09:30")));
        assertEquals("54|1|DU1|", text(AccountUpdatesCodec.accountDownloadEnd("DU1")));
    }

    @Test
    void malformedFramesAreDecodeFailuresAndExtraFieldsAreIgnored() {
        AccountFrames.everyTruncationFails(200, AccountUpdatesCodec.portfolioValue(new AccountUpdateEvent.Portfolio(
                AAPL_PORTFOLIO, BigDecimal.ONE, 1, 1, 1, 0, 0, "DU1")));
        AccountFrames.everyTruncationFails(200, AccountUpdatesCodec.accountValue(new AccountUpdateEvent.Value("k",
                "v", "USD", "DU1")));
        failure(200, "7|8|265598|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|1|x|2|2|2|2|DU1|");
        failure(200, "8|");
        failure(200, "54|1|");
        assertEquals(new AccountUpdateEvent.Value("k", "v", "USD", "DU1"),
                ((io.github.twssupervisor.dispatch.Routed.ToOwner) AccountFrames.ROUTER.route(200,
                        AccountFrames.payload("6|2|k|v|USD|DU1|more|"))).event());
    }
}
