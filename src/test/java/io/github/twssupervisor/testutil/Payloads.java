package io.github.twssupervisor.testutil;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Frame payloads for codec tests: written as text with {@code |} for NUL, cut at a field, counted. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * @param text fields with {@code |} after each, e.g. {@code 10|1001|AAPL|}
     * @return the payload, NUL-terminated fields in ASCII
     */
    public static byte[] payload(String text) {
        return text.replace('|', '\0').getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param frame a whole frame with its 4-byte length prefix
     * @return its payload
     */
    public static byte[] payloadOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /**
     * @param payload a payload
     * @return how many fields it holds
     */
    public static int fieldCount(byte[] payload) {
        int count = 0;
        for (byte b : payload) {
            count += b == 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * @param payload a payload
     * @param fields  how many of its fields to keep
     * @return its first fields
     */
    public static byte[] truncated(byte[] payload, int fields) {
        int seen = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0 && ++seen == fields) {
                return Arrays.copyOf(payload, i + 1);
            }
        }
        throw new AssertionError("fewer than " + fields + " fields");
    }
}
