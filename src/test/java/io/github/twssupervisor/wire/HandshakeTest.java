package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.Golden.Frame;
import io.github.twssupervisor.wire.Handshake.ServerHello;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unframed start of a session: {@code API\0}, the version offer and the server's version frame (§2). */
class HandshakeTest {

    private static final String CONNECTION_TIME = "20261122 10:30:00 UTC";

    /** A payload of NUL-terminated fields, built by hand. */
    private static byte[] payload(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Test
    void preambleIsApiNul() {
        // TWS-WIRE.md §2.1: 41 50 49 00
        assertArrayEquals(new byte[] {0x41, 0x50, 0x49, 0x00}, Handshake.preamble());
    }

    @Test
    void preambleIsACopy() {
        byte[] first = Handshake.preamble();
        first[0] = 'X';

        assertNotSame(first, Handshake.preamble());
        assertEquals(0x41, Handshake.preamble()[0]);
    }

    @Test
    void isPreambleAcceptsOnlyApiNul() {
        assertTrue(Handshake.isPreamble(new byte[] {'A', 'P', 'I', 0}));
        assertFalse(Handshake.isPreamble(new byte[] {'A', 'P', 'I', ' '}));
        assertFalse(Handshake.isPreamble(new byte[] {'G', 'E', 'T', ' '}));
        assertFalse(Handshake.isPreamble(new byte[] {'A', 'P', 'I'}));
    }

    @Test
    void clientHelloIsPreambleThenLengthThenTheVersionStringWithoutNul() {
        // TWS-WIRE.md §2.1: 41 50 49 00 | 00 00 00 09 | 76 31 37 36 2E 2E 32 30 30
        byte[] expected = {0x41, 0x50, 0x49, 0x00, 0, 0, 0, 9, 'v', '1', '7', '6', '.', '.', '2', '0', '0'};

        assertArrayEquals(expected, Handshake.clientHello(new VersionRange(176, 200, "")));
    }

    @Test
    void clientHelloCarriesConnectOptions() {
        byte[] hello = Handshake.clientHello(new VersionRange(176, 200, "+PACEAPI"));
        String version = "v176..200 +PACEAPI";

        assertEquals(version.length(), Frames.readLength(hello, 4));
        assertEquals(version, new String(hello, 8, hello.length - 8, StandardCharsets.US_ASCII));
    }

    @Test
    void serverHelloIsRecognisedAndDecoded() {
        byte[] payload = payload("176", CONNECTION_TIME);

        assertTrue(ServerHello.matches(payload));
        assertEquals(new ServerHello(176, CONNECTION_TIME), ServerHello.decode(payload));
    }

    @Test
    void serverHelloWithANonUtf8ZoneNameIsDecoded() {
        // TWS-WIRE.md §9 item 3: 31 37 33 00 + "20251205 23:13:45 " + GB2312 bytes + 00
        byte[] gb2312 = {(byte) 0xD6, (byte) 0xD0, (byte) 0xB9, (byte) 0xFA, (byte) 0xB1, (byte) 0xEA, (byte) 0xD7,
            (byte) 0xBC, (byte) 0xCA, (byte) 0xB1, (byte) 0xBC, (byte) 0xE4, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(payload("173"));
        out.writeBytes("20251205 23:13:45 ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(gb2312);

        ServerHello hello = ServerHello.decode(out.toByteArray());

        assertEquals(173, hello.serverVersion());
        assertTrue(hello.connectionTime().startsWith("20251205 23:13:45 "), hello.connectionTime());
    }

    @Test
    void aFrameOfThreeFieldsIsNotTheServerHello() {
        byte[] payload = payload("176", CONNECTION_TIME, "extra");

        assertFalse(ServerHello.matches(payload));
        assertThrows(WireFormatException.class, () -> ServerHello.decode(payload));
    }

    @Test
    void aFrameOfOneFieldIsNotTheServerHello() {
        assertFalse(ServerHello.matches(payload("176")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "17a", "1.5", "12345678901", "١٧٦"})
    void aFrameWhoseFirstFieldIsNotAVersionNumberIsNotTheServerHello(String first) {
        byte[] payload = payload(first, CONNECTION_TIME);

        assertFalse(ServerHello.matches(payload));
        assertThrows(WireFormatException.class, () -> ServerHello.decode(payload));
    }

    @Test
    void aVersionFrameWhoseVersionIsNoNumberIsNamed() {
        byte[] payload = payload("banana", CONNECTION_TIME);

        assertTrue(ServerHello.hasVersionFrameShape(payload));
        WireFormatException e = assertThrows(WireFormatException.class, () -> ServerHello.decode(payload));
        assertEquals("not a TWS server version: 'banana'", e.getMessage());
    }

    @Test
    void onlyFramesOfTwoFieldsHaveTheVersionFrameShape() {
        assertTrue(ServerHello.hasVersionFrameShape(payload("176", CONNECTION_TIME)));
        assertFalse(ServerHello.hasVersionFrameShape(payload("176")));
        assertFalse(ServerHello.hasVersionFrameShape(payload("4", "2", "-1")));
    }

    @Test
    void aTwsReplyStartsWithAZeroByte() {
        byte[] frame = Handshake.serverHelloFrame(new ServerHello(ServerVersion.MAX_SUPPORTED, CONNECTION_TIME));

        assertEquals(java.util.Optional.empty(), Handshake.notTwsReply(frame));
        assertEquals(java.util.Optional.empty(), Handshake.notTwsReply(Arrays.copyOf(frame, 4)));
    }

    @Test
    void fewerThanFourBytesDecideNothing() {
        assertEquals(java.util.Optional.empty(), Handshake.notTwsReply("HTT".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anHttpAnswerIsRecognisedAndNamed() {
        byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertEquals(java.util.Optional.of("looks like an HTTP server, not TWS: it answered 'HTTP/1.1 400 Bad Request'"),
                Handshake.notTwsReply(http));
    }

    @Test
    void otherTextIsQuoted() {
        byte[] ssh = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);

        assertEquals(java.util.Optional.of("not TWS: it answered 'SSH-2.0-OpenSSH_9.2', which is no TWS frame"),
                Handshake.notTwsReply(ssh));
    }

    @Test
    void binaryIsShownInHex() {
        assertEquals(java.util.Optional.of("not TWS: its first bytes 16 03 01 00 2a are no TWS frame length"),
                Handshake.notTwsReply(new byte[] {0x16, 0x03, 0x01, 0x00, 0x2a}));
    }

    @Test
    void serverHelloFrameRoundTrips() {
        ServerHello hello = new ServerHello(ServerVersion.MAX_SUPPORTED, CONNECTION_TIME);

        byte[] frame = Handshake.serverHelloFrame(hello);
        byte[] payload = Arrays.copyOfRange(frame, WireLimits.LENGTH_PREFIX_BYTES, frame.length);

        assertEquals(payload.length, Frames.readLength(frame, 0));
        assertEquals(hello, ServerHello.decode(payload));
    }

    @ParameterizedTest
    @ValueSource(ints = {176, 193})
    void serverHelloMatchesTheGoldenServersFirstFrame(int serverVersion) {
        // The first server frame that @stoqey/ib accepted: <serverVersion>|20261122 10:30:00 UTC|
        Frame golden = Golden.stoqeyServerFrames(serverVersion).get(0);
        byte[] payload = Arrays.copyOfRange(golden.frame(), WireLimits.LENGTH_PREFIX_BYTES, golden.frame().length);
        ServerHello expected = new ServerHello(serverVersion, CONNECTION_TIME);

        assertEquals(expected, ServerHello.decode(payload));
        assertArrayEquals(golden.frame(), Handshake.serverHelloFrame(expected));
    }
}
