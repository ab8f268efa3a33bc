package io.github.twssupervisor.account;

import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Both directions of the account summary messages (TWS-WIRE.md §5.7), routed by request id. The layout is the same
 * for every server version from 176 to 200.
 *
 * <pre>
 * OUT reqAccountSummary    62|1|reqId|group|tags|      e.g. 62|1|9001|All|NetLiquidation,TotalCashValue|
 * OUT cancelAccountSummary 63|1|reqId|
 * IN  accountSummary       63|1|reqId|account|tag|value|currency|
 * IN  accountSummaryEnd    64|1|reqId|
 * </pre>
 *
 * The official client and @stoqey/ib write the requests alike.
 */
public final class AccountSummaryCodec implements DomainDecoder {

    /** The group that names every account. */
    public static final String ALL = "All";

    private static final int VERSION_1 = 1;
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.ACCOUNT_SUMMARY,
            IncomingMessageId.ACCOUNT_SUMMARY_END);

    /**
     * A reqAccountSummary as the simulator reads it.
     *
     * @param reqId the request id
     * @param group {@code All} or an advisor group
     * @param tags  the tags, comma-separated as sent
     */
    public record SummaryRequest(int reqId, String group, String tags) {
    }

    // ------------------------------------------------------------------ client: requests out

    /**
     * @param reqId the request id
     * @param group {@link #ALL} or an advisor group
     * @param tags  comma-separated tags, e.g. {@code NetLiquidation,TotalCashValue} or {@code $LEDGER}
     * @return reqAccountSummary (OUT 62) as a complete frame, byte for byte as the official client writes it
     */
    public static byte[] reqAccountSummary(int reqId, String group, String tags) {
        return request(OutgoingMessageId.REQ_ACCOUNT_SUMMARY).writeInt(reqId).writeString(group).writeString(tags)
                .toFrame();
    }

    /**
     * @param reqId the subscription to end
     * @return cancelAccountSummary (OUT 63) as a complete frame
     */
    public static byte[] cancelAccountSummary(int reqId) {
        return request(OutgoingMessageId.CANCEL_ACCOUNT_SUMMARY).writeInt(reqId).toFrame();
    }

    private static FieldWriter request(OutgoingMessageId id) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code()).writeInt(VERSION_1);
    }

    // ------------------------------------------------------------------ client: answers in

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws io.github.twssupervisor.wire.WireFormatException for a truncated frame or a request id that is not a
     *     number
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        reader.skip(); // version
        int reqId = reader.readInt();
        switch (id) {
            case ACCOUNT_SUMMARY:
                return new Addressed(reqId, new AccountSummaryEvent.Row(reader.readString(), reader.readString(),
                        reader.readString(), reader.readString()));
            case ACCOUNT_SUMMARY_END:
                return new Addressed(reqId, new AccountSummaryEvent.End());
            default:
                throw new IllegalArgumentException("not an account summary message: " + id);
        }
    }

    // ------------------------------------------------------------------ simulator: requests in

    /**
     * @param reader positioned after the message id of a reqAccountSummary
     * @return the request
     * @throws io.github.twssupervisor.wire.WireFormatException for a missing or unreadable field
     */
    public static SummaryRequest decodeReqAccountSummary(FieldReader reader) {
        reader.skip(); // version 1
        return new SummaryRequest(reader.readInt(), reader.readString(), reader.readString());
    }

    /**
     * @param reader positioned after the message id of a cancelAccountSummary
     * @return the request id to cancel
     * @throws io.github.twssupervisor.wire.WireFormatException for a missing or unreadable field
     */
    public static int decodeCancelAccountSummary(FieldReader reader) {
        reader.skip(); // version 1
        return reader.readInt();
    }

    // ------------------------------------------------------------------ simulator: answers out

    /**
     * @param reqId the request id
     * @param row   the value
     * @return accountSummary (IN 63) as a complete frame
     */
    public static byte[] accountSummary(int reqId, AccountSummaryEvent.Row row) {
        return event(IncomingMessageId.ACCOUNT_SUMMARY).writeInt(reqId).writeString(row.account())
                .writeString(row.tag()).writeString(row.value()).writeString(row.currency()).toFrame();
    }

    /**
     * @param reqId the request id
     * @return accountSummaryEnd (IN 64) as a complete frame
     */
    public static byte[] accountSummaryEnd(int reqId) {
        return event(IncomingMessageId.ACCOUNT_SUMMARY_END).writeInt(reqId).toFrame();
    }

    private static FieldWriter event(IncomingMessageId id) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code()).writeInt(VERSION_1);
    }
}
