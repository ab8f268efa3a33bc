package io.github.twssupervisor.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.twssupervisor.testutil.Golden;
import io.github.twssupervisor.testutil.Golden.Frame;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our encoders against the bytes that independent TWS clients put on the wire (../shared/golden), and the framing
 * helpers against every recorded frame.
 */
class GoldenEncodingTest {

    /** The client id of the golden request script (README step 1). */
    private static final int SCRIPT_CLIENT_ID = 7;

    @Test
    void startApiIsByteIdenticalToTheOfficialClient() {
        Frame golden = Golden.named(Golden.officialClientFrames(), "START_API");

        assertArrayEquals(golden.frame(), SessionCodec.startApi(SCRIPT_CLIENT_ID, ""), hex(golden.frame()));
    }

    @Test
    void reqCurrentTimeIsByteIdenticalToTheOfficialClient() {
        Frame golden = Golden.named(Golden.officialClientFrames(), "REQ_CURRENT_TIME");

        assertArrayEquals(golden.frame(), SessionCodec.reqCurrentTime(), hex(golden.frame()));
    }

    @Test
    void clientHelloIsByteIdenticalToTheOfficialClientOfferingV100To177() {
        byte[] golden = Golden.officialClientHandshake();

        assertArrayEquals(golden, Handshake.clientHello(new VersionRange(100, 177, "")), hex(golden));
    }

    @Test
    void clientHelloIsByteIdenticalToStoqeyOfferingV100To193() {
        byte[] golden = Golden.stoqeyClientHandshake(176);

        assertArrayEquals(golden, Handshake.clientHello(new VersionRange(100, 193, "")), hex(golden));
    }

    static Stream<Arguments> allGoldenFrames() {
        return Stream.of(
                captured("official client 176", Golden.officialClientFrames()),
                captured("stoqey client 176", Golden.stoqeyClientFrames(176)),
                captured("stoqey client 193", Golden.stoqeyClientFrames(193)),
                captured("stoqey server 176", Golden.stoqeyServerFrames(176)),
                captured("stoqey server 193", Golden.stoqeyServerFrames(193)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allGoldenFrames")
    void goldenPayloadSplitsIntoItsRecordedFields(String label, Frame golden) {
        byte[] payload = Arrays.copyOfRange(golden.frame(), WireLimits.LENGTH_PREFIX_BYTES, golden.frame().length);

        assertEquals(golden.fields(), Frames.fields(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allGoldenFrames")
    void goldenFieldsRebuildTheRecordedFrame(String label, Frame golden) {
        assertArrayEquals(golden.frame(), FieldWriter.frameOf(golden.fields()), hex(golden.frame()));
    }

    private static Stream<Arguments> captured(String capture, List<Frame> frames) {
        return IntStream.range(0, frames.size()).mapToObj(i -> {
            Frame f = frames.get(i);
            String what = f.name().isEmpty() ? "msgId " + f.fields().get(0) : f.name();
            return Arguments.of(capture + " #" + i + " " + what, f);
        });
    }

    private static String hex(byte[] bytes) {
        return "golden bytes " + HexFormat.of().formatHex(bytes);
    }
}
