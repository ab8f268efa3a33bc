package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.account.AccountSummaryCodec;
import io.github.twssupervisor.account.AccountSummaryEvent;
import io.github.twssupervisor.account.AccountUpdateEvent;
import io.github.twssupervisor.account.AccountUpdatesCodec;
import io.github.twssupervisor.account.PnlCodec;
import io.github.twssupervisor.account.PnlEvent;
import io.github.twssupervisor.account.PositionCodec;
import io.github.twssupervisor.account.PositionEvent;
import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractSeedFrames;
import io.github.twssupervisor.fuzz.Mutations.Labeled;
import io.github.twssupervisor.history.Bar;
import io.github.twssupervisor.history.HeadTimestampCodec;
import io.github.twssupervisor.history.HeadTimestampRequest;
import io.github.twssupervisor.history.HistoricalDataCodec;
import io.github.twssupervisor.history.HistoricalRequest;
import io.github.twssupervisor.marketdata.MarketDataCodec;
import io.github.twssupervisor.marketdata.MarketDataType;
import io.github.twssupervisor.marketdata.TickType;
import io.github.twssupervisor.orders.OrderSeedFrames;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.WireLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The well-formed payloads the fuzz campaign ({@link FuzzCampaign}) damages: the golden captures and the recorded real
 * frames of {@link FuzzSeeds}, and frames built by every codec's own encoders at every supported server version (the
 * frames the simulator sends, and those the client sends), so every decoder starts from its own valid layouts.
 */
final class CampaignSeeds {

    private static final Contract AAPL = Contract.stock("AAPL");

    private CampaignSeeds() {
    }

    /** Built once per JVM: the campaign's classes and the normal build's test share them. */
    private static final class Built {
        static final List<Labeled> SERVER = buildServer();
        static final List<Labeled> CLIENT = buildClient();
    }

    /** @return server-to-client payloads: recorded, golden, and encoded at every supported version */
    static List<Labeled> server() {
        return Built.SERVER;
    }

    /** @return client-to-server payloads: golden, and encoded at every supported version */
    static List<Labeled> client() {
        return Built.CLIENT;
    }

    private static List<Labeled> buildServer() {
        List<Labeled> seeds = new ArrayList<>();
        FuzzSeeds.serverSeeds().forEach(s -> seeds.add(new Labeled(s.label(), s.payload())));
        for (int v = ServerVersion.MIN_SUPPORTED; v <= ServerVersion.MAX_SUPPORTED; v++) {
            String label = "encoder v" + v;
            List<byte[]> frames = new ArrayList<>();
            frames.addAll(OrderSeedFrames.server(v, new Random(v)));
            frames.addAll(ContractSeedFrames.server(v));
            frames.addAll(payloads(
                    HistoricalDataCodec.historicalData(v, 42, "20261121 09:30:00", "20261121 11:00:00",
                            List.of(bar("20261121 09:30:00 US/Eastern"), bar("20261121 10:00:00 US/Eastern"))),
                    HistoricalDataCodec.historicalDataEnd(42, "20261121 09:30:00", "20261121 11:00:00"),
                    HistoricalDataCodec.historicalDataUpdate(42, bar("1775000000")),
                    HeadTimestampCodec.headTimestamp(31, Instant.parse("2004-01-23T14:30:00Z"), 1),
                    HeadTimestampCodec.headTimestamp(32, Instant.parse("2004-01-23T14:30:00Z"), 2),
                    SessionCodec.error(v, new SessionCodec.TwsError(1001, 200, "No security definition", "",
                            OptionalLong.of(1_775_425_766_350L))),
                    SessionCodec.error(v, new SessionCodec.TwsError(-1, 2104, "Market data farm connection is OK",
                            "", OptionalLong.empty()))));
            frames.forEach(p -> seeds.add(new Labeled(label, p)));
        }
        payloads(MarketDataCodec.tickPrice(1001, TickType.BID, 150.25, new BigDecimal("300"), 1),
                MarketDataCodec.tickSize(1001, TickType.VOLUME, new BigDecimal("312894.5")),
                MarketDataCodec.tickGeneric(1001, TickType.HALTED, 0),
                MarketDataCodec.tickString(1001, TickType.LAST_TIMESTAMP, "1775174157"),
                MarketDataCodec.tickReqParams(1001, 0.01, "9c0001", 4),
                MarketDataCodec.marketDataType(1001, MarketDataType.DELAYED), MarketDataCodec.tickSnapshotEnd(1001),
                AccountUpdatesCodec.accountValue(new AccountUpdateEvent.Value("NetLiquidation", "246447.83", "USD",
                        "DU9000001")),
                AccountUpdatesCodec.portfolioValue(new AccountUpdateEvent.Portfolio(AAPL, new BigDecimal("-110"),
                        201.5, -22165.0, 201.88, 41.9, 0.0, "DU9000001")),
                AccountUpdatesCodec.accountUpdateTime("15:27"), AccountUpdatesCodec.accountDownloadEnd("DU9000001"),
                PnlCodec.pnl(7, new PnlEvent.Pnl(-12.5, 301.25, Double.MAX_VALUE)),
                PnlCodec.pnlSingle(8, new PnlEvent.Single(new BigDecimal("100"), 1.5, 2.5, 0, 25_795.0)),
                AccountSummaryCodec.accountSummary(9000, new AccountSummaryEvent.Row("DU9000001", "BuyingPower",
                        "300000.00", "USD")),
                AccountSummaryCodec.accountSummaryEnd(9000),
                PositionCodec.position(new PositionEvent.Position("DU9000001", AAPL, new BigDecimal("10"), 201.88)),
                PositionCodec.positionEnd(), SessionCodec.nextValidId(9000),
                SessionCodec.managedAccounts(List.of("DU9000001", "DU9000002")), SessionCodec.currentTime(1781163646))
                .forEach(p -> seeds.add(new Labeled("encoder", p)));
        return List.copyOf(seeds);
    }

    private static List<Labeled> buildClient() {
        List<Labeled> seeds = new ArrayList<>();
        FuzzSeeds.clientPayloads().forEach(p -> seeds.add(new Labeled("golden client frame", p)));
        HistoricalRequest bars = new HistoricalRequest(AAPL, "", "1 D", "30 mins", "TRADES", true, 1, false);
        HistoricalRequest live = new HistoricalRequest(AAPL, "", "2 D", "1 hour", "MIDPOINT", false, 2, true);
        for (int v = ServerVersion.MIN_SUPPORTED; v <= ServerVersion.MAX_SUPPORTED; v++) {
            List<byte[]> frames = new ArrayList<>(OrderSeedFrames.client(v, new Random(v)));
            frames.addAll(ContractSeedFrames.client(v));
            frames.addAll(payloads(MarketDataCodec.reqMktData(v, 1001, AAPL, "100,101,233", false, false),
                    MarketDataCodec.reqMktData(v, 1002, Contract.forex("EUR", "USD"), "", true, false),
                    HistoricalDataCodec.reqHistoricalData(v, 42, bars),
                    HistoricalDataCodec.reqHistoricalData(v, 43, live)));
            String label = "encoder v" + v;
            frames.forEach(p -> seeds.add(new Labeled(label, p)));
        }
        payloads(MarketDataCodec.cancelMktData(1001), MarketDataCodec.reqMarketDataType(MarketDataType.FROZEN),
                SessionCodec.startApi(3, ""), SessionCodec.startApi(4, "+PACEAPI"), SessionCodec.reqIds(1),
                HistoricalDataCodec.cancelHistoricalData(42),
                HeadTimestampCodec.reqHeadTimestamp(31, new HeadTimestampRequest(AAPL, "TRADES", true)),
                HeadTimestampCodec.cancelHeadTimestamp(31), AccountSummaryCodec.reqAccountSummary(9000, "All",
                        "NetLiquidation,BuyingPower"), AccountSummaryCodec.cancelAccountSummary(9000),
                PositionCodec.reqPositions(), PositionCodec.cancelPositions(),
                AccountUpdatesCodec.reqAccountUpdates(true, "DU111111"), PnlCodec.reqPnL(1, "DU111111", ""),
                PnlCodec.reqPnLSingle(2, "DU111111", "", 265598), PnlCodec.cancelPnL(1), PnlCodec.cancelPnLSingle(2))
                .forEach(p -> seeds.add(new Labeled("encoder", p)));
        return List.copyOf(seeds);
    }

    /** @return version frames the client's handshake reads: recorded, and encoded at every supported version */
    static List<Labeled> serverHellos() {
        List<Labeled> seeds = new ArrayList<>();
        for (FuzzSeeds.ServerSeed seed : FuzzSeeds.serverSeeds()) {
            if (Handshake.ServerHello.matches(seed.payload())) {
                seeds.add(new Labeled(seed.label(), seed.payload()));
            }
        }
        for (int v = ServerVersion.MIN_SUPPORTED; v <= ServerVersion.MAX_SUPPORTED; v++) {
            seeds.add(new Labeled("encoder v" + v, payloads(Handshake.serverHelloFrame(
                    new Handshake.ServerHello(v, "20260405 17:00:00 US/Eastern"))).get(0)));
        }
        return List.copyOf(seeds);
    }

    /** @return version offers the simulator's handshake reads: the golden ones */
    static List<Labeled> versionOffers() {
        List<Labeled> seeds = new ArrayList<>();
        FuzzSeeds.handshakePayloads().forEach(p -> seeds.add(new Labeled(
                "golden '" + new String(p, StandardCharsets.ISO_8859_1) + "'", p)));
        return List.copyOf(seeds);
    }

    /**
     * @param payload a payload
     * @return its first field, the message id as text ("" if it has none)
     */
    static String idField(byte[] payload) {
        List<String> fields = Frames.fields(payload);
        return fields.isEmpty() ? "" : fields.get(0);
    }

    private static Bar bar(String time) {
        return new Bar(time, 150, 151.25, 149.5, 150.75, new BigDecimal("100000"), new BigDecimal("150.3"), 420);
    }

    private static List<byte[]> payloads(byte[]... frames) {
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] frame : frames) {
            payloads.add(Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length));
        }
        return payloads;
    }
}
