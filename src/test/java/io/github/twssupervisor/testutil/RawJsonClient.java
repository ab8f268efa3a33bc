package io.github.twssupervisor.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking-socket client of the JSON profile that knows nothing of our codec: it writes a 4-byte big-endian length
 * and the given text, and reads frames back as Jackson trees, so that tests check the wire's field names themselves.
 * Every read has a timeout.
 */
public final class RawJsonClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /**
     * @param socket a connected socket (plain or TLS)
     */
    public RawJsonClient(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param address the server
     * @return a connected client
     */
    public static RawJsonClient connect(InetSocketAddress address) {
        try {
            return new RawJsonClient(new Socket(address.getAddress(), address.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this client's host:port as the server sees it */
    public String id() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** @return the socket, e.g. to shrink its receive buffer */
    public Socket socket() {
        return socket;
    }

    /** @param json a payload, framed and sent as is */
    public void send(String json) {
        sendRaw(frame(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** @param bytes written as they are, no framing */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param payload a payload
     * @return a length prefix and the payload
     */
    public static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** @return the next frame, parsed; fails on a timeout or the end of the stream */
    public JsonNode read() {
        try {
            int length = in.readInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            return MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param type the expected type
     * @return the next frame, which must be of that type
     */
    public JsonNode read(String type) {
        JsonNode node = read();
        assertEquals(type, node.path("type").asText(), () -> "got " + node);
        return node;
    }

    /** @return true if the server closed the connection (end of stream or a reset) before the read timeout */
    public boolean closedByServer() {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return e instanceof EOFException;
        } catch (SocketException e) {
            return true; // a reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket: nothing to do about it
        }
    }
}
