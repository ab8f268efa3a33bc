package io.github.twssupervisor.orders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Recorded real frames of TWS-WIRE.md §9 ({@code |} = NUL, length prefix removed) and helpers for the order codec tests. */
final class RecordedFrames {

    /** TWS-WIRE.md §9 item 22, S5 live, sv 200. */
    static final String EXEC_DETAILS_200 = "11|-1|1|265598|AAPL|STK||0.0|||IEX|USD|AAPL|NMS|sanitized-native-exec-001|20260413 15:27:04 US/Easte"
            + "rn|DU9000001|IEX|BOT|1|257.95|900001|94|0|1|257.95|||||2|0||";

    /** TWS-WIRE.md §9 item 23, S4t, sv 173 (same layout as sv 176, the first of our range). */
    static final String EXEC_DETAILS_173 = "11|-1|5|265598|AAPL|STK||0.0|||IEX|USD|AAPL|NMS|0000e0d5.67fe667b.01.01|20250415  19:38:31|DU1234567"
            + "|IEX|BOT|100|201.94|600745656|100|0|100|201.94|||||2|";

    /** TWS-WIRE.md §9 item 24, S5 live. */
    static final String COMMISSION_REPORT = "59|1|sanitized-commission-exec-001|1.0003|USD|-68.051912|1.7976931348623157E308||";

    /** TWS-WIRE.md §9 item 24, S5 live. */
    static final String EXEC_DETAILS_END = "55|1|3|";

    /** TWS-WIRE.md §9 item 25, S5 live, sv 200. */
    static final String ORDER_STATUS_LIVE = "3|0|PreSubmitted|0|1|0|9000|0|0|0||0|";

    /** TWS-WIRE.md §9 item 25, S5 live. */
    static final String OPEN_ORDER_END = "53|1|";

    /** TWS-WIRE.md §9 item 26, S4t, sv 173. */
    static final String ORDER_STATUS_PRESUBMITTED = "3|5|PreSubmitted|0|100|0|600745656|0|0|100||0|";

    /** TWS-WIRE.md §9 item 26, S4t, sv 173. */
    static final String ORDER_STATUS_FILLED = "3|5|Filled|100|0|201.94|600745656|0|201.94|100||0|";

    /** TWS-WIRE.md §9 item 27, S4t, sv 173: 136 fields, MKT BUY 100 AAPL; the sv-176 layout. */
    static final String OPEN_ORDER_173 = "5|5|265598|AAPL|STK||0|?||SMART|USD|AAPL|NMS|BUY|100|MKT|0.0|0.0|DAY||DU1234567||0||100|600745656|0|"
            + "0|0||600745656.0/DU1234567/100||||||||||0||-1|0||||||2147483647|0|0|0||3|0|0||0|0||0|None||0||||?|0|"
            + "0||0|0||||||0|0|0|2147483647|2147483647|||0||IB|0|0||0|0|PreSubmitted|1.7976931348623157E308|1.79769"
            + "31348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623"
            + "157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308||||||0|0|0|None|1.79769"
            + "31348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623"
            + "157E308|1.7976931348623157E308|0||||0|1|0|0|0|||0||100|0.02|||";

    /** TWS-WIRE.md §9 item 28, S5 live, sv 200: 156 fields, LMT SELL 1 OBDC put GTC. */
    static final String OPEN_ORDER_200 = "5|0|853200900|OBDC|OPT|20261120|10|P|100|SMART|USD|OBDC  261120P00010000|OBDC|SELL|1|LMT|1.2|0.0|GTC"
            + "||DU9000001||0||0|9000|0|0|0||9000.1/DU9000001/100||||||0|||0||-1|0||||||2147483647|0|0|0||3|0|0||0|"
            + "0||0|None||0||||?|0|0||0|0||||||0|0|0|2147483647|2147483647|||0||IB|0|0||0|0|PreSubmitted|1.79769313"
            + "48623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157"
            + "E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308||||"
            + "||1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976"
            + "931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.797693134862"
            + "3157E308|-9223372036854775808||0||0|0|0|None|1.7976931348623157E308|1.7976931348623157E308|1.7976931"
            + "348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|0||||0|1|0|0|0|||"
            + "0|||||||0||0||2147483647||0|";

    private RecordedFrames() {
    }

    /** @return the payload of a {@code |}-separated text, each field NUL-terminated */
    static byte[] payload(String text) {
        return text.replace('|', '\0').getBytes(StandardCharsets.UTF_8);
    }

    /** @return a frame's payload, without its 4-byte length prefix */
    static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /** @return the fields of a payload (each NUL-terminated) */
    static String[] fields(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.substring(0, text.length() - 1).split("\0", -1);
    }

    /** @return the payload cut after {@code fields} fields */
    static byte[] truncated(byte[] payload, int fields) {
        int seen = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0 && ++seen == fields) {
                return Arrays.copyOf(payload, i + 1);
            }
        }
        return payload.clone();
    }
}
