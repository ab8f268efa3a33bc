package io.github.twssupervisor.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JSON profile's baseline: a plain blocking socket that writes ready-made frames (4-byte big-endian length + JSON)
 * and reads whole replies without decoding them. Pipelined runs use one writer thread, held to a window of unanswered
 * frames by a semaphore, and the calling thread as the reader; the writer flushes only when the window is full or it
 * is done, so it batches as much as the window allows. What it measures is what this machine, its loopback and the
 * server allow: the limit the client is compared with.
 */
final class BareJsonSocket implements AutoCloseable {

    private static final int BUFFER = 256 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private byte[] reply = new byte[1024];

    private BareJsonSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
    }

    /** @return a socket connected to the server (which wants no token) */
    static BareJsonSocket connect(InetSocketAddress server) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(BUFFER);
            socket.setSendBufferSize(BUFFER);
            socket.connect(server, 5_000);
            socket.setSoTimeout(30_000);
            return new BareJsonSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param frame a whole frame
     * @return the nanoseconds from writing it to reading one reply
     */
    long roundTrip(byte[] frame) {
        try {
            long start = System.nanoTime();
            out.write(frame);
            out.flush();
            readReply();
            return System.nanoTime() - start;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code count} copies of a frame with at most {@code window} unanswered, stopping early at
     * {@code maxNanos}, and reads every reply.
     *
     * @return replies per second, up to the last one counted before the deadline
     */
    double pipelined(byte[] frame, int window, long count, long maxNanos) {
        Semaphore permits = new Semaphore(window);
        AtomicBoolean stop = new AtomicBoolean();
        long[] written = {0};
        Thread writer = new Thread(() -> write(frame, count, permits, stop, written), "bare-json-writer");
        long start = System.nanoTime();
        writer.start();
        try {
            long read = 0;
            long end = start;
            while (read < count && !stop.get()) {
                readReply();
                permits.release();
                read++;
                end = System.nanoTime();
                stop.set(end - start > maxNanos);
            }
            stop.set(true);
            permits.release(window); // a writer waiting for room sees the stop
            writer.join();
            for (long rest = written[0] - read; rest > 0; rest--) {
                readReply(); // the socket is left clean for the next run
            }
            return read * 1e9 / (end - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(byte[] frame, long count, Semaphore permits, AtomicBoolean stop, long[] written) {
        try {
            for (long i = 0; i < count && !stop.get(); i++) {
                if (!permits.tryAcquire()) {
                    out.flush(); // the window is full: what is buffered must go before waiting for replies
                    permits.acquire();
                    if (stop.get()) {
                        break;
                    }
                }
                out.write(frame);
                written[0]++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readReply() throws IOException {
        int length = in.readInt();
        if (length > reply.length) {
            reply = new byte[length];
        }
        in.readFully(reply, 0, length);
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
