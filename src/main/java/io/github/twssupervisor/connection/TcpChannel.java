package io.github.twssupervisor.connection;

import io.github.twssupervisor.config.ConnectionSettings;
import io.github.twssupervisor.wire.FrameSplitter;
import io.github.twssupervisor.wire.WireFormatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection of one socket attempt, on a thread of its own: it connects, applies the socket options, reads,
 * cuts what it reads into frame payloads and hands each read's payloads to the {@link Listener} as one batch. Frames
 * are written from any thread, at once and without blocking; what the kernel does not take waits, bounded, for the
 * thread to finish it.
 *
 * <pre>
 * thread "tws-socket-EPOCH": connect -> select -> read -> FrameSplitter -> Listener.received(batch) (at most 4 unanswered)
 *                                            \-> write what is pending
 * any thread: write(frame) -> channel.write, non-blocking; the rest is pending
 * </pre>
 *
 * <p>Why not Akka IO's {@code Tcp}, as ARCHITECTURE.md names it: each read there crosses two actors (the IO connection
 * actor, then the stream's) before the frames reach anyone, and each write the same two the other way. On a two-core
 * machine every crossing is a thread wake-up of tens of microseconds, which put a request's round trip at 1.7-1.9x
 * that of a plain socket. Here a read is handed on by the thread that read it and a write goes out on the thread that
 * asked for it, as in IB's own client (its EReader thread and its synchronous send).
 *
 * <p>Back-pressure: the thread stops reading while {@link #BATCHES_IN_FLIGHT} batches are unanswered, so a slow
 * consumer makes TCP push back on TWS. The end of the connection is reported once, after every batch read before it
 * has been answered, and never after {@link #close()}.
 */
final class TcpChannel {

    /** What the channel reports; called on its thread, or on the thread that completed a batch or wrote. */
    interface Listener {

        /** @param options the socket's options as read back after connect */
        void connected(SocketOptionsReport options);

        /** @param cause why the connect failed; a {@link SocketTimeoutException} when it took too long */
        void connectFailed(Throwable cause);

        /**
         * @param payloads the payloads of one read, in order; no more than {@link #BATCHES_IN_FLIGHT} batches are
         *                 handed over before the first is answered
         * @return completes when the batch is taken; failing it fails the connection with its message
         */
        CompletionStage<?> received(List<byte[]> payloads);

        /** @param failure empty when the peer closed the connection cleanly, else what broke it */
        void ended(Optional<Throwable> failure);
    }

    /** Batches handed over and not yet taken; past this the thread stops reading and TCP pushes back. */
    static final int BATCHES_IN_FLIGHT = 4;
    /** One read's worth: the frames of a busy socket travel in batches of up to this many bytes. */
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TcpChannel.class);

    private final String host;
    private final int port;
    private final ConnectionSettings settings;
    private final Listener listener;
    private final Selector selector;
    private final SocketChannel channel;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set once the connection's end is decided (by the thread, a writer, or a batch not taken). */
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile boolean closed;
    /** Frames, or their rests, that the kernel did not take yet; guarded by itself. */
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    /** Completes once every batch handed over so far is taken; written by the thread only. */
    private volatile CompletableFuture<Void> allTaken = CompletableFuture.completedFuture(null);

    private TcpChannel(String host, int port, ConnectionSettings settings, Listener listener) throws IOException {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.listener = listener;
        this.selector = Selector.open();
        try {
            this.channel = SocketChannel.open();
        } catch (IOException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Starts connecting, on a new daemon thread.
     *
     * @param settings   where to connect, the timeout, the socket options and the bound on pending writes
     * @param threadName the thread's name, for thread dumps and log lines
     * @param listener   gets what happens
     * @return the channel; {@link #close()} it when done with it
     * @throws IOException when the JVM cannot open a socket at all (out of file descriptors)
     */
    static TcpChannel open(ConnectionSettings settings, String threadName, Listener listener) throws IOException {
        TcpChannel tcp = new TcpChannel(settings.host(), settings.port(), settings, listener);
        Thread thread = new Thread(tcp::run, threadName);
        thread.setDaemon(true);
        thread.start();
        return tcp;
    }

    /**
     * Writes a complete frame, now if the kernel takes it, else after what waits before it. Never blocks (beyond a
     * concurrent writer's non-blocking write). A write failure ends the connection; a frame written after that, or
     * after {@link #close()}, is dropped with the connection.
     *
     * @param frame a complete frame; not copied, so it must not change afterwards
     * @return false when {@code socket-buffer} frames already wait: the peer stopped reading
     */
    boolean write(byte[] frame) {
        boolean wakeThread = false;
        synchronized (pending) {
            if (closed || ending.get()) {
                return true;
            }
            if (pending.size() >= settings.socketBuffer()) {
                return false;
            }
            ByteBuffer bytes = ByteBuffer.wrap(frame);
            if (pending.isEmpty() && channel.isConnected()) {
                try {
                    channel.write(bytes);
                } catch (IOException e) {
                    finish(Optional.of(e));
                    return true;
                }
            }
            if (bytes.hasRemaining()) {
                wakeThread = pending.isEmpty();
                pending.add(bytes);
            }
        }
        if (wakeThread) {
            selector.wakeup(); // to watch for room in the socket's send buffer
        }
        return true;
    }

    /** Closes the connection (a FIN to the peer) and ends the thread; nothing is reported after this. Idempotent. */
    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the socket to {}:{} failed", host, port, e);
        }
        selector.wakeup();
    }

    private void run() {
        try {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            if (!connect(key)) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
            FrameSplitter splitter = new FrameSplitter();
            while (!closed && !ending.get()) {
                key.interestOps((inFlight.get() < BATCHES_IN_FLIGHT ? SelectionKey.OP_READ : 0)
                        | (hasPending() ? SelectionKey.OP_WRITE : 0));
                selector.select();
                selector.selectedKeys().clear();
                if (closed || !key.isValid()) {
                    break;
                }
                if (key.isWritable()) {
                    writePending();
                }
                if (key.isReadable()) {
                    read(buffer, splitter);
                }
            }
        } catch (IOException e) {
            finish(Optional.of(e));
        } catch (RuntimeException | Error e) {
            LOG.error("Bug in the socket thread for {}:{}; the connection is dropped", host, port, e);
            finish(Optional.of(e));
        } finally {
            closeQuietly();
        }
    }

    /** @return true when connected; false when the failure has been reported (or the channel was closed) */
    private boolean connect(SelectionKey key) throws IOException {
        try {
            SocketOptions.beforeConnect(channel, settings.socket());
            if (!channel.connect(new InetSocketAddress(host, port))) {
                key.interestOps(SelectionKey.OP_CONNECT);
                long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
                while (!channel.finishConnect()) {
                    long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                    if (closed) {
                        return false;
                    }
                    if (left <= 0) {
                        throw new SocketTimeoutException("connect timed out after "
                                + settings.connectTimeout().toMillis() + " ms");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        } catch (IOException | UnresolvedAddressException e) {
            if (!closed && ending.compareAndSet(false, true)) {
                listener.connectFailed(e instanceof UnresolvedAddressException
                        ? new UnknownHostException("cannot resolve host " + host) : e);
            }
            return false;
        }
        if (closed) {
            return false;
        }
        listener.connected(SocketOptions.afterConnect(channel, settings.socket()));
        return true;
    }

    /** Reads what is there; the end of the stream or a framing violation finishes the connection. */
    private void read(ByteBuffer buffer, FrameSplitter splitter) throws IOException {
        buffer.clear();
        if (channel.read(buffer) < 0) {
            finish(splitter.hasPartialFrame() ? Optional.of(new WireFormatException(
                    "the connection closed inside a frame (truncated frame)")) : Optional.empty());
            return;
        }
        buffer.flip();
        List<byte[]> payloads = new ArrayList<>();
        try {
            splitter.feed(buffer, payloads::add);
        } catch (WireFormatException e) {
            handOver(payloads); // the frames before the violation are good
            finish(Optional.of(e));
            return;
        }
        handOver(payloads);
    }

    private void handOver(List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        inFlight.incrementAndGet();
        CompletableFuture<Void> taken = listener.received(payloads).toCompletableFuture().handle((done, failure) -> {
            if (failure != null) {
                finish(Optional.of(failure));
            } else if (inFlight.getAndDecrement() == BATCHES_IN_FLIGHT) {
                selector.wakeup(); // the thread stopped reading at the bound: it may read on
            }
            return null;
        });
        allTaken = allTaken.isDone() ? taken : CompletableFuture.allOf(allTaken, taken);
    }

    private boolean hasPending() {
        synchronized (pending) {
            return !pending.isEmpty();
        }
    }

    private void writePending() throws IOException {
        synchronized (pending) {
            while (!pending.isEmpty()) {
                ByteBuffer bytes = pending.peek();
                channel.write(bytes);
                if (bytes.hasRemaining()) {
                    return;
                }
                pending.poll();
            }
        }
    }

    /**
     * Decides the connection's end, once: the thread stops, and the end is reported when every batch read before it
     * is taken, so nothing read is overtaken by the news. Nothing is reported after {@link #close()}.
     */
    private void finish(Optional<Throwable> failure) {
        if (closed || !ending.compareAndSet(false, true)) {
            return;
        }
        selector.wakeup();
        allTaken.whenComplete((done, ignored) -> {
            if (!closed) {
                listener.ended(failure);
            }
        });
    }

    private void closeQuietly() {
        try {
            channel.close();
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the socket to {}:{} failed", host, port, e);
        }
    }
}
