package io.github.twssupervisor.fuzz;

import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.ServerVersion;
import io.github.twssupervisor.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The real frames the fuzz tests start from, as payloads without their length prefix: the golden captures in
 * {@code ../shared/golden/} and the live server messages recorded in TWS-WIRE.md §9 (transcribed below; {@code |} is
 * NUL, excerpts end at their last complete field).
 */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    /** Inbound messages whose layout changes inside the supported range (TWS-WIRE.md §3.3). */
    private static final Set<String> VERSIONED_LAYOUT = Set.of(String.valueOf(IncomingMessageId.OPEN_ORDER.code()),
            String.valueOf(IncomingMessageId.EXEC_DETAILS.code()),
            String.valueOf(IncomingMessageId.COMPLETED_ORDER.code()),
            String.valueOf(IncomingMessageId.CONTRACT_DETAILS.code()),
            String.valueOf(IncomingMessageId.HISTORICAL_DATA.code()));

    /**
     * A real server payload and the server versions whose layout it follows.
     *
     * @param label      where it comes from
     * @param minVersion the lowest supported version it is valid at
     * @param maxVersion the highest supported version it is valid at
     * @param payload    the payload
     */
    record ServerSeed(String label, int minVersion, int maxVersion, byte[] payload) {

        @Override
        public String toString() {
            return label + " " + new String(payload, StandardCharsets.ISO_8859_1).replace('\0', '|');
        }
    }

    /** The handshake reply in a host code page (GB2312 zone name), TWS-WIRE.md §9 item 3. */
    private static final byte[] GB2312_HANDSHAKE_REPLY = concat(
            "173\0" + "20251205 23:13:45 ",
            new byte[] {(byte) 0xD6, (byte) 0xD0, (byte) 0xB9, (byte) 0xFA, (byte) 0xB1, (byte) 0xEA, (byte) 0xD7,
                (byte) 0xBC, (byte) 0xCA, (byte) 0xB1, (byte) 0xBC, (byte) 0xE4, 0});

    /** TWS-WIRE.md §9, server-to-client messages only; S5 at server version 200, S4 at 173. */
    private static final List<ServerSeed> RECORDED = List.of(
            recorded("S4t #2", 173, "173|20250415 19:38:30 British Summer Time|"),
            recorded("S5 #4", 200, "15|1|DU9000001|"),
            recorded("S5 #5", 200, "9|1|1|"),
            recorded("S5 #6", 200, "4|-1|2104|Market data farm connection is OK:usfarm||1775425766350|"),
            recorded("S4t #7", 173, "4|2|-1|2104|Market data farm connection is OK:usfarm||"),
            recorded("S4t #7", 173,
                    "4|2|-1|2107|HMDS data farm connection is inactive but should be available upon demand.ushmds||"),
            recorded("S4t #7", 173, "4|2|-1|2158|Sec-def data farm connection is OK:secdefil||"),
            recorded("S4y #8", 173, "49|1|1752606307|"),
            recorded("S5 #9", 200, "49|1|1781163646|"),
            recorded("S5 #9", 200, "109|1783641780497|"),
            recorded("S5 #11", 200, "61|3|DU9000001|3691937|AMZN|STK||0.0|||NASDAQ|USD|AMZN|NMS|15|200.25|"),
            recorded("S5 #11", 200, "62|1|"),
            recorded("S4y #12", 173, "61|3|ACCOUNT_ID|637533641|ES|FUT|20250919|0.0||50||USD|ESU5|ES|1|315114.75|"),
            recorded("S4y #12", 173, "61|3|ACCOUNT_ID|265598|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|-110|201.8829709|"),
            recorded("S4y #14", 173, "63|1|9000|ACCOUNT_ID|NetLiquidation|246447.83|USD|"),
            recorded("S4y #14", 173, "64|1|9000|"),
            recorded("S5 #15", 200, "63|1|1001|DU9000001|BuyingPower|300000.00|EUR|"),
            recorded("S5 #15", 200, "64|1|1001|"),
            recorded("S5 #16", 200, "1|6|1001|68|255.45|200|0|"),
            recorded("S5 #16", 200, "2|6|1001|74|312894|"),
            recorded("S5 #17", 200, "58|1|1001|3|"),
            recorded("S5 #17", 200, "57|1|1001|"),
            recorded("S5 #18", 200, "81|1001|0.01|9c0001|4|"),
            recorded("S5 #18", 200, "45|6|1001|46|3.0|"),
            recorded("S5 #18", 200, "46|6|1001|88|1775174157|"),
            recorded("S5 #19", 200, "52|1|1001|"),
            // The excerpt keeps 2 of the 7 bars TWS sent: its bar count says 2, so that it is a whole frame.
            recorded("S5 #20", 200,
                    "17|1001|2|20260402 09:30:00 US/Eastern|254.20|254.80|250.65|252.53|2829736|252.266|13633|2026040"
                    + "2 10:00:00 US/Eastern|252.52|255.40|251.19|255.38|2797972|252.971|16541|"),
            recorded("S5 #21", 200,
                    "106|1001|20260312-09:30:00|20260410-16:00:00|US/Eastern|21|20260312-09:30:00|20260312-16:00:00|2"
                    + "0260312|"),
            recorded("S5 #22", 200,
                    "11|-1|1|265598|AAPL|STK||0.0|||IEX|USD|AAPL|NMS|sanitized-native-exec-001|20260413 15:27:04 US/E"
                    + "astern|DU9000001|IEX|BOT|1|257.95|900001|94|0|1|257.95|||||2|0||"),
            recorded("S4t #23", 173,
                    "11|-1|5|265598|AAPL|STK||0.0|||IEX|USD|AAPL|NMS|0000e0d5.67fe667b.01.01|20250415  19:38:31|DU123"
                    + "4567|IEX|BOT|100|201.94|600745656|100|0|100|201.94|||||2|"),
            recorded("S5 #24", 200,
                    "59|1|sanitized-commission-exec-001|1.0003|USD|-68.051912|1.7976931348623157E308||"),
            recorded("S5 #24", 200, "55|1|3|"),
            recorded("S5 #25", 200, "3|0|PreSubmitted|0|1|0|9000|0|0|0||0|"),
            recorded("S5 #25", 200, "53|1|"),
            recorded("S4t #26", 173, "3|5|PreSubmitted|0|100|0|600745656|0|0|100||0|"),
            recorded("S4t #26", 173, "3|5|Filled|100|0|201.94|600745656|0|201.94|100||0|"),
            recorded("S4t #27", 173,
                    "5|5|265598|AAPL|STK||0|?||SMART|USD|AAPL|NMS|BUY|100|MKT|0.0|0.0|DAY||DU1234567||0||100|60074565"
                    + "6|0|0|0||600745656.0/DU1234567/100||||||||||0||-1|0||||||2147483647|0|0|0||3|0|0||0|0||0|None||0"
                    + "||||?|0|0||0|0||||||0|0|0|2147483647|2147483647|||0||IB|0|0||0|0|PreSubmitted|1.7976931348623157"
                    + "E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308"
                    + "|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308||||"
                    + "||0|0|0|None|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.797693134862"
                    + "3157E308|1.7976931348623157E308|1.7976931348623157E308|0||||0|1|0|0|0|||0||100|0.02|||"),
            recorded("S5 #28", 200,
                    "5|0|853200900|OBDC|OPT|20261120|10|P|100|SMART|USD|OBDC  261120P00010000|OBDC|SELL|1|LMT|1.2|0.0"
                    + "|GTC||DU9000001||0||0|9000|0|0|0||9000.1/DU9000001/100||||||0|||0||-1|0||||||2147483647|0|0|0||3"
                    + "|0|0||0|0||0|None||0||||?|0|0||0|0||||||0|0|0|2147483647|2147483647|||0||IB|0|0||0|0|PreSubmitte"
                    + "d|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1."
                    + "7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976"
                    + "931348623157E308||||||1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.797"
                    + "6931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931"
                    + "348623157E308|1.7976931348623157E308|-9223372036854775808||0||0|0|0|None|1.7976931348623157E308|"
                    + "1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.7976931348623157E308|1.79"
                    + "76931348623157E308|0||||0|1|0|0|0|||0|||||||0||0||2147483647||0|"),
            recorded("S5 #29", 200,
                    "10|1001|ES|FUT|20261218 08:30:00 US/Central|20261218|0||CME|USD|ESZ6|ES|ES|515416632|0.25|50|ACT"
                    + "IVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,BENCHPX,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACT"
                    + "EOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,LTH,MIT,MKT,MKTPROT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,SCAL"
                    + "E,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,STPPROT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF|CM"
                    + "E,QBALGO|1|11004968|E-mini S&P 500||202612||||US/Central|;20260405:1700-20260406:1600;20260406:1"
                    + "700-20260407:1600;20260407:1700-20260408:1600;20260408:1700-20260409:1600;20260409:1700-20260410"
                    + ":1600|20260405:CLOSED;20260406:0830-20260406:1600;20260407:0830-20260407:1600;20260408:0830-2026"
                    + "0408:1600;20260409:0830-20260409:1600;20260410:0830-20260410:1600|||0|2147483647|ES|IND|67,67|20"
                    + "261218||1|1|1|0|"),
            new ServerSeed("S4 #3", ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, GB2312_HANDSHAKE_REPLY));

    /** @return every golden and recorded server payload */
    static List<ServerSeed> serverSeeds() {
        List<ServerSeed> seeds = new ArrayList<>(RECORDED);
        for (int version : new int[] {176, 193}) {
            int index = 0;
            for (Golden.Frame frame : Golden.stoqeyServerFrames(version)) {
                seeds.add(seed("golden stoqey-server-frames " + version + " #" + index++, version, payload(frame)));
            }
        }
        return List.copyOf(seeds);
    }

    /** @return every golden client payload: the official client at 176, @stoqey/ib at 176 and 193 */
    static List<byte[]> clientPayloads() {
        List<byte[]> payloads = new ArrayList<>();
        Golden.officialClientFrames().forEach(f -> payloads.add(payload(f)));
        Golden.stoqeyClientFrames(176).forEach(f -> payloads.add(payload(f)));
        Golden.stoqeyClientFrames(193).forEach(f -> payloads.add(payload(f)));
        return List.copyOf(payloads);
    }

    /** @return the payloads of the golden version frames ({@code v100..177}, {@code v100..193}) */
    static List<byte[]> handshakePayloads() {
        int skip = 2 * WireLimits.LENGTH_PREFIX_BYTES; // API\0, then the length prefix
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] hello : List.of(Golden.officialClientHandshake(), Golden.stoqeyClientHandshake(176),
                Golden.stoqeyClientHandshake(193))) {
            payloads.add(Arrays.copyOfRange(hello, skip, hello.length));
        }
        return List.copyOf(payloads);
    }

    /**
     * @param frame a golden frame
     * @return its payload
     */
    static byte[] payload(Golden.Frame frame) {
        return Arrays.copyOfRange(frame.frame(), WireLimits.LENGTH_PREFIX_BYTES, frame.frame().length);
    }

    private static ServerSeed recorded(String label, int recordedVersion, String text) {
        byte[] payload = text.replace('|', '\0').getBytes(StandardCharsets.ISO_8859_1);
        return seed("TWS-WIRE.md §9 " + label, recordedVersion, payload);
    }

    /**
     * The error message changes layout at {@link ServerVersion#ERROR_TIME}; openOrder, execDetails, completedOrder,
     * contractDetails and historicalData at several versions, so such a seed is valid at its recorded version only
     * (173 read as 176, the nearest we speak); every other seed is valid throughout.
     */
    private static ServerSeed seed(String label, int recordedVersion, byte[] payload) {
        if (VERSIONED_LAYOUT.contains(Frames.fields(payload).get(0))) {
            int version = Math.max(recordedVersion, ServerVersion.MIN_SUPPORTED);
            return new ServerSeed(label, version, version, payload);
        }
        boolean error = Frames.fields(payload).get(0).equals(String.valueOf(IncomingMessageId.ERROR.code()));
        if (!error) {
            return new ServerSeed(label, ServerVersion.MIN_SUPPORTED, ServerVersion.MAX_SUPPORTED, payload);
        }
        return recordedVersion < ServerVersion.ERROR_TIME
                ? new ServerSeed(label, ServerVersion.MIN_SUPPORTED, ServerVersion.ERROR_TIME - 1, payload)
                : new ServerSeed(label, ServerVersion.ERROR_TIME, ServerVersion.MAX_SUPPORTED, payload);
    }

    private static byte[] concat(String text, byte[] bytes) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + bytes.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return all;
    }
}
