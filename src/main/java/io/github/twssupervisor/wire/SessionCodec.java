package io.github.twssupervisor.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Both directions of the session-level messages that every connection uses, whatever domains it serves
 * (TWS-WIRE.md §2.3, §5.1–§5.4): startApi, reqCurrentTime, reqIds, reqManagedAccts and their answers, and the error
 * message that carries notices. The client encodes requests and decodes events; the simulator does the reverse.
 *
 * <pre>
 * OUT startApi         71|2|clientId|optionalCapabilities|
 * OUT reqCurrentTime   49|1|                     IN currentTime     49|1|unixSeconds|
 * OUT reqIds           8|1|numIds|               IN nextValidId     9|1|orderId|
 * OUT reqManagedAccts  17|1|                     IN managedAccounts 15|1|acct1,acct2|
 * IN  error  sv 166..193: 4|2|id|code|message|advancedOrderRejectJson|
 *            sv >= 194:   4|id|code|message|advancedOrderRejectJson|errorTimeMillis|
 * </pre>
 */
public final class SessionCodec {

    private SessionCodec() {
    }

    /** startApi's legacy version field. */
    private static final int START_API_VERSION = 2;
    /** The legacy version of the other session messages. */
    private static final int VERSION_1 = 1;
    /** error's legacy version field before {@link ServerVersion#ERROR_TIME}. */
    private static final int ERROR_VERSION = 2;

    /**
     * startApi (OUT 71).
     *
     * @param clientId             the API client id
     * @param optionalCapabilities normally empty
     * @return a complete frame
     */
    public static byte[] startApi(int clientId, String optionalCapabilities) {
        return request(OutgoingMessageId.START_API).writeInt(START_API_VERSION).writeInt(clientId)
                .writeString(optionalCapabilities).toFrame();
    }

    /** @return reqCurrentTime (OUT 49) as a complete frame */
    public static byte[] reqCurrentTime() {
        return request(OutgoingMessageId.REQ_CURRENT_TIME).writeInt(VERSION_1).toFrame();
    }

    /**
     * reqIds (OUT 8); TWS answers with one nextValidId whatever the count.
     *
     * @param numIds the number of ids asked for
     * @return a complete frame
     */
    public static byte[] reqIds(int numIds) {
        return request(OutgoingMessageId.REQ_IDS).writeInt(VERSION_1).writeInt(numIds).toFrame();
    }

    /** @return reqManagedAccts (OUT 17) as a complete frame */
    public static byte[] reqManagedAccts() {
        return request(OutgoingMessageId.REQ_MANAGED_ACCTS).writeInt(VERSION_1).toFrame();
    }

    /**
     * The fields of startApi after the message id, as the simulator reads them.
     *
     * @param reader positioned after the message id
     * @return the request
     */
    public static StartApi decodeStartApi(FieldReader reader) {
        reader.skip();
        int clientId = reader.readInt();
        String capabilities = reader.hasMore() ? reader.readString() : "";
        return new StartApi(clientId, capabilities);
    }

    /**
     * @param reader positioned after the message id of a reqIds
     * @return the number of ids asked for
     */
    public static int decodeReqIds(FieldReader reader) {
        reader.skip();
        return reader.readInt();
    }

    /**
     * @param orderId the next valid order id
     * @return nextValidId (IN 9) as a complete frame
     */
    public static byte[] nextValidId(int orderId) {
        return event(IncomingMessageId.NEXT_VALID_ID).writeInt(VERSION_1).writeInt(orderId).toFrame();
    }

    /**
     * @param accounts the account codes
     * @return managedAccounts (IN 15) as a complete frame
     */
    public static byte[] managedAccounts(List<String> accounts) {
        return event(IncomingMessageId.MANAGED_ACCOUNTS).writeInt(VERSION_1).writeString(String.join(",", accounts))
                .toFrame();
    }

    /**
     * @param epochSeconds the server's clock
     * @return currentTime (IN 49) as a complete frame
     */
    public static byte[] currentTime(long epochSeconds) {
        return event(IncomingMessageId.CURRENT_TIME).writeInt(VERSION_1).writeLong(epochSeconds).toFrame();
    }

    /**
     * The error message in the layout of the negotiated version.
     *
     * @param serverVersion the negotiated version
     * @param error         the error; its time is written only from {@link ServerVersion#ERROR_TIME} on
     * @return error (IN 4) as a complete frame
     */
    public static byte[] error(int serverVersion, TwsError error) {
        FieldWriter writer = event(IncomingMessageId.ERROR);
        if (serverVersion < ServerVersion.ERROR_TIME) {
            writer.writeInt(ERROR_VERSION);
        }
        writer.writeInt(error.id()).writeInt(error.code()).writeString(error.message())
                .writeString(error.advancedOrderRejectJson());
        if (serverVersion >= ServerVersion.ERROR_TIME) {
            writer.writeLong(error.timeMillis().orElse(0L));
        }
        return writer.toFrame();
    }

    /**
     * @param reader positioned after the message id of a nextValidId
     * @return the order id
     */
    public static int decodeNextValidId(FieldReader reader) {
        reader.skip();
        return reader.readInt();
    }

    /**
     * @param reader positioned after the message id of a managedAccounts
     * @return the account codes, without the empty entry a trailing comma leaves
     */
    public static List<String> decodeManagedAccounts(FieldReader reader) {
        reader.skip();
        List<String> accounts = new ArrayList<>();
        for (String account : reader.readString().split(",")) {
            if (!account.isBlank()) {
                accounts.add(account.trim());
            }
        }
        return List.copyOf(accounts);
    }

    /**
     * @param reader positioned after the message id of a currentTime
     * @return the server's clock in Unix seconds
     */
    public static long decodeCurrentTime(FieldReader reader) {
        reader.skip();
        return reader.readLong();
    }

    /**
     * @param serverVersion the negotiated version
     * @param reader        positioned after the message id of an error
     * @return the error
     */
    public static TwsError decodeError(int serverVersion, FieldReader reader) {
        if (serverVersion < ServerVersion.ERROR_TIME) {
            reader.skip();
        }
        int id = reader.readInt();
        int code = reader.readInt();
        String message = reader.readString();
        String json = serverVersion >= ServerVersion.ADVANCED_ORDER_REJECT && reader.hasMore() ? reader.readString() : "";
        OptionalLong time = serverVersion >= ServerVersion.ERROR_TIME && reader.hasMore()
                ? OptionalLong.of(reader.readLong()) : OptionalLong.empty();
        return new TwsError(id, code, message, json, time);
    }

    private static FieldWriter request(OutgoingMessageId id) {
        return new FieldWriter(DoubleStyle.PYTHON).writeInt(id.code());
    }

    private static FieldWriter event(IncomingMessageId id) {
        return new FieldWriter(DoubleStyle.JAVA).writeInt(id.code());
    }

    /**
     * The content of startApi.
     *
     * @param clientId             the API client id
     * @param optionalCapabilities normally empty
     */
    public record StartApi(int clientId, String optionalCapabilities) {
    }

    /**
     * An error or notice (IN 4).
     *
     * @param id                      the request or order id it refers to, or {@link TwsErrorCode#NO_REQUEST_ID}
     * @param code                    the code, see {@link TwsErrorCode}
     * @param message                 the text
     * @param advancedOrderRejectJson JSON for some order rejections, usually empty
     * @param timeMillis              when TWS raised it, from server version 194 on
     */
    public record TwsError(int id, int code, String message, String advancedOrderRejectJson, OptionalLong timeMillis) {

        /** Normalises nulls. */
        public TwsError {
            message = message == null ? "" : message;
            advancedOrderRejectJson = advancedOrderRejectJson == null ? "" : advancedOrderRejectJson;
            timeMillis = timeMillis == null ? OptionalLong.empty() : timeMillis;
        }

        /**
         * @param id         request id or -1
         * @param code       the code
         * @param message    the text
         * @param timeMillis when it was raised
         * @return an error with no reject JSON
         */
        public static TwsError of(int id, int code, String message, long timeMillis) {
            return new TwsError(id, code, message, "", OptionalLong.of(timeMillis));
        }
    }
}
