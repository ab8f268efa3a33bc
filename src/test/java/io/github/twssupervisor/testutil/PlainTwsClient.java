package io.github.twssupervisor.testutil;

import io.github.twssupervisor.wire.FieldWriter;
import io.github.twssupervisor.wire.Frames;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * A TWS client made of a plain blocking socket, for integration tests of the simulator: it shares no code with the
 * library's connection layer, only the wire codecs. Every read has a timeout, so a test can never hang.
 */
public final class PlainTwsClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private PlainTwsClient(Socket socket) throws IOException {
        this.socket = socket;
        // Buffered: two system calls per frame made the 10,000-subscription test's reader fall behind the simulator
        // (which then drops it, as TWS drops a client that stops reading) whenever the machine was busy.
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /**
     * @param address the simulator's address
     * @return a connected client that has sent nothing yet
     */
    public static PlainTwsClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            return new PlainTwsClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Handshake and startApi, consuming nothing after the version frame.
     *
     * @param address  the simulator
     * @param range    the versions offered
     * @param clientId the client id
     * @return the client, with the version frame read and startApi sent
     */
    public static PlainTwsClient started(InetSocketAddress address, VersionRange range, int clientId) {
        PlainTwsClient client = connect(address);
        client.send(Handshake.clientHello(range));
        client.readFields();
        client.send(SessionCodec.startApi(clientId, ""));
        return client;
    }

    /** @param bytes raw bytes to write */
    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param fields a message to write as one frame */
    public void sendFields(List<String> fields) {
        send(FieldWriter.frameOf(fields));
    }

    /**
     * @return the fields of the next frame
     * @throws AssertionError if the connection closes or nothing arrives within the read timeout
     */
    public List<String> readFields() {
        try {
            int length = in.readInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            return Frames.fields(payload);
        } catch (EOFException e) {
            throw new AssertionError("connection closed while a frame was expected");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame within " + READ_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads frames until one whose first field is {@code messageId}.
     *
     * @param messageId the incoming message id wanted
     * @return its fields
     */
    public List<String> readUntil(int messageId) {
        String wanted = String.valueOf(messageId);
        while (true) {
            List<String> fields = readFields();
            if (fields.get(0).equals(wanted)) {
                return fields;
            }
        }
    }

    /**
     * Asserts that the peer closes the connection, with no further frame before the close.
     *
     * @throws AssertionError if a frame arrives or the socket stays open past the read timeout
     */
    public void assertClosedWithoutFrame() {
        try {
            int b = in.read();
            if (b != -1) {
                throw new AssertionError("expected the connection to close, but a byte arrived: " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + READ_TIMEOUT_MS + " ms");
        } catch (SocketException e) {
            // A reset is a close too.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Aborts the connection with a TCP reset (SO_LINGER 0), as a crashed client or a killed process does. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
