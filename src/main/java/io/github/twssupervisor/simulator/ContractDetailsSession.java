package io.github.twssupervisor.simulator;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractDetails;
import io.github.twssupervisor.contracts.ContractDescription;
import io.github.twssupervisor.contracts.ContractDetailsCodec;
import io.github.twssupervisor.contracts.SecType;
import io.github.twssupervisor.contracts.SymbolSamplesCodec;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.TwsErrorCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers reqContractDetails (TWS-WIRE.md §5.9) and reqMatchingSymbols from the {@link InstrumentUniverse}, as TWS
 * does: one contractDetails per matching listing, then contractDetailsEnd; one symbolSamples with every listing whose
 * symbol starts with the pattern (ignoring case, at most 16), an empty one when none does.
 *
 * <pre>
 * by conId, or symbol + secType (+ currency, exchange, primaryExchange, expiry where given; SMART matches every
 * exchange)
 *   AAPL STK SMART USD            -> 1 row (conId 265598, APPLE INC), contractDetailsEnd
 *   MSFT STK, no currency and no listing exchange (exchange empty or SMART)
 *                                 -> 2 rows: MSFT NASDAQ/USD (272093) and MSFT IBIS/EUR (38708990, contract details
 *                                    only), contractDetailsEnd — the ambiguous request
 *   nothing matches               -> error 200 "No security definition has been found for the request" (request id)
 *   a contract that is not valid  -> error 321 naming the problem (request id)
 * </pre>
 *
 * Trading and liquid hours are those of the session's day in the listing's time zone ({@code yyyyMMdd:CLOSED} on
 * weekends). Stocks are reported on SMART with their listing as primary exchange, unless the request named another.
 */
final class ContractDetailsSession implements RequestHandler {

    private static final Set<OutgoingMessageId> REQUESTS = Set.of(OutgoingMessageId.REQ_CONTRACT_DETAILS,
            OutgoingMessageId.REQ_MATCHING_SYMBOLS);
    /** The most matches TWS returns for one reqMatchingSymbols (TWS API documentation, Stock Contract Search). */
    static final int MAX_SYMBOL_SAMPLES = 16;
    /** The derivative kinds a symbol search reports per security type of the underlying. */
    private static final Map<SecType, List<String>> DERIVATIVES = Map.of(SecType.STK, List.of("CFD", "OPT", "WAR"),
            SecType.FUT, List.of("FOP"), SecType.CASH, List.of("CFD"));
    private static final String SMART = "SMART";
    private static final String ORDER_TYPES = "ACTIVETIM,AD,ADJUST,ALERT,ALGO,DAY,GTC,IOC,LMT,MKT,STP,STPLMT,TRAIL";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** What the universe does not say about a listing. */
    private record Profile(String longName, String industry, String category, String subcategory, String isin,
                           String validExchanges, String stockType, String zone, String open, String close,
                           String liquidOpen, String liquidClose) {
    }

    private static final Map<Integer, Profile> PROFILES = Map.of(
            265598, stock("APPLE INC", "Technology", "Computers", "Computers", "US0378331005", "COMMON"),
            272093, stock("MICROSOFT CORP", "Technology", "Software", "Applications Software", "US5949181045",
                    "COMMON"),
            756733, stock("SPDR S&P 500 ETF TRUST", "", "", "", "US78462F1030", "ETF"),
            38708990, new Profile("MICROSOFT CORP", "Technology", "Software", "Applications Software", "US5949181045",
                    "SMART,IBIS,GETTEX", "COMMON", "MET", "0800", "2200", "0900", "1730"),
            12087792, new Profile("European Monetary Union Euro", "", "", "", "", "IDEALPRO", "", "US/Eastern",
                    "-1715", "1700", "-1715", "1700"),
            495512563, new Profile("E-mini S&P 500", "", "", "", "", "CME,QBALGO", "", "US/Central", "-1700", "1600",
                    "0830", "1600"));

    private final int serverVersion;
    private final Consumer<byte[]> out;
    private final Clock clock;

    ContractDetailsSession(ClientInfo client, Consumer<byte[]> out) {
        this(client.serverVersion(), out, Clock.systemUTC());
    }

    ContractDetailsSession(int serverVersion, Consumer<byte[]> out, Clock clock) {
        this.serverVersion = serverVersion;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Set<OutgoingMessageId> requests() {
        return REQUESTS;
    }

    @Override
    public void onRequest(OutgoingMessageId id, byte[] payload, FieldReader reader) {
        if (id == OutgoingMessageId.REQ_MATCHING_SYMBOLS) {
            SymbolSamplesCodec.MatchingSymbolsRequest request = SymbolSamplesCodec.decodeReqMatchingSymbols(reader);
            out.accept(SymbolSamplesCodec.symbolSamples(serverVersion, request.reqId(),
                    InstrumentUniverse.withSymbolPrefix(request.pattern(), MAX_SYMBOL_SAMPLES).stream()
                            .map(ContractDetailsSession::sample).toList()));
            return;
        }
        ContractDetailsCodec.ContractDetailsRequest request;
        try {
            request = ContractDetailsCodec.decodeReqContractDetails(serverVersion, reader);
        } catch (IllegalArgumentException e) { // an invalid contract; TWS names the problem with error 321
            error(new FieldReader(payload).skipping(2).readInt(), TwsErrorCode.CANNOT_VALIDATE_REQUEST,
                    "Error validating request: " + e.getMessage());
            return;
        }
        List<Instrument> matches = InstrumentUniverse.matching(request.contract());
        if (matches.isEmpty()) {
            error(request.reqId(), TwsErrorCode.NO_SECURITY_DEFINITION, SimulatorErrors.NO_SECURITY_DEFINITION);
            return;
        }
        for (Instrument instrument : matches) {
            out.accept(ContractDetailsCodec.contractDetails(serverVersion, request.reqId(),
                    describe(instrument, request.contract().exchange())));
        }
        out.accept(ContractDetailsCodec.contractDetailsEnd(request.reqId()));
    }

    /**
     * @param i         the listing
     * @param exchange  the exchange the request named, empty for none
     * @return the listing's details for today
     */
    ContractDetails describe(Instrument i, String exchange) {
        Profile p = PROFILES.get(i.conId());
        boolean stock = i.secType() == SecType.STK;
        String reported = !exchange.isEmpty() ? exchange.toUpperCase() : stock ? SMART : i.exchange();
        String tradingClass = i.secType() == SecType.CASH ? i.localSymbol() : i.secType() == SecType.FUT
                ? i.symbol() : stock && "NASDAQ".equals(i.exchange()) ? "NMS" : i.symbol();
        Contract contract = new Contract(i.conId(), i.symbol(), i.secType(), i.lastTradeDate(), 0, "", i.multiplier(),
                reported, stock ? i.exchange() : "", i.currency(), i.localSymbol(), tradingClass);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(p.zone())));
        boolean future = i.secType() == SecType.FUT;
        BigDecimal one = BigDecimal.ONE;
        Optional<BigDecimal> minSize = Optional.of(stock ? new BigDecimal("0.0001") : one);
        return new ContractDetails(contract, tradingClass, i.minTick().doubleValue(), ORDER_TYPES, p.validExchanges(),
                1, future ? 11004968 : 0, p.longName(), i.contractMonth(), p.industry(), p.category(),
                p.subcategory(), p.zone(), hours(today, p.open(), p.close()),
                hours(today, p.liquidOpen(), p.liquidClose()), "", 0,
                p.isin().isEmpty() ? Map.of() : Map.of("ISIN", p.isin()), 1, future ? i.symbol() : "",
                future ? "IND" : "", "26", future ? i.lastTradeDate() : "", future ? "08:30:00" : "",
                i.lastTradeDate(), p.stockType(), minSize, minSize, Optional.of(stock ? BigDecimal.valueOf(100) : one),
                Map.of(), Map.of());
    }

    /** @return how a symbol search describes the listing: its listing exchange as primary, its long name */
    private static ContractDescription sample(Instrument i) {
        Contract contract = new Contract(i.conId(), i.symbol(), i.secType(), "", 0, "", "", "", i.exchange(),
                i.currency(), "", "");
        return new ContractDescription(contract, DERIVATIVES.getOrDefault(i.secType(), List.of()),
                PROFILES.get(i.conId()).longName(), "");
    }

    /** One session: {@code day:open-day:close}; an open starting with '-' begins the evening before. */
    private static String hours(LocalDate day, String open, String close) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return DAY.format(day) + ":CLOSED";
        }
        LocalDate start = open.startsWith("-") ? day.minusDays(1) : day;
        return DAY.format(start) + ":" + open.replace("-", "") + "-" + DAY.format(day) + ":" + close;
    }

    private static Profile stock(String longName, String industry, String category, String subcategory, String isin,
                                 String stockType) {
        return new Profile(longName, industry, category, subcategory, isin, "SMART,NASDAQ,NYSE,ARCA,BATS,IEX",
                stockType, "US/Eastern", "0400", "2000", "0930", "1600");
    }

    private void error(int id, int code, String message) {
        out.accept(SimulatorErrors.frame(serverVersion, id, code, message));
    }
}
