package io.github.twssupervisor.bench;

import io.github.twssupervisor.wire.FieldReader;
import io.github.twssupervisor.wire.Handshake;
import io.github.twssupervisor.wire.IncomingMessageId;
import io.github.twssupervisor.wire.SessionCodec;
import io.github.twssupervisor.wire.VersionRange;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The baseline of the end-to-end benchmarks: a plain blocking Java socket that does the least a TWS client can do (the
 * handshake, then reading length-prefixed frames), with no actors, no decoding and no copies beyond one buffer. What it
 * measures is what this machine, its loopback and the simulator allow: the physical limit the client is compared with.
 */
final class BareTwsSocket implements AutoCloseable {

    /** The same range the client offers by default. */
    private static final VersionRange RANGE = new VersionRange(176, 200, "");
    private static final int READ_BUFFER = 256 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private byte[] frame = new byte[1024];
    private int frameLength;
    private int serverVersion;
    private Marks marks;

    private BareTwsSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects, handshakes and waits for nextValidId and managedAccounts, as the client does before READY.
     *
     * @param address  the simulator
     * @param clientId a client id no other connection uses
     * @return the connected socket, with the {@link #marks()} of its handshake
     */
    static BareTwsSocket connect(InetSocketAddress address, int clientId) {
        try {
            long start = System.nanoTime();
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(READ_BUFFER);
            socket.connect(address, 5_000);
            long connected = System.nanoTime();
            socket.setSoTimeout(30_000);
            BareTwsSocket bare = new BareTwsSocket(socket);
            bare.write(Handshake.clientHello(RANGE));
            long helloSent = System.nanoTime();
            bare.serverVersion = bare.readMessageId(); // the version frame: version, then connection time
            long versionRead = System.nanoTime();
            bare.write(SessionCodec.startApi(clientId, ""));
            boolean nextValidId = false;
            boolean accounts = false;
            while (!nextValidId || !accounts) {
                int id = bare.readMessageId();
                nextValidId |= id == IncomingMessageId.NEXT_VALID_ID.code();
                accounts |= id == IncomingMessageId.MANAGED_ACCOUNTS.code();
            }
            bare.marks = new Marks(start, connected, helloSent, versionRead, System.nanoTime());
            return bare;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When each step of the handshake ended, in {@link System#nanoTime()}.
     *
     * @param start       before the socket was made
     * @param connected   TCP connect returned
     * @param helloSent   the preamble and the version offer written
     * @param versionRead the server's version frame read (startApi is written right after)
     * @param answers     both nextValidId and managedAccounts read: where the client is READY
     */
    record Marks(long start, long connected, long helloSent, long versionRead, long answers) {
    }

    /** @return the marks of this socket's handshake */
    Marks marks() {
        return marks;
    }

    /** @return the negotiated server version */
    int serverVersion() {
        return serverVersion;
    }

    /** @param frame a complete frame, written at once */
    void write(byte[] frame) {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one frame into the reused buffer.
     *
     * @return its payload length
     */
    int readFrame() throws IOException {
        frameLength = in.readInt();
        if (frameLength > frame.length) {
            frame = new byte[frameLength];
        }
        in.readFully(frame, 0, frameLength);
        return frameLength;
    }

    /** @return the message id of the next frame, read from the bytes without a String */
    int readMessageId() throws IOException {
        readFrame();
        return new FieldReader(frame, 0, frameLength).readInt();
    }

    /**
     * Counts frames of one message id until {@code count} have arrived; other frames are read and skipped.
     *
     * @param messageId the id to count
     * @param count     how many
     */
    void countFrames(int messageId, long count) throws IOException {
        long seen = 0;
        while (seen < count) {
            readFrame();
            // The message id is the first field: compare its digits without parsing the frame.
            if (startsWithId(messageId)) {
                seen++;
            }
        }
    }

    private boolean startsWithId(int messageId) {
        int value = 0;
        for (int i = 0; i < frameLength && frame[i] != 0; i++) {
            value = value * 10 + (frame[i] - '0');
        }
        return value == messageId;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a benchmark socket: nothing to recover
        }
    }
}
