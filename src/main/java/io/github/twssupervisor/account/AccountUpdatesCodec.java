package io.github.twssupervisor.account;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.dispatch.RouteKey;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Both directions of reqAccountUpdates and its four answers. The answers carry no request id: the decoder addresses
 * them by message kind ({@link RouteKey#kind}). Layouts from the official clients (Python {@code client.py}
 * reqAccountUpdates, {@code decoder.py} processAcctValueMsg, processPortfolioValueMsg, processAcctUpdateTimeMsg,
 * processAcctDownloadEndMsg), the same for every server version from 176 to 200:
 *
 * <pre>
 * OUT reqAccountUpdates  6|2|subscribe(0/1)|acctCode|
 * IN  accountValue       6|2|key|value|currency|account|
 * IN  portfolioValue     7|8|conId|symbol|secType|lastTradeDateOrContractMonth|strike|right|multiplier|
 *                        primaryExchange|currency|localSymbol|tradingClass|position(dec)|marketPrice|marketValue|
 *                        averageCost|unrealizedPNL|realizedPNL|account|
 * IN  accountUpdateTime  8|1|HH:mm|
 * IN  accountDownloadEnd 54|1|account|
 * </pre>
 *
 * An unset P&amp;L (max-double, either spelling, or empty) decodes as {@link Double#NaN}, as {@link PnlEvent} says.
 * The simulator reads subscribe as {@code 0}/{@code 1} (both clients) and also {@code true}/{@code false}.
 */
public final class AccountUpdatesCodec implements DomainDecoder {

    private static final int REQUEST_VERSION = 2;
    private static final int VALUE_VERSION = 2;
    private static final int PORTFOLIO_VERSION = 8;
    private static final int VERSION_1 = 1;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.ACCOUNT_VALUE,
            IncomingMessageId.PORTFOLIO_VALUE, IncomingMessageId.ACCOUNT_UPDATE_TIME,
            IncomingMessageId.ACCOUNT_DOWNLOAD_END);

    /**
     * A reqAccountUpdates as the simulator reads it.
     *
     * @param subscribe true to start, false to stop
     * @param account   the account
     */
    public record UpdatesRequest(boolean subscribe, String account) {
    }

    // ------------------------------------------------------------------ client: request out

    /**
     * @param subscribe true to start (replacing any other account's subscription), false to stop
     * @param account   the account id
     * @return reqAccountUpdates (OUT 6) as a complete frame, byte for byte as the official client writes it
     */
    public static byte[] reqAccountUpdates(boolean subscribe, String account) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.REQ_ACCOUNT_UPDATES.code())
                .writeInt(REQUEST_VERSION).writeBool(subscribe).writeString(account).toFrame();
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws WireFormatException for a truncated frame, an unreadable number or a contract {@link Contract} refuses
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        reader.skip(); // version
        RouteKey key = RouteKey.kind(id);
        switch (id) {
            case ACCOUNT_VALUE:
                return new Addressed(key, new AccountUpdateEvent.Value(reader.readString(), reader.readString(),
                        reader.readString(), reader.readString()));
            case PORTFOLIO_VALUE: {
                Contract reported = ContractCodec.readReported(reader); // the exchange slot is the primary exchange
                Contract contract = new Contract(reported.conId(), reported.symbol(), reported.secType(),
                        reported.lastTradeDateOrContractMonth(), reported.strike(), reported.right(),
                        reported.multiplier(), "", reported.exchange(), reported.currency(), reported.localSymbol(),
                        reported.tradingClass());
                BigDecimal position = reader.readDecimal().orElse(BigDecimal.ZERO);
                double marketPrice = unsetAsNaN(reader);
                double marketValue = unsetAsNaN(reader);
                double averageCost = unsetAsNaN(reader);
                double unrealized = unsetAsNaN(reader);
                double realized = unsetAsNaN(reader);
                return new Addressed(key, new AccountUpdateEvent.Portfolio(contract, position, marketPrice,
                        marketValue, averageCost, unrealized, realized, reader.readString()));
            }
            case ACCOUNT_UPDATE_TIME:
                return new Addressed(key, new AccountUpdateEvent.UpdateTime(reader.readString()));
            case ACCOUNT_DOWNLOAD_END:
                return new Addressed(key, new AccountUpdateEvent.DownloadEnd(reader.readString()));
            default:
                throw new IllegalArgumentException("not an account update message: " + id);
        }
    }

    /** @return the next double; the max-double sentinel (either spelling) and an empty field are NaN */
    static double unsetAsNaN(FieldReader reader) {
        double value = reader.readDoubleOrUnset();
        return value == Double.MAX_VALUE ? Double.NaN : value;
    }

    /** Writes a double; NaN goes out as TWS's max-double sentinel. */
    static FieldWriter writeOrUnset(FieldWriter writer, double value) {
        return writer.writeDouble(Double.isNaN(value) ? Double.MAX_VALUE : value);
    }

    // ------------------------------------------------------------------ simulator: request in

    /**
     * @param reader positioned after the message id of a reqAccountUpdates
     * @return the request
     * @throws WireFormatException for a missing field or a subscribe flag that is not 0, 1, true or false
     */
    public static UpdatesRequest decodeReqAccountUpdates(FieldReader reader) {
        reader.skip(); // version 2
        int index = reader.fieldIndex();
        String flag = reader.readString().trim();
        boolean subscribe;
        if (flag.equals("1") || flag.equalsIgnoreCase("true")) {
            subscribe = true;
        } else if (flag.equals("0") || flag.isEmpty() || flag.equalsIgnoreCase("false")) {
            subscribe = false;
        } else {
            throw new WireFormatException("field " + index + ": subscribe flag '" + Frames.abbreviate(flag)
                    + "' is not 0 or 1");
        }
        return new UpdatesRequest(subscribe, reader.hasMore() ? reader.readString() : "");
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param v the value
     * @return accountValue (IN 6) as a complete frame
     */
    public static byte[] accountValue(AccountUpdateEvent.Value v) {
        return event(IncomingMessageId.ACCOUNT_VALUE, VALUE_VERSION).writeString(v.key()).writeString(v.value())
                .writeString(v.currency()).writeString(v.account()).toFrame();
    }

    /**
     * @param p the item; the contract's primary exchange (or, when it has none, its exchange) fills the
     *          primaryExchange slot; NaN P&amp;L goes out as the max-double sentinel
     * @return portfolioValue (IN 7, version 8) as a complete frame
     */
    public static byte[] portfolioValue(AccountUpdateEvent.Portfolio p) {
        Contract c = p.contract();
        String primary = c.primaryExchange().isEmpty() ? c.exchange() : c.primaryExchange();
        FieldWriter w = event(IncomingMessageId.PORTFOLIO_VALUE, PORTFOLIO_VERSION);
        ContractCodec.writeReported(w, new Contract(c.conId(), c.symbol(), c.secType(),
                c.lastTradeDateOrContractMonth(), c.strike(), c.right(), c.multiplier(), primary, "", c.currency(),
                c.localSymbol(), c.tradingClass()), "");
        w.writeDecimal(p.position());
        writeOrUnset(w, p.marketPrice());
        writeOrUnset(w, p.marketValue());
        writeOrUnset(w, p.averageCost());
        writeOrUnset(w, p.unrealizedPnl());
        writeOrUnset(w, p.realizedPnl());
        return w.writeString(p.account()).toFrame();
    }

    /**
     * @param time {@code HH:mm}
     * @return accountUpdateTime (IN 8) as a complete frame
     */
    public static byte[] accountUpdateTime(String time) {
        return event(IncomingMessageId.ACCOUNT_UPDATE_TIME, VERSION_1).writeString(time).toFrame();
    }

    /**
     * @param account the account id
     * @return accountDownloadEnd (IN 54) as a complete frame
     */
    public static byte[] accountDownloadEnd(String account) {
        return event(IncomingMessageId.ACCOUNT_DOWNLOAD_END, VERSION_1).writeString(account).toFrame();
    }

    private static FieldWriter event(IncomingMessageId id, int version) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code()).writeInt(version);
    }
}
