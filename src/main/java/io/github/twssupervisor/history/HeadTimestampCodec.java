package io.github.twssupervisor.history;

import io.github.twssupervisor.contracts.Contract;
import io.github.twssupervisor.contracts.ContractCodec;
import io.github.twssupervisor.dispatch.DomainDecoder;
import io.github.twssupervisor.wire.DoubleStyle;
import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.OutgoingMessageId;
import io.github.twssupervisor.wire.WireFormatException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * Both directions of the head-timestamp messages, laid out as the official clients write and read them (no version
 * field in any of them):
 *
 * <pre>
 * OUT reqHeadTimestamp    87|reqId|contract(12, with primaryExchange)|includeExpired|useRTH|whatToShow|formatDate|
 *                         e.g. 87|4002|0|AAPL|STK||0.0|||SMART||USD|||0|1|TRADES|2|
 * OUT cancelHeadTimestamp 90|reqId|
 * IN  headTimestamp       88|reqId|headTimestamp|     formatDate 2: epoch seconds; 1: yyyyMMdd-HH:mm:ss (UTC)
 * </pre>
 *
 * The client always asks for formatDate 2 (epoch seconds), and reads both forms.
 */
public final class HeadTimestampCodec implements DomainDecoder {

    /** The formatDate the client asks for: epoch seconds. */
    static final int EPOCH_SECONDS = 2;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss");
    private static final Set<IncomingMessageId> MESSAGES = EnumSet.of(IncomingMessageId.HEAD_TIMESTAMP);

    /**
     * A reqHeadTimestamp as the simulator reads it.
     *
     * @param reqId      the request id
     * @param request    what it asks for
     * @param formatDate how the answer is to be written
     */
    public record HeadTimestampQuery(int reqId, HeadTimestampRequest request, int formatDate) {
    }

    /**
     * @param reqId the request id
     * @param r     what to ask for
     * @return reqHeadTimestamp (OUT 87) as a complete frame, expired contracts not included, formatDate 2
     */
    public static byte[] reqHeadTimestamp(int reqId, HeadTimestampRequest r) {
        FieldWriter w = new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.REQ_HEAD_TIMESTAMP.code())
                .writeInt(reqId);
        ContractCodec.write(w, r.contract());
        return w.writeBool(false) // includeExpired
                .writeBool(r.useRth()).writeString(r.whatToShow()).writeInt(EPOCH_SECONDS).toFrame();
    }

    /**
     * @param reqId the request to cancel
     * @return cancelHeadTimestamp (OUT 90) as a complete frame
     */
    public static byte[] cancelHeadTimestamp(int reqId) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(OutgoingMessageId.CANCEL_HEAD_TIMESTAMP.code())
                .writeInt(reqId).toFrame();
    }

    @Override
    public Set<IncomingMessageId> messages() {
        return MESSAGES;
    }

    /**
     * @throws WireFormatException for a truncated frame or a time in neither form
     */
    @Override
    public Addressed decode(int serverVersion, IncomingMessageId id, FieldReader reader) {
        int reqId = reader.readInt();
        int index = reader.fieldIndex();
        String text = reader.readString();
        try {
            return new Addressed(reqId, new HeadTimestamp(parse(text)));
        } catch (DateTimeException | NumberFormatException e) {
            throw new WireFormatException("field " + index + ": head timestamp '" + Frames.abbreviate(text)
                    + "' is neither epoch "
                    + "seconds nor yyyyMMdd-HH:mm:ss");
        }
    }

    /**
     * @param text epoch seconds, or {@code yyyyMMdd-HH:mm:ss} in UTC
     * @return the time
     */
    static Instant parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return LocalDateTime.parse(text, UTC).toInstant(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ simulator

    /**
     * @param reader positioned after the message id of a reqHeadTimestamp
     * @return the request
     * @throws WireFormatException for an unreadable or missing field
     * @throws IllegalArgumentException for an invalid contract or kind of data (TWS: error 321)
     */
    public static HeadTimestampQuery decodeReqHeadTimestamp(FieldReader reader) {
        int reqId = reader.readInt();
        Contract contract = ContractCodec.read(reader);
        reader.readBool(); // includeExpired
        boolean useRth = reader.readBool();
        String whatToShow = reader.readString();
        int formatDate = reader.readInt();
        return new HeadTimestampQuery(reqId, new HeadTimestampRequest(contract, whatToShow, useRth), formatDate);
    }

    /**
     * @param reader positioned after the message id of a cancelHeadTimestamp
     * @return the request id to cancel
     */
    public static int decodeCancelHeadTimestamp(FieldReader reader) {
        return reader.readInt();
    }

    /**
     * @param reqId      the request id
     * @param earliest   the earliest data point
     * @param formatDate 2 for epoch seconds, else {@code yyyyMMdd-HH:mm:ss} in UTC
     * @return headTimestamp (IN 88) as a complete frame
     */
    public static byte[] headTimestamp(int reqId, Instant earliest, int formatDate) {
        String text = formatDate == EPOCH_SECONDS ? Long.toString(earliest.getEpochSecond())
                : UTC.format(earliest.atOffset(ZoneOffset.UTC));
        return new FieldWriter(DoubleStyle.JAVA).writeInt(IncomingMessageId.HEAD_TIMESTAMP.code()).writeInt(reqId)
                .writeString(text).toFrame();
    }
}
