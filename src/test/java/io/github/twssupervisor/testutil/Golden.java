package io.github.twssupervisor.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The wire captures in {@code ../shared/golden/}: what independent TWS clients sent (and accepted) for the request
 * script in its README. The directory comes from the {@code golden.dir} system property set by the pom.
 */
public final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /**
     * One recorded frame.
     *
     * @param name   the message name in the capture (e.g. START_API), or empty for server frames
     * @param fields the fields, without NULs
     * @param frame  the whole frame, length prefix included
     */
    public record Frame(String name, List<String> fields, byte[] frame) {
    }

    /** @return the golden directory */
    public static Path dir() {
        return Path.of(System.getProperty("golden.dir", "../shared/golden"));
    }

    /** @return the frames the official Python client sent at server version 176, in script order */
    public static List<Frame> officialClientFrames() {
        JsonNode connection = read("official-py-client-frames-176.json").get("connections").get(0);
        return frames(connection.get("frames"));
    }

    /** @return the handshake bytes the official Python client sent */
    /** @return the server frames the official client decoded without error, in the order they were sent */
    public static List<Frame> officialServerFrames() {
        return frames(read("official-py-client-frames-176.json").get("connections").get(0).get("serverFrames"));
    }

    public static byte[] officialClientHandshake() {
        JsonNode connection = read("official-py-client-frames-176.json").get("connections").get(0);
        return HexFormat.of().parseHex(connection.get("handshake").get("hex").asText());
    }

    /**
     * @param serverVersion 176 or 193
     * @return the frames @stoqey/ib sent at that version, in script order
     */
    public static List<Frame> stoqeyClientFrames(int serverVersion) {
        return frames(read("stoqey-client-frames.json").get("captures").get(String.valueOf(serverVersion)).get("frames"));
    }

    /**
     * @param serverVersion 176 or 193
     * @return the handshake bytes @stoqey/ib sent
     */
    public static byte[] stoqeyClientHandshake(int serverVersion) {
        JsonNode capture = read("stoqey-client-frames.json").get("captures").get(String.valueOf(serverVersion));
        return HexFormat.of().parseHex(capture.get("handshake").get("hex").asText());
    }

    /**
     * @param serverVersion 176 or 193
     * @return server frames that @stoqey/ib's strict decoder accepted
     */
    public static List<Frame> stoqeyServerFrames(int serverVersion) {
        return frames(read("stoqey-server-frames.json").get("captures").get(String.valueOf(serverVersion)).get("frames"));
    }

    /**
     * @param frames all frames of a capture
     * @param name   a message name
     * @return the first frame with that name
     */
    public static Frame named(List<Frame> frames, String name) {
        return frames.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden frame named " + name));
    }

    private static List<Frame> frames(JsonNode array) {
        List<Frame> frames = new ArrayList<>();
        for (JsonNode node : array) {
            List<String> fields = new ArrayList<>();
            node.get("fields").forEach(f -> fields.add(f.asText()));
            String name = node.has("name") ? node.get("name").asText() : "";
            frames.add(new Frame(name, List.copyOf(fields), HexFormat.of().parseHex(node.get("hex").asText())));
        }
        return List.copyOf(frames);
    }

    private static JsonNode read(String file) {
        try {
            return JSON.readTree(Files.readString(dir().resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + dir().resolve(file), e);
        }
    }
}
